import type { INodeProperties } from 'n8n-workflow';

import * as getAll from './getAll.operation';

export { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['tenant'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the tenants (businesses) the token may use, from /auth/tokendetails',
				action: 'Get many tenants',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
