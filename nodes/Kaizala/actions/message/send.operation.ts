import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asObject, clientFor, groupLocator, readId, readRecipients, recipientsProperties, showFor } from '../common';

/** Kaizala's limit, counted as .NET counts string length: UTF-16 code units. */
export const MAX_MESSAGE_UNITS = 4000;

const properties: INodeProperties[] = [
	groupLocator(),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		required: true,
		description: 'The text, at most 4,000 UTF-16 units (an emoji counts 2)',
	},
	...recipientsProperties,
];

export const description = updateDisplayOptions(showFor('message', 'send'), properties);

/** Checks the text before any request. JavaScript's `length` counts UTF-16 code units, as .NET does. */
export function checkMessage(this: IExecuteFunctions, text: string, i: number): void {
	if (text.trim() === '') throw new NodeOperationError(this.getNode(), 'Message: the text is empty', { itemIndex: i });
	if (text.length > MAX_MESSAGE_UNITS) {
		throw new NodeOperationError(
			this.getNode(),
			`Message: ${text.length} UTF-16 units, more than Kaizala's ${MAX_MESSAGE_UNITS}`,
			{ itemIndex: i, description: 'Shorten the text or split it into several messages. Characters outside the Basic Multilingual Plane, such as emoji, count 2.' },
		);
	}
}

/** POST /groups/{groupId}/messages → {referenceId}. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const groupId = readId.call(this, 'groupId', 'Group', i);
	const message = String(this.getNodeParameter('message', i, ''));
	checkMessage.call(this, message, i);
	const body: IDataObject = { message, ...readRecipients.call(this, i) };
	const client = await clientFor.call(this, i);
	return asObject((await client.request({ method: 'POST', url: `/groups/${groupId}/messages`, body, itemIndex: i })).body);
}
