import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asObject, clientFor, readPhones, showFor } from '../common';

const properties: INodeProperties[] = [
	{ displayName: 'Name', name: 'name', type: 'string', default: '', required: true, placeholder: 'e.g. Front Desk Team', description: 'The name of the new group' },
	{ displayName: 'Members', name: 'members', type: 'string', default: '', placeholder: 'e.g. +14155550123, +919876543210', description: 'Phone numbers (E.164) to add as members, separated by commas' },
	{ displayName: 'Welcome Message', name: 'welcomeMessage', type: 'string', default: '', description: 'Shown to members when they join' },
	{
		displayName: 'Group Type',
		name: 'groupType',
		type: 'options',
		options: [
			{ name: 'Group', value: 'Group' },
			{ name: 'Broadcast Group', value: 'BroadcastGroup' },
		],
		default: 'Group',
	},
];

export const description = updateDisplayOptions(showFor('group', 'create'), properties);

/** POST /groups. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const name = String(this.getNodeParameter('name', i, '')).trim();
	if (!name) throw new NodeOperationError(this.getNode(), 'Name: the group needs a name', { itemIndex: i });
	const members = readPhones.call(this, 'members', 'Members', i, false);
	const body: IDataObject = { name, groupType: this.getNodeParameter('groupType', i, 'Group') };
	if (members.length) body.members = members;
	const welcome = String(this.getNodeParameter('welcomeMessage', i, '')).trim();
	if (welcome) body.welcomeMessage = welcome;
	const client = await clientFor.call(this, i);
	return asObject((await client.request({ method: 'POST', url: '/groups', body, itemIndex: i })).body);
}
