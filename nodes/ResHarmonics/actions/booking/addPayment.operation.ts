import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { bookingLocator, dateField } from '../../descriptions/common';
import { requirePlainDate } from '../../../shared/validation';
import { checkNumber, clientFor, describe, readCollection, readId } from '../common';

export const description = describe('booking', 'addPayment', [
	bookingLocator('The booking the payment is for'),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		required: true,
		description: 'Amount paid, in the booking currency. Res:harmonics reconciles it against outstanding invoices.',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			dateField('Payment Date', 'paymentDate', 'When the payment was made'),
			{ displayName: 'Payment Method', name: 'paymentMethod', type: 'string', default: '', placeholder: 'e.g. CARD', description: 'How it was paid' },
			{ displayName: 'Reference', name: 'reference', type: 'string', default: '', description: "The payment provider's reference" },
		],
	},
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = readId.call(this, 'bookingId', 'Booking', i);
	const amount = checkNumber.call(this, 'Amount', this.getNodeParameter('amount', i), i, { above: 0 });
	const extra = readCollection.call(this, 'additionalFields', 'Additional Fields', i);
	const body: IDataObject = { amount };
	if (extra.paymentDate) body.paymentDate = requirePlainDate(this.getNode(), 'Additional Fields → Payment Date', extra.paymentDate, i);
	for (const key of ['paymentMethod', 'reference']) {
		if (typeof extra[key] === 'string' && (extra[key] as string).trim()) body[key] = (extra[key] as string).trim();
	}
	const client = await clientFor.call(this, i);
	return await client.send<IDataObject>('POST', `/api/v3/bookings/${encodeURIComponent(id)}/payments`, body, i);
}
