import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { listOf } from '../actions/common';
import { kaizalaClient } from '../transport';

/** The groups the connector reaches (GET /groups), filtered by name or ID. */
export async function searchGroups(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const client = await kaizalaClient(this);
	const groups = listOf((await client.request({ method: 'GET', url: '/groups' })).body, 'groups');
	const needle = (filter ?? '').toLowerCase();
	return {
		results: groups
			.map((g: IDataObject) => ({ name: String(g.groupName ?? g.name ?? g.groupId ?? g.id), value: String(g.groupId ?? g.id ?? '') }))
			.filter((g) => g.value && (!needle || g.name.toLowerCase().includes(needle) || g.value.toLowerCase().includes(needle)))
			.sort((a, b) => a.name.localeCompare(b.name)),
	};
}
