import type { INodeProperties } from 'n8n-workflow';

import * as getMany from './getMany.operation';

export { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['country'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List countries, page by page',
				action: 'Get many countries',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
