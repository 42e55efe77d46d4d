import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions/returnAllOrLimit';
import { clientFor, listOf, readLimit, showFor } from '../common';

export const description = updateDisplayOptions(showFor('group', 'getMany'), returnAllOrLimit);

/** GET /groups: the groups the refresh token can reach (one answer; Kaizala does not page it). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, i);
	const client = await clientFor.call(this, i);
	const groups = listOf((await client.request({ method: 'GET', url: '/groups', itemIndex: i })).body, 'groups');
	return limit === undefined ? groups : groups.slice(0, limit);
}
