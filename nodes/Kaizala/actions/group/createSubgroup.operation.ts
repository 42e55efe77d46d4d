import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asObject, clientFor, groupLocator, readId, readPhones, showFor } from '../common';

const properties: INodeProperties[] = [
	groupLocator('groupId', 'Parent Group'),
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'e.g. Housekeeping', description: 'The name of the new subgroup' },
	{ displayName: 'Members', name: 'members', type: 'string', default: '', placeholder: 'e.g. +14155550123', description: 'Phone numbers (E.164) to add, separated by commas' },
];

export const description = updateDisplayOptions(showFor('group', 'createSubgroup'), properties);

/** POST /groups/{groupId}/subgroups. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const groupId = readId.call(this, 'groupId', 'Parent Group', i);
	const name = String(this.getNodeParameter('name', i, '')).trim();
	if (!name) throw new NodeOperationError(this.getNode(), 'Name: the subgroup needs a name', { itemIndex: i });
	const members = readPhones.call(this, 'members', 'Members', i, false);
	const body: IDataObject = { name, groupType: 'Group' };
	if (members.length) body.members = members;
	const client = await clientFor.call(this, i);
	return asObject((await client.request({ method: 'POST', url: `/groups/${groupId}/subgroups`, body, itemIndex: i })).body);
}
