/**
 * "Simplify": the fields people map from a reservation, flat, as n8n's own nodes offer for
 * large records. Used by the reservation operations and the trigger. Off, the API's object is
 * returned untouched.
 */
import type { IDataObject } from 'n8n-workflow';

import { isPlainDate } from '../../shared/validation';
import { nightsBetween } from '../../shared/plainDate';

export interface SimpleReservation extends IDataObject {
	id: string | null;
	status: string | null;
	arrival: string | null;
	departure: string | null;
	nights: number | null;
	guestName: string | null;
	guestEmail: string | null;
	guestPhone: string | null;
	unitIds: string[];
	rateIds: string[];
	total: number | null;
	currency: string | null;
	updatedAt: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const list = (value: unknown): IDataObject[] =>
	Array.isArray(value) ? value.filter((v): v is IDataObject => !!v && typeof v === 'object') : [];
const unique = (values: Array<string | null>): string[] => [...new Set(values.filter((v): v is string => v !== null))];
const cents = (value: number) => Math.round(value * 100) / 100;

function sum(rows: IDataObject[], keys: string[]): number | null {
	let total = 0;
	let found = false;
	for (const row of rows) {
		for (const key of keys) {
			if (typeof row[key] === 'number' && Number.isFinite(row[key])) {
				total += row[key] as number;
				found = true;
			}
		}
	}
	return found ? cents(total) : null;
}

/**
 * The flat shape. Guest fields come from the lead guest (the first person), and the total from
 * the invoices: both only in a full reservation (Get, or the trigger's Fetch Full Reservation);
 * a summary gives null there, or the total of its rental revenue, tax and fees when it has them.
 */
export function simplifyReservation(reservation: IDataObject): SimpleReservation {
	const assignments = list(reservation.unitAssignments);
	const [guest] = list(reservation.people);
	const invoices = list(reservation.invoices);
	const arrival = text(reservation.arrival);
	const departure = text(reservation.departure);
	const name = guest ? [text(guest.firstName), text(guest.lastName)].filter((v) => v !== null).join(' ') : '';
	return {
		id: text(reservation.id),
		status: text(reservation.status),
		arrival,
		departure,
		nights: arrival && departure && isPlainDate(arrival) && isPlainDate(departure) ? nightsBetween(arrival, departure) : null,
		guestName: name || null,
		guestEmail: guest ? text(guest.email) : null,
		guestPhone: guest ? (text(guest.phone) ?? text(guest.mobilePhone)) : null,
		unitIds: unique(assignments.map((a) => text(a.unitId))),
		rateIds: unique(assignments.map((a) => text(a.rateId))),
		total: invoices.length ? sum(invoices, ['total']) : sum(assignments, ['rentalRevenue', 'rentalTax', 'rentalFee']),
		currency: text(invoices[0]?.currency) ?? text(reservation.currency),
		updatedAt: text(reservation.updatedAt),
	};
}
