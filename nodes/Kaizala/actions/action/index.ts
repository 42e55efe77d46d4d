import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as respond from './respond.operation';

export { create, get, getMany, respond };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['action'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Send a job, poll, survey, meeting, announcement or custom action', action: 'Create an action' },
			{ name: 'Get', value: 'get', description: 'Get an action, optionally with its responses', action: 'Get an action' },
			{ name: 'Get Many', value: 'getMany', description: 'List the actions of a group', action: 'Get many actions' },
			{ name: 'Respond', value: 'respond', description: 'Respond to an action', action: 'Respond to an action' },
		],
		default: 'getMany',
	},
	...create.description,
	...get.description,
	...getMany.description,
	...respond.description,
];
