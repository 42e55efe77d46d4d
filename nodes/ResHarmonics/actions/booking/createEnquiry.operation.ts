import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { dateField, unitLocator } from '../../descriptions/common';
import { checkId, checkNumber, clientFor, describe, readCollection, readDateRange, readId } from '../common';

export const description = describe('booking', 'createEnquiry', [
	unitLocator('The unit the enquiry is for'),
	dateField('Start Date', 'startDate', 'Arrival date', true),
	dateField('End Date', 'endDate', 'Departure date, after Start Date', true),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Booking Contact ID', name: 'bookingContactId', type: 'string', default: '', placeholder: 'e.g. 501', description: 'The contact making the booking' },
			{ displayName: 'Customer Reference', name: 'customerReference', type: 'string', default: '', description: "The customer's own reference, such as a purchase order" },
			{
				displayName: 'Reserve for Minutes',
				name: 'reserveForMinutes',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description: 'Hold the availability for this many minutes while the enquiry is pending',
			},
		],
	},
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const unitId = readId.call(this, 'unitId', 'Unit', i);
	const { from, to } = readDateRange.call(this, ['startDate', 'Start Date'], ['endDate', 'End Date'], i, { after: true });
	const extra = readCollection.call(this, 'additionalFields', 'Additional Fields', i);
	const body: IDataObject = { unitId: Number(unitId), startDate: from, endDate: to };
	if (extra.bookingContactId !== undefined && extra.bookingContactId !== '') {
		body.bookingContactId = Number(checkId.call(this, 'Additional Fields → Booking Contact ID', extra.bookingContactId, i));
	}
	if (typeof extra.customerReference === 'string' && extra.customerReference.trim()) body.customerReference = extra.customerReference.trim();
	if (extra.reserveForMinutes !== undefined && extra.reserveForMinutes !== '') {
		body.reserveForMinutes = checkNumber.call(this, 'Additional Fields → Reserve for Minutes', extra.reserveForMinutes, i, { min: 1, integer: true });
	}
	const client = await clientFor.call(this, i);
	return await client.send<IDataObject>('POST', '/api/v3/bookings', body, i);
}
