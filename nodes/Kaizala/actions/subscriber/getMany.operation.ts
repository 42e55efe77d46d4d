import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions/returnAllOrLimit';
import { bodyCursor } from '../../../shared/transport/paging';
import { kaizalaGuard, SUBSCRIBER_PAGE } from '../../transport/paging';
import { asObject, clientFor, groupLocator, listOf, readId, readLimit, showFor } from '../common';

export const description = updateDisplayOptions(showFor('subscriber', 'getMany'), [groupLocator(), ...returnAllOrLimit] as INodeProperties[]);

/** POST /groups/{groupId}/subscribers with `{count ≤ 50, cursor}` until no cursor comes back. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const groupId = readId.call(this, 'groupId', 'Group', i);
	const limit = readLimit.call(this, i);
	const client = await clientFor.call(this, i);
	const paging = bodyCursor(async (cursor) => {
		const count = Math.min(SUBSCRIBER_PAGE, limit ?? SUBSCRIBER_PAGE);
		const body: IDataObject = { count };
		if (cursor) body.cursor = cursor;
		const answer = asObject((await client.request({ method: 'POST', url: `/groups/${groupId}/subscribers`, body, itemIndex: i })).body);
		const next = Object.entries(answer).find(([k]) => k.toLowerCase() === 'cursor')?.[1];
		return { items: listOf(answer, 'subscribers'), cursor: typeof next === 'string' ? next : '' };
	});
	return await paging.collect({ limit, guard: kaizalaGuard(this.getNode(), i) });
}
