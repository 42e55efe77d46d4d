import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { create, get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['guestStay'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Add a guest to a room stay', action: 'Create a guest stay' },
			{ name: 'Get', value: 'get', description: 'Get one guest stay', action: 'Get a guest stay' },
			{ name: 'Get Many', value: 'getMany', description: 'List guest stays (by default Confirmed, Checked in and Checked out)', action: 'Get many guest stays' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
	...create.description,
];
