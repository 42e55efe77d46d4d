import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { clientFor, describe, limitFields, readLimit } from '../common';
import { contactFilterSpecs, filtersProperty, readFilters } from '../filters';

export const description = describe('contact', 'getMany', [...limitFields, filtersProperty(contactFilterSpecs)]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const qs = readFilters.call(this, contactFilterSpecs, i);
	const limit = readLimit.call(this, i);
	const client = await clientFor.call(this, i);
	return await client.list<IDataObject>('/api/v3/contacts', qs, { ...limit, itemIndex: i });
}
