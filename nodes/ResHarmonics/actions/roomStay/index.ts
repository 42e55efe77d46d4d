import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getForBooking from './getForBooking.operation';
import * as getGuests from './getGuests.operation';
import * as getMany from './getMany.operation';

export { get, getForBooking, getGuests, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['roomStay'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get one room stay', action: 'Get a room stay' },
			{ name: 'Get for Booking', value: 'getForBooking', description: 'Get the room stays of one booking', action: 'Get the room stays of a booking' },
			{ name: 'Get Guests', value: 'getGuests', description: 'Get the guests of one room stay', action: 'Get the guests of a room stay' },
			{ name: 'Get Many', value: 'getMany', description: 'List room stays', action: 'Get many room stays' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
	...getForBooking.description,
	...getGuests.description,
];
