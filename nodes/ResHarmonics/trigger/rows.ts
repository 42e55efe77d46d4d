/**
 * The rows the Res:harmonics triggers read, and the changes they make of them.
 *
 * ASSUMPTIONS (undocumented by Res:harmonics; this is the one place that states them):
 * - the row field carrying a record's last update is `lastUpdated` (LAST_UPDATED_FIELD);
 * - the bookings and room-stays lists come ordered by that field, oldest first, when filtered
 *   by `lastUpdatedFrom` (a page out of that order is refused, never used: see pageRows);
 * - a timestamp without a zone (an ISO text, or Jackson's array form [2026,11,23,10,15,30]) is
 *   read as UTC when compared with the n8n host's clock (Start = Now).
 * If Res:harmonics answers otherwise, only this file changes.
 */
import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { clip } from '../../shared/transport/errors';
import { compareInstants } from '../../shared/validation';

/** ASSUMPTION: the row field with the record's last update. */
export const LAST_UPDATED_FIELD = 'lastUpdated';

export type TriggerEvent = 'bookingCreatedOrUpdated' | 'roomStayCreatedOrUpdated';

export const EVENT_PATHS: Record<TriggerEvent, string> = {
	bookingCreatedOrUpdated: '/api/v3/bookings',
	roomStayCreatedOrUpdated: '/api/v3/roomStays',
};

/** One change the trigger emits: a booking with its room-stay rows, or one room stay. */
export interface Change {
	/** id@timestamp: the change, for the seen window. */
	key: string;
	timestamp: string;
	json: IDataObject;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2})?)?$/;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A Java date-time as ISO text: `[2026,11,23,10,15,30]` (Jackson's array form, optional
 * nanoseconds as 7th number) becomes `2026-11-23T10:15:30`; a string is kept; anything else
 * is undefined. No zone is added: the array carries none.
 */
export function isoTimestamp(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
	if (!Array.isArray(value) || value.length < 3 || value.length > 7) return undefined;
	if (!value.every((n) => typeof n === 'number' && Number.isInteger(n) && n >= 0)) return undefined;
	const [year, month, day, hour = 0, minute = 0, second = 0, nanos = 0] = value as number[];
	if (year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59 || nanos > 999_999_999) {
		return undefined;
	}
	const fraction = nanos ? `.${String(nanos).padStart(9, '0').replace(/0+$/, '')}` : '';
	const date = `${String(year).padStart(4, '0')}-${two(month)}-${two(day)}`;
	return value.length === 3 ? date : `${date}T${two(hour)}:${two(minute)}:${two(second)}${fraction}`;
}

function badRow(node: INode, event: TriggerEvent, url: string, index: number, row: unknown, what: string): NodeApiError {
	const message = `Res:harmonics answered with a ${event === 'bookingCreatedOrUpdated' ? 'bookings' : 'room stays'} row the trigger cannot place`;
	return new NodeApiError(node, { message } as JsonObject, {
		message,
		description: `Row ${index + 1} of ${clip(url, 300)} ${what}: ${clip(JSON.stringify(row) ?? String(row), 200)}. The trigger relies on the field "${LAST_UPDATED_FIELD}" and the list's order by it (undocumented). Nothing after the last change handled was used.`,
		httpCode: '200',
	});
}

/** The rows of one page with their timestamps, checked to be in the order the trigger relies on. */
export function pageRows(node: INode, event: TriggerEvent, url: string, content: unknown[]): Array<{ row: IDataObject; timestamp: string }> {
	const idField = event === 'bookingCreatedOrUpdated' ? 'bookingId' : 'roomStayId';
	let previous: string | undefined;
	return content.map((row, index) => {
		if (!row || typeof row !== 'object' || Array.isArray(row)) throw badRow(node, event, url, index, row, 'is not an object');
		const r = row as IDataObject;
		const id = r[idField];
		if ((typeof id !== 'string' && typeof id !== 'number') || id === '') throw badRow(node, event, url, index, row, `has no ${idField}`);
		const timestamp = isoTimestamp(r[LAST_UPDATED_FIELD]);
		if (timestamp === undefined || !TIMESTAMP.test(timestamp)) {
			throw badRow(node, event, url, index, row, `has no ${LAST_UPDATED_FIELD} timestamp`);
		}
		if (previous !== undefined && compareInstants(timestamp, previous) < 0) {
			throw badRow(node, event, url, index, row, `is older than the row before it (${previous}), so the list is not ordered by ${LAST_UPDATED_FIELD}`);
		}
		previous = timestamp;
		return { row: { ...r, [LAST_UPDATED_FIELD]: timestamp }, timestamp };
	});
}

/**
 * The changes of some rows, in order. Room stays: one per row. Bookings (one row per room stay):
 * one per booking and timestamp, its rows under `roomStays`.
 */
export function changesOf(event: TriggerEvent, rows: Array<{ row: IDataObject; timestamp: string }>): Change[] {
	if (event === 'roomStayCreatedOrUpdated') {
		return rows.map(({ row, timestamp }) => ({ key: `${String(row.roomStayId)}@${timestamp}`, timestamp, json: row }));
	}
	const changes: Change[] = [];
	const byKey = new Map<string, Change>();
	for (const { row, timestamp } of rows) {
		const key = `${String(row.bookingId)}@${timestamp}`;
		let change = byKey.get(key);
		if (!change) {
			change = { key, timestamp, json: { bookingId: row.bookingId, [LAST_UPDATED_FIELD]: timestamp, roomStays: [] } };
			byKey.set(key, change);
			changes.push(change);
		}
		(change.json.roomStays as IDataObject[]).push(row);
	}
	return changes;
}
