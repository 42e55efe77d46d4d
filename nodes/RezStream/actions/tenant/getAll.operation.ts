import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { clientFor, showFor } from '../common';

export const description = updateDisplayOptions(showFor('tenant', 'getAll'), []);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const client = await clientFor.call(this, i, { withTenant: false });
	return (await client.tenants()) as IDataObject[];
}
