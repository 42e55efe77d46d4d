import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { bookingLocator } from '../../descriptions/common';
import { clientFor, describe, readId } from '../common';

export const description = describe('booking', 'getPricing', [bookingLocator('The booking whose pricing to get')]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = readId.call(this, 'bookingId', 'Booking', i);
	// The API accepts only its X-Auth-Token scheme here: say so before sending anything.
	if (this.getNodeParameter('authentication', i) !== 'apiKey') {
		throw new NodeOperationError(this.getNode(), 'Get Pricing needs Authentication "API Key (X-Auth-Token)"', {
			itemIndex: i,
			description: 'Res:harmonics accepts only its API key for a booking\'s pricing (GET /api/v3/bookings/{id}/pricing), not an OAuth2 token. Set Authentication to API Key and pick a Res:harmonics API credential.',
		});
	}
	const client = await clientFor.call(this, i);
	return await client.get<IDataObject>(`/api/v3/bookings/${encodeURIComponent(id)}/pricing`, undefined, i);
}
