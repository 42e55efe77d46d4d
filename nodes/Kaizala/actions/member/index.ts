import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as getMany from './getMany.operation';
import * as remove from './remove.operation';
import * as setRole from './setRole.operation';

export { add, getMany, remove, setRole };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['member'] } },
		options: [
			{ name: 'Add', value: 'add', description: 'Add members to a group by phone number', action: 'Add members to a group' },
			{ name: 'Get Many', value: 'getMany', description: 'List the members of a group', action: 'Get many members of a group' },
			{ name: 'Remove', value: 'remove', description: 'Remove a member from a group', action: 'Remove a member from a group' },
			{ name: 'Set Role', value: 'setRole', description: 'Make a member an admin or a plain member', action: 'Set the role of a member' },
		],
		default: 'getMany',
	},
	...add.description,
	...getMany.description,
	...remove.description,
	...setRole.description,
];
