import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { simplifyField } from '../../descriptions/common';
import { rowKey } from '../booking/getMany.operation';
import { clientFor, describe, limitFields, readLimit, simplifyOn } from '../common';
import { filtersProperty, readFilters, roomStayFilterSpecs } from '../filters';
import { simplifyStay } from '../simplify';

export const description = describe('roomStay', 'getMany', [...limitFields, filtersProperty(roomStayFilterSpecs), simplifyField('each room stay')]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const qs = readFilters.call(this, roomStayFilterSpecs, i);
	const limit = readLimit.call(this, i);
	const client = await clientFor.call(this, i);
	const rows = await client.list<IDataObject>('/api/v3/roomStays', qs, { ...limit, itemIndex: i, keyOf: rowKey });
	return simplifyOn.call(this, i) ? rows.map(simplifyStay) : rows;
}
