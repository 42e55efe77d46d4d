import type { INodeProperties } from 'n8n-workflow';

import * as getBusiness from './getBusiness.operation';
import * as getInventory from './getInventory.operation';
import * as getProperties from './getProperties.operation';
import * as getRates from './getRates.operation';
import * as getUnits from './getUnits.operation';
import * as getUnitTypes from './getUnitTypes.operation';

export { getBusiness, getInventory, getProperties, getRates, getUnits, getUnitTypes };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['inventory'] } },
		options: [
			{
				name: 'Get Business',
				value: 'getBusiness',
				description: 'Get the business (tenant), including its time zone',
				action: 'Get the business',
			},
			{
				name: 'Get Inventory',
				value: 'getInventory',
				description:
					'Get the whole inventory in one item: business, properties, units, unit types, guest types and rates (the only source of guest types)',
				action: 'Get the whole inventory',
			},
			{
				name: 'Get Properties',
				value: 'getProperties',
				description: 'Get the properties of the business',
				action: 'Get properties',
			},
			{
				name: 'Get Rates',
				value: 'getRates',
				description: 'Get the rates (rate plans) of the business',
				action: 'Get rates',
			},
			{
				name: 'Get Unit Types',
				value: 'getUnitTypes',
				description: 'Get the unit (room) types',
				action: 'Get unit types',
			},
			{
				name: 'Get Units',
				value: 'getUnits',
				description: 'Get the units (rooms, cottages…)',
				action: 'Get units',
			},
		],
		default: 'getBusiness',
	},
	...getBusiness.description,
	...getInventory.description,
	...getProperties.description,
	...getRates.description,
	...getUnitTypes.description,
	...getUnits.description,
];
