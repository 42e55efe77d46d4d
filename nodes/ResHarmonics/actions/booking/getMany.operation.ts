import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { simplifyField } from '../../descriptions/common';
import { clientFor, describe, limitFields, readLimit, simplifyOn } from '../common';
import { bookingFilterSpecs, filtersProperty, readFilters } from '../filters';
import { simplifyStay } from '../simplify';

/** Rows of the bookings list are room stays: bookingId + roomStayId, no id. */
export const rowKey = (row: unknown): string | undefined => {
	const r = row as IDataObject;
	return r && r.bookingId !== undefined ? `${String(r.bookingId)}/${String(r.roomStayId)}@${String(r.lastUpdated ?? '')}` : undefined;
};

export const description = describe('booking', 'getMany', [
	...limitFields,
	filtersProperty(bookingFilterSpecs),
	simplifyField('each row'),
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const qs = readFilters.call(this, bookingFilterSpecs, i);
	const limit = readLimit.call(this, i);
	const client = await clientFor.call(this, i);
	const rows = await client.list<IDataObject>('/api/v3/bookings', qs, { ...limit, itemIndex: i, keyOf: rowKey });
	return simplifyOn.call(this, i) ? rows.map(simplifyStay) : rows;
}
