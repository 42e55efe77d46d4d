import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asObject, clientFor, groupLocator, readId, showFor } from '../common';

const properties: INodeProperties[] = [groupLocator('groupId', 'Parent Group'), groupLocator('subgroupId', 'Subgroup')];

export const description = updateDisplayOptions(showFor('group', 'removeSubgroup'), properties);

/** DELETE /groups/{groupId}/subGroups/{subgroupId}. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const groupId = readId.call(this, 'groupId', 'Parent Group', i);
	const subgroupId = readId.call(this, 'subgroupId', 'Subgroup', i);
	const client = await clientFor.call(this, i);
	const response = await client.request({ method: 'DELETE', url: `/groups/${groupId}/subGroups/${subgroupId}`, itemIndex: i });
	return { ...asObject(response.body ?? { result: true }), subgroupId: decodeURIComponent(subgroupId) };
}
