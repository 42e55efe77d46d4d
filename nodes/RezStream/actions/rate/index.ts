import type { INodeProperties } from 'n8n-workflow';

import * as getNightly from './getNightly.operation';
import * as getReservedByDate from './getReservedByDate.operation';
import * as getReservedUpdated from './getReservedUpdated.operation';
import * as updateNightly from './updateNightly.operation';

export { getNightly, getReservedByDate, getReservedUpdated, updateNightly };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['rate'] } },
		options: [
			{
				name: 'Get Nightly',
				value: 'getNightly',
				description: 'Get nightly prices and restrictions per rate',
				action: 'Get nightly rates',
			},
			{
				name: 'Get Reserved by Date',
				value: 'getReservedByDate',
				description: 'Get the rates reserved for stays in a window of dates (no personal data)',
				action: 'Get reserved rates by date',
			},
			{
				name: 'Get Reserved Updated',
				value: 'getReservedUpdated',
				description: 'Get reserved rates created or changed since a moment',
				action: 'Get updated reserved rates',
			},
			{
				name: 'Update Nightly',
				value: 'updateNightly',
				description: 'Set nightly prices and restrictions (the only write in the API)',
				action: 'Update nightly rates',
			},
		],
		default: 'getNightly',
	},
	...getNightly.description,
	...getReservedByDate.description,
	...getReservedUpdated.description,
	...updateNightly.description,
];
