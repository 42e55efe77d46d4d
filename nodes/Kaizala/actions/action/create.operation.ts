import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { asObject, clientFor, groupLocator, readId, readJson, readRecipients, recipientsProperties, showFor } from '../common';

const properties: INodeProperties[] = [
	groupLocator(),
	{
		displayName: 'Action Type',
		name: 'actionType',
		type: 'options',
		options: [
			{ name: 'Announcement', value: 'Announcement' },
			{ name: 'Custom Package', value: 'custom' },
			{ name: 'Job', value: 'Job' },
			{ name: "Let's Meet", value: 'LetsMeet' },
			{ name: 'Poll', value: 'Poll' },
			{ name: 'Survey', value: 'Survey' },
		],
		default: 'Announcement',
	},
	{
		displayName: 'Package ID',
		name: 'packageId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. com.contoso.checkin',
		description: 'The ID of the custom action package installed in the group',
		displayOptions: { show: { actionType: ['custom'] } },
	},
	{
		displayName: 'Action Body (JSON)',
		name: 'actionBody',
		type: 'json',
		default: '{\n  "title": "Team meeting"\n}',
		description: 'The action\'s content as Kaizala documents it for the type, e.g. {"title": "Lunch?", "choices": ["Yes", "No"]} for a poll',
	},
	...recipientsProperties,
];

export const description = updateDisplayOptions(showFor('action', 'create'), properties);

/** POST /groups/{groupId}/actions. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const groupId = readId.call(this, 'groupId', 'Group', i);
	const type = this.getNodeParameter('actionType', i, 'Announcement') as string;
	const actionBody = readJson.call(this, 'actionBody', 'Action Body (JSON)', i);
	const body: IDataObject = { actionBody, ...readRecipients.call(this, i) };
	if (type === 'custom') {
		const packageId = String(this.getNodeParameter('packageId', i, '')).trim();
		if (!/^[A-Za-z0-9._-]{1,200}$/.test(packageId)) {
			throw new NodeOperationError(this.getNode(), `Package ID: "${packageId}" is not an action package ID such as com.contoso.checkin`, { itemIndex: i });
		}
		body.id = packageId;
	} else {
		body.actionType = type;
	}
	const client = await clientFor.call(this, i);
	return asObject((await client.request({ method: 'POST', url: `/groups/${groupId}/actions`, body, itemIndex: i })).body);
}
