import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import * as availability from './actions/availability';
import * as inventory from './actions/inventory';
import * as rate from './actions/rate';
import * as reservation from './actions/reservation';
import { router } from './actions/router';
import * as tenant from './actions/tenant';
import { authenticationProperty, rezStreamCredentials, rezStreamIcon, tenantLocator } from './descriptions/common';
import { listSearch } from './methods';

const resources: INodePropertyOptions[] = [
	{ name: 'Availability', value: 'availability' },
	{ name: 'Inventory', value: 'inventory' },
	{ name: 'Rate', value: 'rate' },
	{ name: 'Reservation', value: 'reservation' },
	{ name: 'Tenant', value: 'tenant' },
];

const operationProperties: INodeProperties[] = [
	...reservation.description,
	...tenant.description,
	...inventory.description,
	...availability.description,
	...rate.description,
];

export class RezStream implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'rezStream',
		name: 'rezStream',
		icon: rezStreamIcon,
		group: ['input'],
		// 1.1: Simplify on by default for reservations (version 1 nodes keep the full object).
		version: [1, 1.1],
		defaultVersion: 1.1,
		// In words ("Get many by stay date: Reservation"); test/rezstream/editor.test.js checks it
		// against the operation names, so a renamed option cannot leave it behind.
		subtitle:
			'={{ (({"reservation:get":"Get","reservation:getManyByStayDate":"Get many by stay date","reservation:getManyUpdated":"Get many updated reservations","tenant:getAll":"Get many","inventory:getBusiness":"Get business","inventory:getInventory":"Get inventory","inventory:getProperties":"Get properties","inventory:getRates":"Get rates","inventory:getUnitTypes":"Get unit types","inventory:getUnits":"Get units","availability:getBlocks":"Get blocks","availability:getTypeCalendar":"Get type calendar","availability:getUnitCalendar":"Get unit calendar","rate:getReservedByDate":"Get many reserved rates","rate:getReservedUpdated":"Get many updated reserved rates","rate:getNightly":"Get nightly rates","rate:updateNightly":"Update nightly rates"})[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"]) + ": " + (({"availability":"Availability","inventory":"Inventory","rate":"Rate","reservation":"Reservation","tenant":"Tenant"})[$parameter["resource"]] || $parameter["resource"]) }}',
		description: 'Read reservations, inventory, availability and rates from rezStream Cloud, and set nightly rates',
		defaults: { name: 'rezStream' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: rezStreamCredentials,
		properties: [
			authenticationProperty,
			// Right after Authentication: the pickers below (Rate…) list what this tenant has.
			{ ...tenantLocator, displayOptions: { hide: { resource: ['tenant'] } } },
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resources,
				default: 'reservation',
			},
			...operationProperties,
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
