import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asObject, clientFor, groupLocator, readId, readPhones, showFor } from '../common';

const properties: INodeProperties[] = [
	groupLocator(),
	{
		displayName: 'Phone Numbers',
		name: 'phoneNumbers',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. +14155550123, +919876543210',
		description: 'Subscribers to add, in E.164, separated by commas',
	},
];

export const description = updateDisplayOptions(showFor('subscriber', 'add'), properties);

/** PUT /groups/{groupId}/subscribers/add. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const groupId = readId.call(this, 'groupId', 'Group', i);
	const subscribers = readPhones.call(this, 'phoneNumbers', 'Phone Numbers', i);
	const client = await clientFor.call(this, i);
	const response = await client.request({ method: 'PUT', url: `/groups/${groupId}/subscribers/add`, body: { subscribers }, itemIndex: i });
	return { ...asObject(response.body ?? { result: true }), subscribers };
}
