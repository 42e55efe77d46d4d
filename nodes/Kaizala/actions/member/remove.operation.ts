import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asObject, clientFor, groupLocator, readId, showFor } from '../common';

const properties: INodeProperties[] = [
	groupLocator(),
	{ displayName: 'Member ID', name: 'memberId', type: 'string', default: '', required: true, placeholder: 'e.g. 1a2b3c4d-…', description: 'The member\'s ID (memberId / userId in Get Many Members)' },
];

export const description = updateDisplayOptions(showFor('member', 'remove'), properties);

/** DELETE /groups/{groupId}/members/{memberId}. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const groupId = readId.call(this, 'groupId', 'Group', i);
	const memberId = readId.call(this, 'memberId', 'Member ID', i);
	const client = await clientFor.call(this, i);
	const response = await client.request({ method: 'DELETE', url: `/groups/${groupId}/members/${memberId}`, itemIndex: i });
	return { ...asObject(response.body ?? { result: true }), memberId: decodeURIComponent(memberId) };
}
