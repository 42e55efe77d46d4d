import type { INodeProperties } from 'n8n-workflow';

import * as addSubgroup from './addSubgroup.operation';
import * as create from './create.operation';
import * as createSubgroup from './createSubgroup.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getSubgroups from './getSubgroups.operation';
import * as removeSubgroup from './removeSubgroup.operation';

export { addSubgroup, create, createSubgroup, get, getMany, getSubgroups, removeSubgroup };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['group'] } },
		options: [
			{ name: 'Add Subgroup', value: 'addSubgroup', description: 'Place an existing group under a parent group', action: 'Add a subgroup to a group' },
			{ name: 'Create', value: 'create', description: 'Create a group', action: 'Create a group' },
			{ name: 'Create Subgroup', value: 'createSubgroup', description: 'Create a new group under a parent group', action: 'Create a subgroup' },
			{ name: 'Get', value: 'get', description: 'Get a group', action: 'Get a group' },
			{ name: 'Get Many', value: 'getMany', description: 'List the groups the connector can reach', action: 'Get many groups' },
			{ name: 'Get Subgroups', value: 'getSubgroups', description: 'List the subgroups of a group', action: 'Get subgroups of a group' },
			{ name: 'Remove Subgroup', value: 'removeSubgroup', description: 'Take a subgroup out of its parent group', action: 'Remove a subgroup from a group' },
		],
		default: 'getMany',
	},
	...addSubgroup.description,
	...create.description,
	...createSubgroup.description,
	...get.description,
	...getMany.description,
	...getSubgroups.description,
	...removeSubgroup.description,
];
