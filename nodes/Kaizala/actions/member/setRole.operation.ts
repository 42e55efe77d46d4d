import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asObject, clientFor, groupLocator, readId, showFor } from '../common';

const properties: INodeProperties[] = [
	groupLocator(),
	{ displayName: 'Member ID', name: 'memberId', type: 'string', default: '', required: true, placeholder: 'e.g. 1a2b3c4d-…', description: 'The member\'s ID (memberId / userId in Get Many Members)' },
	{
		displayName: 'Role',
		name: 'role',
		type: 'options',
		options: [
			{ name: 'Admin', value: 'Admin' },
			{ name: 'Member', value: 'Member' },
		],
		default: 'Member',
	},
];

export const description = updateDisplayOptions(showFor('member', 'setRole'), properties);

/** PUT /groups/{groupId}/members/{memberId} with the role. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const groupId = readId.call(this, 'groupId', 'Group', i);
	const memberId = readId.call(this, 'memberId', 'Member ID', i);
	const role = this.getNodeParameter('role', i, 'Member') as string;
	const client = await clientFor.call(this, i);
	const response = await client.request({ method: 'PUT', url: `/groups/${groupId}/members/${memberId}`, body: { role }, itemIndex: i });
	return { ...asObject(response.body ?? { result: true }), memberId: decodeURIComponent(memberId), role };
}
