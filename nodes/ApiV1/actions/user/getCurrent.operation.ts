import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { clientFor, showFor } from '../common';
import { unwrapUser } from './create.operation';

export const description = updateDisplayOptions(showFor('user', 'getCurrent'), []);

/** GET /api/v1/users/me: the user the credential acts as. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const client = await clientFor.call(this, i);
	const response = await client.request<IDataObject>({ method: 'GET', url: '/api/v1/users/me', itemIndex: i });
	return unwrapUser(response.body);
}
