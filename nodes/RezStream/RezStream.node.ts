import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as availability from './actions/availability';
import * as inventory from './actions/inventory';
import * as rate from './actions/rate';
import * as reservation from './actions/reservation';
import { router } from './actions/router';
import * as tenant from './actions/tenant';
import { authenticationProperty, rezStreamCredentials, rezStreamIcon, tenantLocator } from './descriptions/common';
import { listSearch } from './methods';

export class RezStream implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'rezStream',
		name: 'rezStream',
		icon: rezStreamIcon,
		group: ['input'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Read reservations, inventory, availability and rates from rezStream Cloud, and set nightly rates',
		defaults: { name: 'rezStream' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: rezStreamCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Availability', value: 'availability' },
					{ name: 'Inventory', value: 'inventory' },
					{ name: 'Rate', value: 'rate' },
					{ name: 'Reservation', value: 'reservation' },
					{ name: 'Tenant', value: 'tenant' },
				],
				default: 'reservation',
			},
			...reservation.description,
			...tenant.description,
			...inventory.description,
			...availability.description,
			...rate.description,
			{ ...tenantLocator, displayOptions: { hide: { resource: ['tenant'] } } },
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
