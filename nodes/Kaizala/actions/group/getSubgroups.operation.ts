import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { clientFor, groupLocator, listOf, readId, showFor } from '../common';

export const description = updateDisplayOptions(showFor('group', 'getSubgroups'), [groupLocator('groupId', 'Parent Group')] as INodeProperties[]);

/** GET /groups/{groupId}/subgroups. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const groupId = readId.call(this, 'groupId', 'Parent Group', i);
	const client = await clientFor.call(this, i);
	return listOf((await client.request({ method: 'GET', url: `/groups/${groupId}/subgroups`, itemIndex: i })).body, 'groups');
}
