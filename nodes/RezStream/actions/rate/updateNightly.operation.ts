import { jsonParse, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode, INodeProperties } from 'n8n-workflow';

import { requireBoolean, requireNumber, requirePlainDate, requireUuid } from '../../../shared/validation';
import { rateLocator } from '../../descriptions/common';
import { clientFor, showFor } from '../common';

const properties: INodeProperties[] = [
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		options: [
			{ name: 'Fields', value: 'fields', description: 'One rate, one row per night' },
			{ name: 'JSON', value: 'json', description: 'The request body as JSON: several rates, partial rows' },
		],
		default: 'fields',
	},
	{ ...rateLocator, displayOptions: { show: { inputMode: ['fields'] } } },
	{
		displayName: 'Nights',
		name: 'rows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Night',
		default: {},
		description: 'The values to set, one row per night. Every row sets all six values.',
		displayOptions: { show: { inputMode: ['fields'] } },
		options: [
			{
				displayName: 'Night',
				name: 'row',
				values: [
					{
						displayName: 'Base Occupancy',
						name: 'baseOccupancy',
						type: 'number',
						default: 2,
						description: 'Guests included in the price',
					},
					{
						displayName: 'Closed to Arrival',
						name: 'closedToArrival',
						type: 'boolean',
						default: false,
						description: 'Whether guests may not arrive on this night',
					},
					{
						displayName: 'Closed to Departure',
						name: 'closedToDeparture',
						type: 'boolean',
						default: false,
						description: 'Whether guests may not leave on this date',
					},
					{
						displayName: 'Date',
						name: 'date',
						type: 'string',
						default: '',
						placeholder: 'e.g. 2025-07-01',
						description: 'The night, YYYY-MM-DD in the property\'s time zone',
					},
					{
						displayName: 'Minimum Nights',
						name: 'minimumNights',
						type: 'number',
						default: 1,
						description: 'Shortest stay that may arrive on this night',
					},
					{
						displayName: 'Price',
						name: 'price',
						type: 'number',
						default: 0,
						description: 'Nightly price in the currency of the rate',
					},
				],
			},
		],
	},
	{
		displayName: 'Rates (JSON)',
		name: 'ratesJson',
		type: 'json',
		default: '[\n  {\n    "rateId": "",\n    "data": [\n      { "date": "2025-07-01", "price": 149, "minimumNights": 2 }\n    ]\n  }\n]',
		description:
			'An array of {rateId, data: [{date, price, minimumNights, baseOccupancy, closedToArrival, closedToDeparture}]}. Only date is required in a row; a value left out or null stays as it is.',
		displayOptions: { show: { inputMode: ['json'] } },
	},
];

export const description = updateDisplayOptions(showFor('rate', 'updateNightly'), properties);

const ROW_FIELDS = new Set(['date', 'price', 'minimumNights', 'baseOccupancy', 'closedToArrival', 'closedToDeparture']);

interface NightlyRow extends IDataObject {
	date: string;
}

interface RateUpdate extends IDataObject {
	rateId: string;
	data: NightlyRow[];
}

function invalid(node: INode, field: string, problem: string, itemIndex: number): never {
	throw new NodeOperationError(node, `${field}: ${problem}`, {
		itemIndex,
		description: 'Nothing was sent to rezStream. Fix the value and run the node again.',
	});
}

/** Checks one row and returns it with only known fields, typed. */
function checkRow(node: INode, path: string, raw: unknown, itemIndex: number): NightlyRow {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw)) invalid(node, path, 'must be an object', itemIndex);
	const row = raw as IDataObject;
	for (const key of Object.keys(row)) {
		if (!ROW_FIELDS.has(key)) invalid(node, `${path}.${key}`, `unknown field (allowed: ${[...ROW_FIELDS].join(', ')})`, itemIndex);
	}
	const out: NightlyRow = { date: requirePlainDate(node, `${path}.date`, row.date, itemIndex) };
	// A null value is sent as null: rezStream leaves that value unchanged.
	const keep = (key: string) => row[key] !== undefined && row[key] !== null;
	for (const key of ['price', 'minimumNights', 'baseOccupancy', 'closedToArrival', 'closedToDeparture']) {
		if (row[key] === null) out[key] = null;
	}
	if (keep('price')) out.price = requireNumber(node, `${path}.price`, row.price, { min: 0 }, itemIndex);
	for (const key of ['minimumNights', 'baseOccupancy'] as const) {
		if (keep(key)) out[key] = requireNumber(node, `${path}.${key}`, row[key], { min: 1, integer: true }, itemIndex);
	}
	for (const key of ['closedToArrival', 'closedToDeparture'] as const) {
		if (keep(key)) out[key] = requireBoolean(node, `${path}.${key}`, row[key], itemIndex);
	}
	return out;
}

/** Checks the whole body: rate IDs, rows, and no night twice for one rate. */
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

function readBody(this: IExecuteFunctions, i: number): RateUpdate[] {
	const node = this.getNode();
	if (this.getNodeParameter('inputMode', i) === 'json') {
		const raw = this.getNodeParameter('ratesJson', i);
		let parsed: unknown = raw;
		if (typeof raw === 'string') {
			parsed = jsonParse(raw, {
				errorMessage: 'Rates (JSON): the text is not valid JSON',
			});
		}
		return checkRateUpdates(node, 'Rates (JSON)', parsed, i);
	}
	const rateId = this.getNodeParameter('rateId', i, '', { extractValue: true }) as string;
	const rows = ((this.getNodeParameter('rows', i, {}) as IDataObject).row ?? []) as IDataObject[];
	if (!String(rateId ?? '').trim()) invalid(node, 'Rate', 'choose a rate or enter its ID', i);
	if (rows.length === 0) invalid(node, 'Nights', 'add at least one night', i);
	return checkRateUpdates(node, 'Nights', [{ rateId, data: rows }], i);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const body = readBody.call(this, i);
	const client = await clientFor.call(this, i);
	await client.request({ method: 'POST', url: '/rates/nightly', body, itemIndex: i });
	return body.map((rate) => ({ rateId: rate.rateId, nights: rate.data.length, data: rate.data, updated: true }));
}
