import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['unit'] } },
		options: [
			{ name: 'Get', value: 'get', description: 'Get one unit', action: 'Get a unit' },
			{ name: 'Get Many', value: 'getMany', description: 'List units', action: 'Get many units' },
		],
		default: 'getMany',
	},
	...getMany.description,
	...get.description,
];
