import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as getMany from './getMany.operation';
import * as remove from './remove.operation';

export { add, getMany, remove };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['subscriber'] } },
		options: [
			{ name: 'Add', value: 'add', description: 'Add subscribers to a public group', action: 'Add subscribers' },
			{ name: 'Get Many', value: 'getMany', description: 'List the subscribers of a public group', action: 'Get many subscribers' },
			{ name: 'Remove', value: 'remove', description: 'Remove subscribers from a public group', action: 'Remove subscribers' },
		],
		default: 'getMany',
	},
	...add.description,
	...getMany.description,
	...remove.description,
];
