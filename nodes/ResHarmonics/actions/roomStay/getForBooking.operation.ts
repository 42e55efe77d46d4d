import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { bookingLocator, simplifyField } from '../../descriptions/common';
import { rowKey } from '../booking/getMany.operation';
import { clientFor, describe, limitFields, readId, readLimit, simplifyOn } from '../common';
import { simplifyStay } from '../simplify';

export const description = describe('roomStay', 'getForBooking', [bookingLocator('The booking whose room stays to get'), ...limitFields, simplifyField('each room stay')]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const id = readId.call(this, 'bookingId', 'Booking', i);
	const limit = readLimit.call(this, i);
	const client = await clientFor.call(this, i);
	const rows = await client.list<IDataObject>(`/api/v3/bookings/${encodeURIComponent(id)}/roomStays`, {}, { ...limit, itemIndex: i, keyOf: rowKey });
	return simplifyOn.call(this, i) ? rows.map(simplifyStay) : rows;
}
