import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asObject, clientFor, groupLocator, readId, readPhones, showFor } from '../common';

/**
 * Add and Remove differ only in their verb: PUT /groups/{groupId}/subscribers/{add|remove} with
 * the numbers, in E.164, checked before sending.
 */
export function subscriberChange(verb: 'add' | 'remove') {
	const properties: INodeProperties[] = [
		groupLocator(),
		{
			displayName: 'Phone Numbers',
			name: 'phoneNumbers',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. +14155550123, +919876543210',
			description: `Subscribers to ${verb}, in E.164, separated by commas`,
		},
	];

	async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
		const groupId = readId.call(this, 'groupId', 'Group', i);
		const subscribers = readPhones.call(this, 'phoneNumbers', 'Phone Numbers', i);
		const client = await clientFor.call(this, i);
		const response = await client.request({
			method: 'PUT',
			url: `/groups/${groupId}/subscribers/${verb}`,
			body: { subscribers },
			itemIndex: i,
		});
		return { ...asObject(response.body ?? { result: true }), subscribers };
	}

	return { description: updateDisplayOptions(showFor('subscriber', verb), properties), execute };
}
