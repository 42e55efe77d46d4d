import type { INodeProperties } from 'n8n-workflow';

import * as getUnitIntervals from './getUnitIntervals.operation';
import * as search from './search.operation';

export { getUnitIntervals, search };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['availability'] } },
		options: [
			{ name: 'Get Unit Intervals', value: 'getUnitIntervals', description: 'Get the booked and free intervals of one unit', action: 'Get the availability intervals of a unit' },
			{ name: 'Search', value: 'search', description: 'Find units free between two dates', action: 'Search availability' },
		],
		default: 'search',
	},
	...search.description,
	...getUnitIntervals.description,
];
