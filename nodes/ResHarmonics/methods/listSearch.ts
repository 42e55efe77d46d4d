/**
 * List search for the Unit, Building and Booking pickers: one page of up to 100 records per
 * call, the next page through n8n's pagination token; a filter is matched on name or ID
 * (bookings: the booking reference is asked of the API when it looks like one).
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { resHarmonicsClient } from '../transport';

const PAGE = 100;

async function page(ctx: ILoadOptionsFunctions, path: string, token: string | undefined, qs: IDataObject = {}) {
	const authentication = ctx.getNodeParameter('authentication', 'oAuth2') as string;
	const client = await resHarmonicsClient(ctx, { authentication });
	const number = token && /^\d+$/.test(token) ? Number(token) : 0;
	const body = await client.get<IDataObject>(path, { ...qs, page: number, size: PAGE });
	const content = Array.isArray(body.content) ? (body.content as IDataObject[]) : [];
	const meta = (body.page ?? body) as IDataObject;
	const more = typeof meta.totalPages === 'number' && number + 1 < meta.totalPages;
	return { content, next: more ? String(number + 1) : undefined };
}

function matches(filter: string | undefined, ...values: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return values.some((v) => (typeof v === 'string' || typeof v === 'number') && String(v).toLowerCase().includes(needle));
}

function named(path: string) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const { content, next } = await page(this, path, paginationToken);
		return {
			results: content.filter((r) => matches(filter, r.name, r.id)).map((r) => ({ name: String(r.name ?? r.id), value: String(r.id) })),
			paginationToken: next,
		};
	};
}

export const searchUnits = named('/api/v3/units');
export const searchBuildings = named('/api/v3/buildings');

/** Bookings: the list has one row per room stay, so rows are folded into one entry per booking. */
export async function searchBookings(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const reference = filter && /^[A-Za-z]+-?\d+$/.test(filter.trim()) ? { bookingReference: filter.trim() } : {};
	let { content, next } = await page(this, '/api/v3/bookings', paginationToken, reference);
	if (!content.length && Object.keys(reference).length) ({ content, next } = await page(this, '/api/v3/bookings', paginationToken));
	const seen = new Map<string, { name: string; value: string }>();
	for (const row of content) {
		const id = String(row.bookingId ?? row.id ?? '');
		if (!id || seen.has(id) || !matches(filter, row.bookingReference, id, row.customerReference)) continue;
		const unit = (row.unit as IDataObject | undefined)?.name;
		seen.set(id, { name: `${String(row.bookingReference ?? id)}${row.startDate ? ` · ${String(row.startDate)}` : ''}${unit ? ` · ${String(unit)}` : ''}`, value: id });
	}
	return { results: [...seen.values()], paginationToken: next };
}
