/**
 * Input checks that run before any request, each naming the field it checks. Stay dates are
 * handled as plain YYYY-MM-DD strings with integer arithmetic: never through a JavaScript
 * Date, which would shift them by the host's time zone.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { quote } from './transport/errors';

function fail(node: INode, field: string, problem: string, itemIndex?: number): never {
	throw new NodeOperationError(node, `${field}: ${problem}`, {
		itemIndex,
		description: `Fix the "${field}" parameter and run the node again.`,
	});
}

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
	return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isPlainDate(value: string): boolean {
	const match = PLAIN_DATE.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * A stay date. Accepts YYYY-MM-DD, or a date-time string whose date part is taken as written
 * (so `{{ $today }}` works): the part before "T" is the calendar date, with no conversion.
 */
export function requirePlainDate(node: INode, field: string, raw: unknown, itemIndex?: number): string {
	const value = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw).trim();
	if (value === '') fail(node, field, 'a date is required, for example 2025-07-01', itemIndex);
	const datePart = /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value;
	if (!isPlainDate(datePart)) {
		fail(node, field, `${quote(value)} is not a date written YYYY-MM-DD, for example 2025-07-01`, itemIndex);
	}
	return datePart;
}

/** Checks from <= to for two plain dates (string order is calendar order for YYYY-MM-DD). */
export function requireDateOrder(
	node: INode,
	fromField: string,
	from: string,
	toField: string,
	to: string,
	itemIndex?: number,
): void {
	if (from > to) fail(node, toField, `must be on or after ${fromField} (${from}), got ${to}`, itemIndex);
}

const INSTANT =
	/^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 timestamp with a time zone designator, returned as written (trimmed). */
export function requireInstant(node: INode, field: string, raw: unknown, itemIndex?: number): string {
	const value = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw).trim();
	if (value === '') fail(node, field, 'a timestamp is required, for example 2025-07-01T00:00:00Z', itemIndex);
	const match = INSTANT.exec(value);
	if (!match) {
		const hint = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)
			? ' It has no time zone: add Z (UTC) or an offset such as +02:00.'
			: '';
		fail(node, field, `${quote(value)} is not an ISO 8601 timestamp such as 2025-07-01T00:00:00Z.${hint}`, itemIndex);
	}
	const date = `${match[1]}-${match[2]}-${match[3]}`;
	const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6] ?? 0)];
	if (!isPlainDate(date) || hour > 23 || minute > 59 || second > 59) {
		fail(node, field, `${quote(value)} is not a valid date and time`, itemIndex);
	}
	return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireUuid(node: INode, field: string, raw: unknown, itemIndex?: number): string {
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (value === '') fail(node, field, 'an ID is required, for example a2857289-0f63-4a26-b509-444699485a33', itemIndex);
	if (!UUID.test(value)) {
		fail(node, field, `${quote(value)} is not a UUID such as a2857289-0f63-4a26-b509-444699485a33`, itemIndex);
	}
	return value;
}

export function isUuid(value: string): boolean {
	return UUID.test(value);
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

export function requireNumber(
	node: INode,
	field: string,
	raw: unknown,
	rule: { min?: number; integer?: boolean },
	itemIndex?: number,
): number {
	// Numbers, and plain decimal strings only: "0x10", "1e3", "Infinity" or " " are refused.
	const value = typeof raw === 'string' && PLAIN_DECIMAL.test(raw.trim()) ? Number(raw.trim()) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		fail(node, field, `${quote(raw)} is not a number (write it like 120 or 99.5)`, itemIndex);
	}
	if (rule.integer && !Number.isInteger(value)) fail(node, field, `${value} is not a whole number`, itemIndex);
	if (rule.min !== undefined && value < rule.min) fail(node, field, `${value} is less than ${rule.min}`, itemIndex);
	return value;
}

export function requireBoolean(node: INode, field: string, raw: unknown, itemIndex?: number): boolean {
	if (typeof raw === 'boolean') return raw;
	if (raw === 'true' || raw === 'false') return raw === 'true';
	fail(node, field, `${quote(raw)} is not true or false`, itemIndex);
}

/** Return All / Limit as n8n users (and expressions) give them: validated before any request. */
export function requireReturnAllOrLimit(
	node: INode,
	returnAllRaw: unknown,
	limitRaw: () => unknown,
	itemIndex?: number,
): { returnAll: boolean; limit?: number } {
	const returnAll = requireBoolean(node, 'Return All', returnAllRaw ?? false, itemIndex);
	if (returnAll) return { returnAll };
	const limit = requireNumber(node, 'Limit', limitRaw(), { min: 1, integer: true }, itemIndex);
	return { returnAll, limit };
}

/** Compares two ISO 8601 instants exactly, fractional seconds included (up to 9 digits). */
export function compareInstants(a: string, b: string): number {
	const split = (value: string): [number, string] => {
		const match = /^(.*?:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:?\d{2})?$/.exec(value);
		if (!match) return [Date.parse(value), ''];
		const whole = Date.parse(`${match[1]}${match[3] ?? 'Z'}`);
		return [whole, (match[2] ?? '').padEnd(9, '0')];
	};
	const [wa, fa] = split(a);
	const [wb, fb] = split(b);
	if (wa !== wb) return wa < wb ? -1 : 1;
	return fa < fb ? -1 : fa > fb ? 1 : 0;
}
