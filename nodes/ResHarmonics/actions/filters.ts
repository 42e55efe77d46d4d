/**
 * The `filters` collection of the list operations, with the API's own parameter names, and
 * its reading: every value checked before any request (dates YYYY-MM-DD, timestamps ISO with a
 * zone, IDs whole numbers, From not after To). `statuses` is sent as repeated parameters
 * (statuses=A&statuses=B), which Spring binds; `statuses[]=` would be ignored by the API.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { dateField, timestampField } from '../descriptions/common';
import { checkId, checkTimestamp, checkTimestampOrder, readCollection } from './common';
import { requireDateOrder, requirePlainDate } from '../../shared/validation';
import { NodeOperationError } from 'n8n-workflow';

export const BOOKING_STATUSES = ['ENQUIRY', 'PENDING', 'CONFIRMED', 'CHECKED_IN', 'CHECKED_OUT', 'CANCELLED'];

type Kind = 'date' | 'timestamp' | 'id' | 'text' | 'statuses';
interface FilterSpec {
	name: string;
	displayName: string;
	kind: Kind;
	description: string;
	default?: string[];
}

const title = (s: string) => s.charAt(0) + s.slice(1).toLowerCase().replace(/_/g, ' ');

function property(spec: FilterSpec): INodeProperties {
	switch (spec.kind) {
		case 'date':
			return dateField(spec.displayName, spec.name, spec.description);
		case 'timestamp':
			return timestampField(spec.displayName, spec.name, spec.description);
		case 'statuses': {
			const multi: INodeProperties = {
				displayName: spec.displayName,
				name: spec.name,
				type: 'multiOptions',
				options: BOOKING_STATUSES.map((s) => ({ name: title(s), value: s })),
				default: [],
				description: spec.description,
			};
			if (spec.default) multi.default = spec.default;
			return multi;
		}
		case 'id':
			return { displayName: spec.displayName, name: spec.name, type: 'string', default: '', placeholder: 'e.g. 1042', description: spec.description };
		default:
			return { displayName: spec.displayName, name: spec.name, type: 'string', default: '', description: spec.description };
	}
}

const stayWindow: FilterSpec[] = [
	{ name: 'dateFrom', displayName: 'Date From', kind: 'date', description: 'Stays that end after this date' },
	{ name: 'dateTo', displayName: 'Date To', kind: 'date', description: 'Stays that start on or before this date' },
];
const updated: FilterSpec[] = [
	{ name: 'lastUpdatedFrom', displayName: 'Last Updated From', kind: 'timestamp', description: 'Changed at or after this moment' },
	{ name: 'lastUpdatedTo', displayName: 'Last Updated To', kind: 'timestamp', description: 'Changed at or before this moment' },
];
const statuses = (description: string, def?: string[]): FilterSpec => ({ name: 'statuses', displayName: 'Statuses', kind: 'statuses', description, default: def });

export const bookingFilterSpecs: FilterSpec[] = [
	...stayWindow,
	...updated,
	{ name: 'createdFrom', displayName: 'Created From', kind: 'timestamp', description: 'Created at or after this moment' },
	{ name: 'createdTo', displayName: 'Created To', kind: 'timestamp', description: 'Created at or before this moment' },
	statuses('Only bookings in these statuses'),
	{ name: 'unitId', displayName: 'Unit ID', kind: 'id', description: 'Only stays in this unit' },
	{ name: 'bookingContactId', displayName: 'Booking Contact ID', kind: 'id', description: 'Only bookings of this contact' },
	{ name: 'bookingAccountId', displayName: 'Booking Account ID', kind: 'id', description: 'Only bookings of this account' },
	{ name: 'billingAccountId', displayName: 'Billing Account ID', kind: 'id', description: 'Only bookings billed to this account' },
	{ name: 'bookingReference', displayName: 'Booking Reference', kind: 'text', description: 'The booking reference, e.g. RH-1042' },
	{ name: 'channelId', displayName: 'Channel ID', kind: 'id', description: 'Only bookings from this channel' },
	{ name: 'otaReference', displayName: 'OTA Reference', kind: 'text', description: "The online travel agency's reference" },
	{ name: 'customerReference', displayName: 'Customer Reference', kind: 'text', description: "The customer's own reference, such as a purchase order" },
	{ name: 'organisationSettingsId', displayName: 'Organisation Settings ID', kind: 'id', description: 'Only bookings of this organisation setting' },
];

export const roomStayFilterSpecs: FilterSpec[] = [
	...stayWindow,
	...updated,
	// The API spells the creation filter of room stays createFrom / createdTo.
	{ name: 'createFrom', displayName: 'Create From', kind: 'timestamp', description: 'Created at or after this moment (the API spells it createFrom)' },
	{ name: 'createdTo', displayName: 'Created To', kind: 'timestamp', description: 'Created at or before this moment' },
	statuses('Only room stays in these statuses'),
	{ name: 'unitId', displayName: 'Unit ID', kind: 'id', description: 'Only stays in this unit' },
	{ name: 'bookingId', displayName: 'Booking ID', kind: 'id', description: 'Only room stays of this booking' },
];

export const guestStayFilterSpecs: FilterSpec[] = [
	...stayWindow,
	{ name: 'unitId', displayName: 'Unit ID', kind: 'id', description: 'Only stays in this unit' },
	{ name: 'contactId', displayName: 'Contact ID', kind: 'id', description: 'Only stays of this contact' },
	{ name: 'emailAddress', displayName: 'Email Address', kind: 'text', description: "The guest's email address" },
	{ name: 'firstName', displayName: 'First Name', kind: 'text', description: "The guest's first name" },
	{ name: 'lastName', displayName: 'Last Name', kind: 'text', description: "The guest's last name" },
	statuses('Only guest stays in these statuses. Without this filter the API returns Confirmed, Checked in and Checked out.', ['CONFIRMED', 'CHECKED_IN', 'CHECKED_OUT']),
	{ name: 'bookingReference', displayName: 'Booking Reference', kind: 'text', description: 'The booking reference, e.g. RH-1042' },
];

export const contactFilterSpecs: FilterSpec[] = [
	{ name: 'emailAddress', displayName: 'Email Address', kind: 'text', description: "The contact's email address" },
	{ name: 'firstName', displayName: 'First Name', kind: 'text', description: "The contact's first name" },
	{ name: 'lastName', displayName: 'Last Name', kind: 'text', description: "The contact's last name" },
];

export function filtersProperty(specs: FilterSpec[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [...specs].sort((a, b) => a.displayName.localeCompare(b.displayName)).map(property),
	};
}

/** The query of a list: the filters set, checked and named as the API names them. */
export function readFilters(this: IExecuteFunctions, specs: FilterSpec[], itemIndex: number): IDataObject {
	const node = this.getNode();
	const given = readCollection.call(this, 'filters', 'Filters', itemIndex);
	const qs: IDataObject = {};
	for (const spec of specs) {
		const raw = given[spec.name];
		if (raw === undefined || raw === null || raw === '') continue;
		const field = `Filters → ${spec.displayName}`;
		if (spec.kind === 'date') qs[spec.name] = requirePlainDate(node, field, raw, itemIndex);
		else if (spec.kind === 'timestamp') qs[spec.name] = checkTimestamp.call(this, field, raw, itemIndex);
		else if (spec.kind === 'id') qs[spec.name] = checkId.call(this, field, raw, itemIndex);
		else if (spec.kind === 'text') qs[spec.name] = String(raw).trim();
		else {
			const list = (Array.isArray(raw) ? raw : String(raw).split(',')).map((v) => String(v).trim()).filter(Boolean);
			const bad = list.filter((v) => !BOOKING_STATUSES.includes(v));
			if (bad.length) {
				throw new NodeOperationError(node, `${field}: ${bad.map((b) => `"${b}"`).join(', ')} ${bad.length > 1 ? 'are not statuses' : 'is not a status'}`, {
					itemIndex,
					description: `Use ${BOOKING_STATUSES.join(', ')}.`,
				});
			}
			if (list.length) qs[spec.name] = list;
		}
	}
	const name = (n: string) => `Filters → ${specs.find((s) => s.name === n)?.displayName ?? n}`;
	if (qs.dateFrom && qs.dateTo) requireDateOrder(node, name('dateFrom'), qs.dateFrom as string, name('dateTo'), qs.dateTo as string, itemIndex);
	for (const [from, to] of [['lastUpdatedFrom', 'lastUpdatedTo'], ['createdFrom', 'createdTo'], ['createFrom', 'createdTo']]) {
		if (qs[from] && qs[to]) checkTimestampOrder.call(this, name(from), qs[from] as string, name(to), qs[to] as string, itemIndex);
	}
	return qs;
}
