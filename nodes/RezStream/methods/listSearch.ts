import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { rezStreamClient } from '../transport';

function matches(filter: string | undefined, ...values: Array<unknown>): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((v) => typeof v === 'string' && v.toLowerCase().includes(needle));
}

/** Tenants of the token, from /auth/tokendetails (no tenant header needed). */
export async function searchTenants(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const authentication = this.getNodeParameter('authentication', 'oAuth2') as string;
	const client = await rezStreamClient(this, { authentication });
	const tenants = await client.tenants();
	return {
		results: tenants
			.filter((t) => matches(filter, t.name, t.id))
			.map((t) => ({ name: t.name ? `${t.name}${t.timeZone ? ` (${t.timeZone})` : ''}` : t.id, value: t.id })),
	};
}

/** Rates of the selected tenant, from /inventory/rates. */
export async function searchRates(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const authentication = this.getNodeParameter('authentication', 'oAuth2') as string;
	const tenant = this.getNodeParameter('tenant', '', { extractValue: true }) as string;
	const client = await rezStreamClient(this, { authentication, tenant });
	const rates = await client.list<IDataObject>('/inventory/rates', {}, { returnAll: true, paging: 'none' });
	return {
		results: rates
			.filter((r) => matches(filter, r.name, r.id))
			.map((r) => ({ name: String(r.name ?? r.id), value: String(r.id) })),
	};
}
