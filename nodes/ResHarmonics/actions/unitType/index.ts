import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['unitType'] } },
		options: [{ name: 'Get Many', value: 'getMany', description: 'List unit types', action: 'Get many unit types' }],
		default: 'getMany',
	},
	...getMany.description,
];
