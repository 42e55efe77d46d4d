import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { returnAllOrLimit } from '../../../shared/descriptions/returnAllOrLimit';
import { clientFor, readLimit, showFor } from '../common';

export const description = updateDisplayOptions(showFor('country', 'getMany'), returnAllOrLimit);

/** GET /api/v1/countries, paged with page/per_page and Link; the server may cap per_page. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, i);
	const client = await clientFor.call(this, i);
	return await client.list<IDataObject>('/api/v1/countries', {}, { limit, itemIndex: i });
}
