import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normaliseAction } from '../../transport/paging';
import { asObject, clientFor, groupLocator, readId, showFor } from '../common';

const properties: INodeProperties[] = [
	groupLocator(),
	{ displayName: 'Action ID', name: 'actionId', type: 'string', default: '', required: true, placeholder: 'e.g. 3c8f…', description: 'The actionId (or referenceId) of the action' },
	{ displayName: 'Include Responses', name: 'getDetails', type: 'boolean', default: false, description: 'Whether to include the responses (getDetails=true)' },
];

export const description = updateDisplayOptions(showFor('action', 'get'), properties);

/** GET /groups/{groupId}/actions/{actionId}[?getDetails=true]. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const groupId = readId.call(this, 'groupId', 'Group', i);
	const actionId = readId.call(this, 'actionId', 'Action ID', i);
	const getDetails = this.getNodeParameter('getDetails', i, false) === true;
	const client = await clientFor.call(this, i);
	const response = await client.request({
		method: 'GET',
		url: `/groups/${groupId}/actions/${actionId}`,
		qs: getDetails ? { getDetails: 'true' } : undefined,
		itemIndex: i,
	});
	return normaliseAction(asObject(response.body));
}
