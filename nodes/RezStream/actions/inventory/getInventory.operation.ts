import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { clientFor, showFor } from '../common';

/** GET /inventory: the whole inventory in one answer, and the only endpoint with guest types. */
export const description = updateDisplayOptions(showFor('inventory', 'getInventory'), []);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const client = await clientFor.call(this, i);
	return await client.get<IDataObject>('/inventory', undefined, i);
}
