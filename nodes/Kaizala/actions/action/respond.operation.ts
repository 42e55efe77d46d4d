import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asObject, clientFor, groupLocator, readId, readJson, showFor } from '../common';

const properties: INodeProperties[] = [
	groupLocator(),
	{ displayName: 'Action ID', name: 'actionId', type: 'string', default: '', required: true, placeholder: 'e.g. 3c8f…', description: 'The action to respond to' },
	{
		displayName: 'Response (JSON)',
		name: 'responseDetails',
		type: 'json',
		default: '{\n  "responseDetails": {}\n}',
		description: 'The response as Kaizala documents it for the action type, e.g. {"responseDetails": {"answer": "Yes"}}',
	},
];

export const description = updateDisplayOptions(showFor('action', 'respond'), properties);

/** POST /groups/{groupId}/actions/{actionId}/responses. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const groupId = readId.call(this, 'groupId', 'Group', i);
	const actionId = readId.call(this, 'actionId', 'Action ID', i);
	const body = readJson.call(this, 'responseDetails', 'Response (JSON)', i);
	const client = await clientFor.call(this, i);
	return asObject((await client.request({ method: 'POST', url: `/groups/${groupId}/actions/${actionId}/responses`, body, itemIndex: i })).body);
}
