import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../shared/execute/router';
import type { OperationTable } from '../../shared/execute/router';
import * as availability from './availability';
import * as inventory from './inventory';
import * as rate from './rate';
import * as reservation from './reservation';
import * as tenant from './tenant';

const operations: OperationTable = {
	reservation: {
		get: reservation.get,
		getManyByStayDate: reservation.getManyByStayDate,
		getManyUpdated: reservation.getManyUpdated,
	},
	tenant: { getAll: tenant.getAll },
	inventory: {
		getBusiness: inventory.getBusiness,
		getInventory: inventory.getInventory,
		getProperties: inventory.getProperties,
		getUnits: inventory.getUnits,
		getUnitTypes: inventory.getUnitTypes,
		getRates: inventory.getRates,
	},
	availability: {
		getUnitCalendar: availability.getUnitCalendar,
		getTypeCalendar: availability.getTypeCalendar,
		getBlocks: availability.getBlocks,
	},
	rate: {
		getNightly: rate.getNightly,
		updateNightly: rate.updateNightly,
		getReservedByDate: rate.getReservedByDate,
		getReservedUpdated: rate.getReservedUpdated,
	},
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeItems.call(this, operations);
}
