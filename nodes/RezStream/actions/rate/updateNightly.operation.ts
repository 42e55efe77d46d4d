import { jsonParse, NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';

import { rateLocator, stayDateFields } from '../../descriptions/common';
import { clientFor, readStayDate, readStayRange, showFor } from '../common';
import { checkRateUpdates, expandRange, invalid, NIGHTS_PER_REQUEST, splitByNights, WEEKDAYS } from './nightly';
import type { RateUpdate } from './nightly';

/** The optional values of a night: only those the user adds are sent. */
const valuesToSet: INodeProperties = {
	displayName: 'Values to Set',
	name: 'values',
	type: 'collection',
	placeholder: 'Add Value',
	default: {},
	description: 'Only the values added here are changed; every other value keeps what rezStream has',
	options: [
		{
			displayName: 'Base Occupancy',
			name: 'baseOccupancy',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 2,
			description: 'Guests included in the price before extra guest charges apply',
		},
		{
			displayName: 'Closed to Arrival',
			name: 'closedToArrival',
			type: 'boolean',
			default: false,
			description: 'Whether stays may not arrive on this night',
		},
		{
			displayName: 'Closed to Departure',
			name: 'closedToDeparture',
			type: 'boolean',
			default: false,
			description: 'Whether stays may not depart on this date',
		},
		{
			displayName: 'Minimum Nights',
			name: 'minimumNights',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
			description: 'Shortest stay that may arrive on this night',
		},
		{
			displayName: 'Price',
			name: 'price',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 0,
			description: 'Nightly price for the base occupancy, in the currency of the rate',
		},
	],
};

const properties: INodeProperties[] = [
	{
		displayName: 'Input Mode',
		name: 'inputMode',
		type: 'options',
		options: [
			{ name: 'Date Range', value: 'range', description: 'One rate, the same values over a range of nights' },
			{ name: 'Fields', value: 'fields', description: 'One rate, one row per night' },
			{ name: 'JSON', value: 'json', description: 'The request body as JSON: several rates, partial rows' },
		],
		default: 'fields',
	},
	{ ...rateLocator, displayOptions: { show: { inputMode: ['fields', 'range'] } } },
	{
		displayName: 'Nights',
		name: 'rows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Night',
		default: {},
		description: 'One row per night: its date and the values to change on it',
		displayOptions: { show: { inputMode: ['fields'] } },
		options: [
			{
				displayName: 'Night',
				name: 'row',
				values: [
					{
						displayName: 'Date',
						name: 'date',
						type: 'dateTime',
						default: '',
						required: true,
						description:
							"The night, in the property's calendar: the day picked is used as it is, never shifted by a time zone. An expression or text such as 2025-07-01 also works.",
					},
					valuesToSet,
				],
			},
		],
	},
	...updateDisplayOptions({ show: { inputMode: ['range'] } }, [
		...stayDateFields('First night to set.', 'Last night to set (included). A range covers at most 365 nights.'),
		{
			displayName: 'Days of Week',
			name: 'daysOfWeek',
			type: 'multiOptions',
			options: Object.keys(WEEKDAYS).map((day) => ({ name: day[0].toUpperCase() + day.slice(1), value: day })),
			default: [],
			description: 'Only the nights that fall on these days, for example Friday and Saturday for weekend prices. None chosen: every night.',
		},
		valuesToSet,
	]),
	{
		displayName: 'Rates (JSON)',
		name: 'ratesJson',
		type: 'json',
		default: '[\n  {\n    "rateId": "",\n    "data": [\n      { "date": "2025-07-01", "price": 149, "minimumNights": 2 }\n    ]\n  }\n]',
		description:
			'An array of {rateId, data: [{date, price, minimumNights, baseOccupancy, closedToArrival, closedToDeparture}]}. A night needs its date and at least one value; a value left out or null stays as it is.',
		displayOptions: { show: { inputMode: ['json'] } },
	},
];

export const description = updateDisplayOptions(showFor('rate', 'updateNightly'), properties);

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readRate(this: IExecuteFunctions, i: number): string {
	const rateId = this.getNodeParameter('rateId', i, '', { extractValue: true }) as string;
	if (!String(rateId ?? '').trim()) invalid(this.getNode(), 'Rate', 'choose a rate or enter its ID', i);
	return rateId;
}

function readBody(this: IExecuteFunctions, i: number): RateUpdate[] {
	const node = this.getNode();
	const mode = this.getNodeParameter('inputMode', i) as string;
	if (mode === 'json') {
		const raw = this.getNodeParameter('ratesJson', i);
		const parsed: unknown =
			typeof raw === 'string' ? jsonParse(raw, { errorMessage: 'Rates (JSON): the text is not valid JSON' }) : raw;
		return checkRateUpdates(node, 'Rates (JSON)', parsed, i);
	}
	if (mode === 'range') {
		const rateId = readRate.call(this, i);
		const range = readStayRange.call(this, i);
		const days = this.getNodeParameter('daysOfWeek', i, []) as string[];
		const values = this.getNodeParameter('values', i, {}) as IDataObject;
		const nights = expandRange(node, { ...range, days: Array.isArray(days) ? days : [] }, i);
		return checkRateUpdates(node, 'Date Range', [{ rateId, data: nights.map((date) => ({ date, ...values })) }], i);
	}
	const rateId = readRate.call(this, i);
	const collection: unknown = this.getNodeParameter('rows', i, {});
	const rows: unknown = isObject(collection) ? (collection.row ?? []) : collection;
	if (!Array.isArray(rows)) invalid(node, 'Nights', 'expected a list of nights (each with a Date)', i);
	if (rows.length === 0) invalid(node, 'Nights', 'add at least one night', i);
	const data = rows.map((row: unknown, n) => {
		if (!isObject(row)) invalid(node, `Nights [${n}]`, 'expected a night with a Date', i);
		const values: unknown = row.values ?? {};
		if (!isObject(values)) invalid(node, `Nights [${n}] Values to Set`, 'expected the values to set as fields', i);
		return { date: readStayDate.call(this, row.date), ...values };
	});
	return checkRateUpdates(node, 'Nights', [{ rateId, data }], i);
}

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const body = readBody.call(this, i);
	const client = await clientFor.call(this, i);
	// One request per 100 nights, one after another, so a failure says exactly what was applied.
	const bodies = splitByNights(body, NIGHTS_PER_REQUEST);
	let applied = 0;
	for (const [k, part] of bodies.entries()) {
		try {
			await client.request({ method: 'POST', url: '/rates/nightly', body: part, itemIndex: i });
		} catch (error) {
			if (k > 0 && error instanceof NodeApiError) {
				const total = bodies.reduce((sum, b) => sum + b.reduce((n, r) => n + r.data.length, 0), 0);
				const last = bodies[k - 1][bodies[k - 1].length - 1];
				error.description = `${error.description ?? ''} The first ${k} of ${bodies.length} requests were applied: ${applied} of ${total} nights, up to ${last.data[last.data.length - 1].date} of rate ${last.rateId}.`.trim();
			}
			// A NodeApiError is handed back as it is (description included); anything else is wrapped.
			if (error instanceof NodeApiError) throw new NodeApiError(this.getNode(), error as unknown as JsonObject);
			throw new NodeOperationError(this.getNode(), error as Error, { itemIndex: i });
		}
		applied += part.reduce((n, r) => n + r.data.length, 0);
	}
	return body.map((rate) => ({
		rateId: rate.rateId,
		nights: rate.data.length,
		firstNight: rate.data[0].date,
		lastNight: rate.data[rate.data.length - 1].date,
		requests: bodies.length,
		updated: true,
		data: rate.data,
	}));
}
