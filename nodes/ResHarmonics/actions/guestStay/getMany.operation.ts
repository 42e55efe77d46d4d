import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { clientFor, describe, limitFields, readLimit } from '../common';
import { filtersProperty, guestStayFilterSpecs, readFilters } from '../filters';

export const description = describe('guestStay', 'getMany', [...limitFields, filtersProperty(guestStayFilterSpecs)]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const qs = readFilters.call(this, guestStayFilterSpecs, i);
	const limit = readLimit.call(this, i);
	const client = await clientFor.call(this, i);
	return await client.list<IDataObject>('/api/v3/guestStays', qs, { ...limit, itemIndex: i });
}
