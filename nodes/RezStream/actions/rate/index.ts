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
				name: 'Get Many Reserved Rates',
				value: 'getReservedByDate',
				description: 'Get the rates reserved for stays in a window of dates (no personal data)',
				action: 'Get many reserved rates by stay date',
			},
			{
				name: 'Get Many Updated Reserved Rates',
				value: 'getReservedUpdated',
				description: 'Get reserved rates created or changed since a moment, oldest change first',
				action: 'Get many updated reserved rates',
			},
			{
				name: 'Get Nightly Rates',
				value: 'getNightly',
				description: 'Get nightly prices and restrictions per rate',
				action: 'Get nightly rates',
			},
			{
				name: 'Update Nightly Rates',
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
