import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions/returnAllOrLimit';
import { clientFor, groupLocator, listOf, readId, readLimit, showFor } from '../common';

export const description = updateDisplayOptions(showFor('member', 'getMany'), [groupLocator(), ...returnAllOrLimit] as INodeProperties[]);

/** GET /groups/{groupId}/members. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const groupId = readId.call(this, 'groupId', 'Group', i);
	const limit = readLimit.call(this, i);
	const client = await clientFor.call(this, i);
	const members = listOf((await client.request({ method: 'GET', url: `/groups/${groupId}/members`, itemIndex: i })).body, 'members');
	return limit === undefined ? members : members.slice(0, limit);
}
