import type { INodeProperties } from 'n8n-workflow';

import * as getBlocks from './getBlocks.operation';
import * as getTypeCalendar from './getTypeCalendar.operation';
import * as getUnitCalendar from './getUnitCalendar.operation';

export { getBlocks, getTypeCalendar, getUnitCalendar };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['availability'] } },
		options: [
			{
				name: 'Get Blocks',
				value: 'getBlocks',
				description: 'Get availability blocks (closed units) overlapping a window of dates',
				action: 'Get availability blocks',
			},
			{
				name: 'Get Type Calendar',
				value: 'getTypeCalendar',
				description: 'Get availability per unit type and night',
				action: 'Get the unit type calendar',
			},
			{
				name: 'Get Unit Calendar',
				value: 'getUnitCalendar',
				description: 'Get availability per unit and night',
				action: 'Get the unit calendar',
			},
		],
		default: 'getUnitCalendar',
	},
	...getBlocks.description,
	...getTypeCalendar.description,
	...getUnitCalendar.description,
];
