import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { clientFor, showFor } from '../common';
import { unwrapUser } from './create.operation';

const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 42',
		description: 'The ID of the user, as in the "ID" field of a created or listed user',
	},
];

export const description = updateDisplayOptions(showFor('user', 'get'), properties);

/** GET /api/v1/users/{id}. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const raw = this.getNodeParameter('userId', i);
	const id = typeof raw === 'number' ? String(raw) : String(raw ?? '').trim();
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
		throw new NodeOperationError(this.getNode(), `User ID: "${id}" is not a user ID such as 42`, { itemIndex: i });
	}
	const client = await clientFor.call(this, i);
	const response = await client.request<IDataObject>({ method: 'GET', url: `/api/v1/users/${encodeURIComponent(id)}`, itemIndex: i });
	return unwrapUser(response.body);
}
