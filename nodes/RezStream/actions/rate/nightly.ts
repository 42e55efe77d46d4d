/**
 * The body of POST /rates/nightly: checks, Date Range expansion, and the split into requests.
 * rezStream applies "any non-null facet supplied per date", so a night carries only the values
 * the user set; a value left out (or null) keeps what rezStream has.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

import { requireBoolean, requireNumber, requirePlainDate, requireUuid } from '../../../shared/validation';
import { dayNumber, fromDayNumber, isoWeekday } from '../../../shared/plainDate';

/** The values a night may set, in the API's names. */
export const NIGHT_VALUES = ['price', 'minimumNights', 'baseOccupancy', 'closedToArrival', 'closedToDeparture'] as const;
const NIGHT_VALUE_LABELS = 'Price, Minimum Nights, Base Occupancy, Closed to Arrival, Closed to Departure';
const ROW_FIELDS = new Set<string>(['date', ...NIGHT_VALUES]);

/** At most this many nights in one request; a bigger body is sent as several, one after another. */
export const NIGHTS_PER_REQUEST = 100;
/** A Date Range covers fewer nights than this (a year at most). */
export const MAX_RANGE_NIGHTS = 366;

export interface NightlyRow extends IDataObject {
	date: string;
}

export interface RateUpdate extends IDataObject {
	rateId: string;
	data: NightlyRow[];
}

export function invalid(node: INode, field: string, problem: string, itemIndex: number): never {
	throw new NodeOperationError(node, `${field}: ${problem}`, {
		itemIndex,
		description: 'Nothing was sent to rezStream. Fix the value and run the node again.',
	});
}

/** Checks one night and returns it with only known fields, typed. */
function checkRow(node: INode, path: string, raw: unknown, itemIndex: number): NightlyRow {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) invalid(node, path, 'must be an object', itemIndex);
	const row = raw as IDataObject;
	for (const key of Object.keys(row)) {
		if (!ROW_FIELDS.has(key)) invalid(node, `${path}.${key}`, `unknown field (allowed: ${[...ROW_FIELDS].join(', ')})`, itemIndex);
	}
	const out: NightlyRow = { date: requirePlainDate(node, `${path}.date`, row.date, itemIndex) };
	const given = (key: string) => row[key] !== undefined && row[key] !== null && row[key] !== '';
	if (!NIGHT_VALUES.some(given)) {
		invalid(node, path, `the night ${out.date} sets no value: add at least one of ${NIGHT_VALUE_LABELS}`, itemIndex);
	}
	// A null value is sent as null: rezStream leaves that value unchanged.
	for (const key of NIGHT_VALUES) if (row[key] === null) out[key] = null;
	if (given('price')) out.price = requireNumber(node, `${path}.price`, row.price, { min: 0 }, itemIndex);
	for (const key of ['minimumNights', 'baseOccupancy'] as const) {
		if (given(key)) out[key] = requireNumber(node, `${path}.${key}`, row[key], { min: 1, integer: true }, itemIndex);
	}
	for (const key of ['closedToArrival', 'closedToDeparture'] as const) {
		if (given(key)) out[key] = requireBoolean(node, `${path}.${key}`, row[key], itemIndex);
	}
	return out;
}

/** Checks the whole body: rate IDs, nights, and no night twice for one rate. */
export function checkRateUpdates(node: INode, field: string, raw: unknown, itemIndex: number): RateUpdate[] {
	const list = Array.isArray(raw) ? raw : [raw];
	if (list.length === 0) invalid(node, field, 'at least one rate is required', itemIndex);
	return list.map((entry, r) => {
		const path = `${field} [${r}]`;
		if (!entry || typeof entry !== 'object' || Array.isArray(entry)) invalid(node, path, 'must be an object with rateId and data', itemIndex);
		const { rateId, data, ...rest } = entry as IDataObject;
		const unknown = Object.keys(rest);
		if (unknown.length) invalid(node, `${path}.${unknown[0]}`, 'unknown field (allowed: rateId, data)', itemIndex);
		if (typeof rateId !== 'string' || rateId.trim() === '') invalid(node, `${path}.rateId`, 'a rate ID is required', itemIndex);
		requireUuid(node, `${path}.rateId`, rateId, itemIndex);
		if (!Array.isArray(data) || data.length === 0) invalid(node, `${path}.data`, 'at least one night is required', itemIndex);
		const rows = data.map((row, d) => checkRow(node, `${path}.data[${d}]`, row, itemIndex));
		const seen = new Set<string>();
		for (const row of rows) {
			if (seen.has(row.date)) invalid(node, `${path}.data`, `the night ${row.date} appears twice`, itemIndex);
			seen.add(row.date);
		}
		return { rateId: rateId.trim(), data: rows };
	});
}

/** ISO weekday numbers (1 = Monday … 7 = Sunday) by the values of the Days of Week option. */
export const WEEKDAYS: Record<string, number> = {
	monday: 1,
	tuesday: 2,
	wednesday: 3,
	thursday: 4,
	friday: 5,
	saturday: 6,
	sunday: 7,
};

/** The nights From…To (both included) that fall on one of `days` (all when empty). */
export function expandRange(
	node: INode,
	range: { from: string; to: string; days: string[] },
	itemIndex: number,
): string[] {
	const first = dayNumber(range.from);
	const last = dayNumber(range.to);
	const count = last - first + 1;
	if (count >= MAX_RANGE_NIGHTS) {
		invalid(node, 'To', `a range covers at most ${MAX_RANGE_NIGHTS - 1} nights; ${range.from} to ${range.to} covers ${count}. Split it into several runs.`, itemIndex);
	}
	const wanted = new Set<number>();
	for (const day of range.days) {
		const number = WEEKDAYS[String(day).toLowerCase()];
		if (!number) invalid(node, 'Days of Week', `"${day}" is not a day of the week`, itemIndex);
		wanted.add(number);
	}
	const nights: string[] = [];
	for (let day = first; day <= last; day++) {
		if (wanted.size === 0 || wanted.has(isoWeekday(day))) nights.push(fromDayNumber(day));
	}
	if (nights.length === 0) {
		invalid(node, 'Days of Week', `no night from ${range.from} to ${range.to} falls on the chosen days`, itemIndex);
	}
	return nights;
}

/**
 * Splits a body into bodies of at most `size` nights, keeping the order of rates and nights
 * (a rate's nights may continue in the next body).
 */
export function splitByNights(body: RateUpdate[], size = NIGHTS_PER_REQUEST): RateUpdate[][] {
	const bodies: RateUpdate[][] = [];
	let current: RateUpdate[] = [];
	let room = size;
	for (const rate of body) {
		for (let start = 0; start < rate.data.length; ) {
			const take = Math.min(room, rate.data.length - start);
			current.push({ rateId: rate.rateId, data: rate.data.slice(start, start + take) });
			start += take;
			room -= take;
			if (room === 0) {
				bodies.push(current);
				current = [];
				room = size;
			}
		}
	}
	if (current.length) bodies.push(current);
	return bodies;
}
