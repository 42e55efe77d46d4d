import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['area'] } },
		options: [{ name: 'Get Many', value: 'getMany', description: 'List areas', action: 'Get many areas' }],
		default: 'getMany',
	},
	...getMany.description,
];
