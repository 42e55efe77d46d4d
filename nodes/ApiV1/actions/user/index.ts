import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getCurrent from './getCurrent.operation';

export { create, get, getCurrent };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a user', action: 'Create a user' },
			{ name: 'Get', value: 'get', description: 'Get a user by ID', action: 'Get a user' },
			{
				name: 'Get Current',
				value: 'getCurrent',
				description: 'Get the user the credential signs in as',
				action: 'Get the current user',
			},
		],
		default: 'getCurrent',
	},
	...create.description,
	...get.description,
	...getCurrent.description,
];
