/**
 * Building blocks shared by the rezStream operations, so that each operation file states only
 * what is its own: path, paging style and fields.
 */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../shared/descriptions/returnAllOrLimit';
import type { Operation } from '../../shared/execute/router';
import { requireDateOrder, requireInstant, requirePlainDate, requireReturnAllOrLimit } from '../../shared/validation';
import { simplifyProperties, stayDateFields, updatedSinceField } from '../descriptions/common';
import { rezStreamClient } from '../transport';
import { calendarDateIn, instantInZone } from '../../shared/plainDate';
import { simplifyReservation } from './simplify';
import type { ListOptions, RezStreamClient } from '../transport';

export interface OperationModule extends Operation {
	description: INodeProperties[];
}

export function showFor(resource: string, operation: string) {
	return { show: { resource: [resource], operation: [operation] } };
}

/**
 * The client for one item. `withTenant: false` is for operations where the Tenant option is
 * hidden (n8n refuses to read a hidden resource locator).
 */
export async function clientFor(
	this: IExecuteFunctions,
	itemIndex: number,
	{ withTenant = true }: { withTenant?: boolean } = {},
): Promise<RezStreamClient> {
	const authentication = this.getNodeParameter('authentication', itemIndex) as string;
	const tenant = withTenant
		? (this.getNodeParameter('tenant', itemIndex, '', { extractValue: true }) as string)
		: undefined;
	return await rezStreamClient(this, { authentication, tenant, itemIndex });
}

/**
 * Return All / Limit, offered only where the API pages. An endpoint that answers everything at
 * once (calendars, nightly rates, inventory lists) has neither: a Limit would silently cut it.
 */
export function limitFields(paging: ListOptions['paging']): INodeProperties[] {
	return paging === 'none' ? [] : returnAllOrLimit;
}

export function readLimit(
	this: IExecuteFunctions,
	itemIndex: number,
	paging: ListOptions['paging'],
): Pick<ListOptions, 'returnAll' | 'limit'> {
	if (paging === 'none') return { returnAll: true };
	// Checked before any request: null, -1, 0, NaN, 1.5, "abc" or Return All "false" from an expression.
	return requireReturnAllOrLimit(
		this.getNode(),
		this.getNodeParameter('returnAll', itemIndex, false),
		() => this.getNodeParameter('limit', itemIndex, 50),
		itemIndex,
	);
}

/**
 * A stay date as the node received it. A date picked in n8n's date picker or written as text
 * keeps its calendar date as written; a Date or Luxon DateTime from an expression (`$today`) is
 * an instant, and gives its calendar date in the workflow's time zone, never in UTC.
 */
export function readStayDate(this: IExecuteFunctions, raw: unknown): unknown {
	if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? 'Invalid Date' : calendarDateIn(raw, this.getTimezone());
	const luxon = raw as { toJSDate?: () => Date; isValid?: boolean } | null;
	if (luxon && typeof luxon === 'object' && typeof luxon.toJSDate === 'function') {
		return luxon.isValid === false ? 'Invalid DateTime' : calendarDateIn(luxon.toJSDate(), this.getTimezone());
	}
	return raw;
}

export function readStayRange(this: IExecuteFunctions, itemIndex: number): { from: string; to: string } {
	const node = this.getNode();
	const from = requirePlainDate(node, 'From', readStayDate.call(this, this.getNodeParameter('from', itemIndex)), itemIndex);
	const to = requirePlainDate(node, 'To', readStayDate.call(this, this.getNodeParameter('to', itemIndex)), itemIndex);
	requireDateOrder(node, 'From', from, 'To', to, itemIndex);
	return { from, to };
}

interface ListSpec {
	resource: string;
	operation: string;
	path: string;
	paging: ListOptions['paging'];
	/** Reservations: offer Simplify. */
	simplify?: boolean;
}

/** The Simplify toggle for reservation operations, where the spec asks for it. */
export function simplifyFields(spec: { simplify?: boolean }): INodeProperties[] {
	return spec.simplify ? simplifyProperties('each reservation') : [];
}

/** Applies the node's Simplify toggle (when offered) to reservations. */
export function maybeSimplify<T extends IDataObject | IDataObject[]>(
	this: IExecuteFunctions,
	itemIndex: number,
	offered: boolean | undefined,
	result: T,
): T | IDataObject | IDataObject[] {
	if (!offered || this.getNodeParameter('simplify', itemIndex, false) !== true) return result;
	return Array.isArray(result) ? result.map((r) => simplifyReservation(r)) : simplifyReservation(result);
}

/** A list with no inputs but Return All / Limit (properties, units, …). */
export function plainList(spec: ListSpec): OperationModule {
	return {
		description: updateDisplayOptions(showFor(spec.resource, spec.operation), limitFields(spec.paging)),
		async execute(this: IExecuteFunctions, i: number) {
			const client = await clientFor.call(this, i);
			return await client.list<IDataObject>(spec.path, {}, {
				...readLimit.call(this, i, spec.paging),
				paging: spec.paging,
				itemIndex: i,
			});
		},
	};
}

/** A list over a window of stay dates (`from`, `to`). */
export function stayDateList(
	spec: ListSpec & { fromDescription: string; toDescription: string; extra?: INodeProperties[] },
): OperationModule {
	return {
		description: updateDisplayOptions(showFor(spec.resource, spec.operation), [
			...stayDateFields(spec.fromDescription, spec.toDescription),
			...(spec.extra ?? []),
			...limitFields(spec.paging),
			...simplifyFields(spec),
		]),
		async execute(this: IExecuteFunctions, i: number) {
			const range = readStayRange.call(this, i);
			const client = await clientFor.call(this, i);
			const rows = await client.list<IDataObject>(spec.path, range, {
				...readLimit.call(this, i, spec.paging),
				paging: spec.paging,
				itemIndex: i,
			});
			return maybeSimplify.call(this, i, spec.simplify, rows);
		},
	};
}

/** A forward-only cursor list of what changed since a timestamp. */
export function updatedSinceList(spec: ListSpec & { sinceDescription: string }): OperationModule {
	return {
		description: updateDisplayOptions(showFor(spec.resource, spec.operation), [
			updatedSinceField(spec.sinceDescription),
			...limitFields(spec.paging),
			...simplifyFields(spec),
		]),
		async execute(this: IExecuteFunctions, i: number) {
			const since = instantInZone(this.getNodeParameter('updatedSince', i), this.getTimezone());
			const from = requireInstant(this.getNode(), 'Updated Since', since, i);
			const client = await clientFor.call(this, i);
			const rows = await client.list<IDataObject>(spec.path, { from }, {
				...readLimit.call(this, i, spec.paging),
				paging: spec.paging,
				itemIndex: i,
			});
			return maybeSimplify.call(this, i, spec.simplify, rows);
		},
	};
}
