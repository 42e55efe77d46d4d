import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { bookingLocator } from '../../descriptions/common';
import { clientFor, describe, readId } from '../common';

const STATUSES = ['PENDING', 'CONFIRMED', 'CHECKED_IN'];

export const description = describe('booking', 'updateStatus', [
	bookingLocator('The booking whose status to set'),
	{
		displayName: 'Status',
		name: 'status',
		type: 'options',
		options: [
			{ name: 'Pending', value: 'PENDING' },
			{ name: 'Confirmed', value: 'CONFIRMED' },
			{ name: 'Checked In', value: 'CHECKED_IN' },
		],
		default: 'CONFIRMED',
		description: 'The new status. The API sets only these three.',
	},
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = readId.call(this, 'bookingId', 'Booking', i);
	const status = this.getNodeParameter('status', i) as unknown;
	if (typeof status !== 'string' || !STATUSES.includes(status)) {
		throw new NodeOperationError(this.getNode(), `Status: ${JSON.stringify(status)} cannot be set; use PENDING, CONFIRMED or CHECKED_IN`, { itemIndex: i });
	}
	const client = await clientFor.call(this, i);
	return await client.send<IDataObject>('PUT', `/api/v3/bookings/${encodeURIComponent(id)}/updateStatuses`, { status }, i);
}
