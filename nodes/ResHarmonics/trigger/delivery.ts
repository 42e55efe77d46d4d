/**
 * A Res:harmonics webhook delivery ("Room Stay Change": `type`, `id`, `createdDate`,
 * `detailDto.bookings[].roomStayId`): its identity for the duplicate window, and its dates as ISO.
 */
import type { IDataObject } from 'n8n-workflow';

import { isoTimestamp } from './rows';

/** Longest identity kept in the duplicate window. */
const MAX_KEY_LENGTH = 2_000;

const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value) ?? '');

/**
 * The event's identity: its type, id and creation time; without an id, the whole body (a repeat
 * of the same delivery is the same body). Empty when there is nothing to tell events apart.
 */
export function deliveryKey(body: unknown): string {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return '';
	const b = body as IDataObject;
	const key =
		b.id !== undefined && b.id !== null && b.id !== ''
			? `${text(b.type)}|${text(b.id)}|${isoTimestamp(b.createdDate) ?? text(b.createdDate)}`
			: JSON.stringify(b);
	return key === '{}' ? '' : key.slice(0, MAX_KEY_LENGTH);
}

/** The delivery as received, with `createdDate` as ISO text when it came in Java's array form. */
export function normaliseDelivery(body: IDataObject): IDataObject {
	if (!Array.isArray(body.createdDate)) return body;
	const iso = isoTimestamp(body.createdDate);
	return iso === undefined ? body : { ...body, createdDate: iso };
}
