import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getManyByStayDate from './getManyByStayDate.operation';
import * as getManyUpdated from './getManyUpdated.operation';

export { get, getManyByStayDate, getManyUpdated };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['reservation'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get one reservation with its unit assignments, people and invoices',
				action: 'Get a reservation',
			},
			{
				name: 'Get Many by Stay Date',
				value: 'getManyByStayDate',
				description: 'Get reservations staying within a window of dates',
				action: 'Get many reservations by stay date',
			},
			{
				name: 'Get Many Updated Reservations',
				value: 'getManyUpdated',
				description: 'Get reservations created or changed since a moment, oldest change first',
				action: 'Get many updated reservations',
			},
		],
		default: 'get',
	},
	...get.description,
	...getManyByStayDate.description,
	...getManyUpdated.description,
];
