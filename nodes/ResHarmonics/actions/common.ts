/**
 * Building blocks shared by the Res:harmonics operations: each operation file states only its
 * path, fields and body. Every value is checked before any request, and errors name the field.
 */
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { returnAllOrLimit } from '../../shared/descriptions/returnAllOrLimit';
import type { Operation } from '../../shared/execute/router';
import { quote } from '../../shared/transport/errors';
import { requireDateOrder, requireInstant, requirePlainDate, requireReturnAllOrLimit, compareInstants } from '../../shared/validation';
import { simplifyField } from '../descriptions/common';
import { resHarmonicsClient } from '../transport';
import type { ListOptions, ResHarmonicsClient } from '../transport';

export interface OperationModule extends Operation {
	description: INodeProperties[];
}

export function showFor(resource: string, operation: string) {
	return { show: { resource: [resource], operation: [operation] } };
}

export function describe(resource: string, operation: string, properties: INodeProperties[]): INodeProperties[] {
	return updateDisplayOptions(showFor(resource, operation), properties);
}

export async function clientFor(this: IExecuteFunctions, itemIndex: number): Promise<ResHarmonicsClient> {
	const authentication = this.getNodeParameter('authentication', itemIndex) as string;
	return await resHarmonicsClient(this, { authentication, itemIndex });
}

function fail(ctx: IExecuteFunctions, field: string, problem: string, itemIndex: number, description?: string): never {
	throw new NodeOperationError(ctx.getNode(), `${field}: ${problem}`, { itemIndex, description });
}

const ID = /^\d{1,18}$/;

/** A Res:harmonics ID (a whole number) from a plain value or a resource locator. */
export function checkId(this: IExecuteFunctions, field: string, raw: unknown, itemIndex: number): string {
	const value = typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : typeof raw === 'string' ? raw.trim() : raw;
	if (value === '' || value === undefined || value === null) fail(this, field, 'an ID is required, for example 1042', itemIndex);
	if (typeof value !== 'string' || !ID.test(value) || /^0+$/.test(value)) {
		fail(this, field, `${quote(raw)} is not a Res:harmonics ID (a whole number such as 1042)`, itemIndex);
	}
	return value;
}

export function readId(this: IExecuteFunctions, name: string, field: string, itemIndex: number): string {
	return checkId.call(this, field, this.getNodeParameter(name, itemIndex, '', { extractValue: true }), itemIndex);
}

export function readDate(this: IExecuteFunctions, name: string, field: string, itemIndex: number): string {
	const raw = this.getNodeParameter(name, itemIndex, '') as unknown;
	return requirePlainDate(this.getNode(), field, raw, itemIndex);
}

/** Two dates that frame a stay: both YYYY-MM-DD, From on or before To (`after`: strictly after). */
export function readDateRange(
	this: IExecuteFunctions,
	[fromName, fromField]: [string, string],
	[toName, toField]: [string, string],
	itemIndex: number,
	{ after = false } = {},
): { from: string; to: string } {
	const from = readDate.call(this, fromName, fromField, itemIndex);
	const to = readDate.call(this, toName, toField, itemIndex);
	if (after && to <= from) fail(this, toField, `must be after ${fromField} (${from}), got ${to}`, itemIndex);
	requireDateOrder(this.getNode(), fromField, from, toField, to, itemIndex);
	return { from, to };
}

export function checkTimestamp(this: IExecuteFunctions, field: string, raw: unknown, itemIndex: number): string {
	return requireInstant(this.getNode(), field, raw, itemIndex);
}

export function checkTimestampOrder(this: IExecuteFunctions, fromField: string, from: string, toField: string, to: string, itemIndex: number): void {
	if (compareInstants(from, to) > 0) fail(this, toField, `must be on or after ${fromField} (${from}), got ${to}`, itemIndex);
}

export function checkNumber(this: IExecuteFunctions, field: string, raw: unknown, itemIndex: number, { min, integer = false, above }: { min?: number; integer?: boolean; above?: number }): number {
	const value = typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim()) ? Number(raw.trim()) : raw;
	if (typeof value !== 'number' || !Number.isFinite(value)) fail(this, field, `${quote(raw)} is not a number`, itemIndex);
	if (integer && !Number.isInteger(value)) fail(this, field, `${value} is not a whole number`, itemIndex);
	if (min !== undefined && value < min) fail(this, field, `${value} is less than ${min}`, itemIndex);
	if (above !== undefined && !(value > above)) fail(this, field, `${value} must be more than ${above}`, itemIndex);
	return value;
}

/** Return All / Limit, checked before any request. */
export function readLimit(this: IExecuteFunctions, itemIndex: number): Pick<ListOptions, 'returnAll' | 'limit'> {
	return requireReturnAllOrLimit(
		this.getNode(),
		this.getNodeParameter('returnAll', itemIndex, false),
		() => this.getNodeParameter('limit', itemIndex, 50),
		itemIndex,
	);
}

export const limitFields = returnAllOrLimit;

/** The fields of a collection parameter as an object (an expression may give anything else). */
export function readCollection(this: IExecuteFunctions, name: string, field: string, itemIndex: number): IDataObject {
	const raw = this.getNodeParameter(name, itemIndex, {}) as unknown;
	if (raw === undefined || raw === null || raw === '') return {};
	if (typeof raw !== 'object' || Array.isArray(raw)) fail(this, field, `${quote(raw)} is not a set of fields`, itemIndex);
	return raw as IDataObject;
}

/** Whether Simplify is on (only where the operation offers it). */
export function simplifyOn(this: IExecuteFunctions, itemIndex: number): boolean {
	return this.getNodeParameter('simplify', itemIndex, false) === true;
}

/** A list operation with no inputs but Return All / Limit (units, buildings, ...). */
export function plainList(resource: string, operation: string, path: string): OperationModule {
	return {
		description: describe(resource, operation, limitFields),
		async execute(this: IExecuteFunctions, i: number) {
			const limit = readLimit.call(this, i);
			const client = await clientFor.call(this, i);
			return await client.list<IDataObject>(path, {}, { ...limit, itemIndex: i });
		},
	};
}

/** GET one record by an ID parameter. */
export function getOne(resource: string, operation: string, spec: { field: INodeProperties; label: string; path: (id: string) => string; simplify?: (r: IDataObject) => IDataObject; what?: string }): OperationModule {
	return {
		description: describe(resource, operation, [spec.field, ...(spec.simplify ? [simplifyField(`the ${spec.what ?? resource}`)] : [])]),
		async execute(this: IExecuteFunctions, i: number) {
			const id = readId.call(this, spec.field.name, spec.label, i);
			const client = await clientFor.call(this, i);
			const record = await client.get<IDataObject>(spec.path(encodeURIComponent(id)), undefined, i);
			return spec.simplify && simplifyOn.call(this, i) ? spec.simplify(record) : record;
		},
	};
}
