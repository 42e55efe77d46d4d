import type { INodeProperties } from 'n8n-workflow';

import * as send from './send.operation';

export { send };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['request'] } },
		options: [
			{
				name: 'Send',
				value: 'send',
				description: 'Call any other API v1 endpoint with the credential applied',
				action: 'Send a request',
			},
		],
		default: 'send',
	},
	...send.description,
];
