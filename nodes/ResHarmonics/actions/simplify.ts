/**
 * "Simplify": the fields people map, flat. Off, the API's object is returned untouched.
 * `lastUpdated` is the stand-in's name for the undocumented last-update field (see the
 * README): it is passed through when present, else null.
 */
import type { IDataObject } from 'n8n-workflow';

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const id = (v: unknown): number | string | null => (typeof v === 'number' || (typeof v === 'string' && v !== '') ? v : null);
const obj = (v: unknown): IDataObject => (v && typeof v === 'object' && !Array.isArray(v) ? (v as IDataObject) : {});
const list = (v: unknown): IDataObject[] => (Array.isArray(v) ? v.filter((x): x is IDataObject => !!x && typeof x === 'object') : []);

/** A row of the bookings list (one per room stay) or a room stay. */
export function simplifyStay(row: IDataObject): IDataObject {
	const unit = obj(row.unit);
	return {
		bookingId: id(row.bookingId),
		roomStayId: id(row.roomStayId),
		bookingReference: text(row.bookingReference),
		status: text(row.status),
		unitId: id(unit.id ?? row.unitId),
		unitName: text(unit.name),
		startDate: text(row.startDate),
		endDate: text(row.endDate),
		netAmount: num(row.netAmount),
		channelId: id(row.channelId),
		otaReference: text(row.otaReference),
		lastUpdated: text(row.lastUpdated),
	};
}

/** A whole booking (Get): its room stays summed up. */
export function simplifyBooking(booking: IDataObject): IDataObject {
	const stays = list(booking.roomStays);
	const starts = stays.map((s) => text(s.startDate)).filter((d): d is string => d !== null).sort();
	const ends = stays.map((s) => text(s.endDate)).filter((d): d is string => d !== null).sort();
	const amounts = stays.map((s) => num(s.netAmount)).filter((n): n is number => n !== null);
	return {
		id: id(booking.id ?? booking.bookingId),
		bookingReference: text(booking.bookingReference),
		status: text(booking.status),
		bookingContactId: id(booking.bookingContactId),
		startDate: starts[0] ?? null,
		endDate: ends[ends.length - 1] ?? null,
		roomStayIds: stays.map((s) => id(s.roomStayId)).filter((v) => v !== null),
		unitIds: [...new Set(stays.map((s) => id(obj(s.unit).id)).filter((v) => v !== null))],
		netAmount: amounts.length ? Math.round(amounts.reduce((a, b) => a + b, 0) * 100) / 100 : null,
		customerReference: text(booking.customerReference),
		lastUpdated: text(booking.lastUpdated),
	};
}
