import type { INodeProperties } from 'n8n-workflow';

import * as addPayment from './addPayment.operation';
import * as createEnquiry from './createEnquiry.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getPricing from './getPricing.operation';
import * as updateStatus from './updateStatus.operation';

export { addPayment, createEnquiry, get, getMany, getPricing, updateStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['booking'] } },
		options: [
			{ name: 'Add Payment', value: 'addPayment', description: 'Record a payment, reconciled against outstanding invoices', action: 'Add a payment to a booking' },
			{ name: 'Create Enquiry', value: 'createEnquiry', description: 'Create a booking in status Enquiry, optionally holding the unit', action: 'Create a booking enquiry' },
			{ name: 'Get', value: 'get', description: 'Get one booking with its room stays', action: 'Get a booking' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List bookings: one row per room stay (bookingId and roomStayId, no ID), so a booking with two room stays gives two rows',
				action: 'Get many bookings',
			},
			{ name: 'Get Pricing', value: 'getPricing', description: "Get a booking's pricing (needs the API key credential)", action: 'Get the pricing of a booking' },
			{ name: 'Update Status', value: 'updateStatus', description: 'Set a booking to Pending, Confirmed or Checked in', action: 'Update the status of a booking' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
	...getPricing.description,
	...createEnquiry.description,
	...updateStatus.description,
	...addPayment.description,
];
