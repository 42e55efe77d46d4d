import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../shared/execute/router';
import type { OperationTable } from '../../shared/execute/router';
import * as area from './area';
import * as availability from './availability';
import * as booking from './booking';
import * as building from './building';
import * as contact from './contact';
import * as guestStay from './guestStay';
import * as rate from './rate';
import * as roomStay from './roomStay';
import * as unit from './unit';
import * as unitType from './unitType';

const operations: OperationTable = {
	booking: {
		getMany: booking.getMany,
		get: booking.get,
		getPricing: booking.getPricing,
		createEnquiry: booking.createEnquiry,
		updateStatus: booking.updateStatus,
		addPayment: booking.addPayment,
	},
	roomStay: { getMany: roomStay.getMany, get: roomStay.get, getForBooking: roomStay.getForBooking, getGuests: roomStay.getGuests },
	guestStay: { getMany: guestStay.getMany, get: guestStay.get, create: guestStay.create },
	contact: { getMany: contact.getMany, get: contact.get, create: contact.create, update: contact.update },
	availability: { search: availability.search, getUnitIntervals: availability.getUnitIntervals },
	unit: { getMany: unit.getMany, get: unit.get },
	unitType: { getMany: unitType.getMany },
	building: { getMany: building.getMany },
	area: { getMany: area.getMany },
	rate: { getMany: rate.getMany },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems.call(this, operations);
}
