import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { dateField, unitLocator } from '../../descriptions/common';
import { clientFor, describe, readDateRange, readId } from '../common';

export const description = describe('availability', 'getUnitIntervals', [
	unitLocator('The unit whose availability intervals to get'),
	dateField('Date From', 'dateFrom', 'First date of the window', true),
	dateField('Date To', 'dateTo', 'Last date of the window', true),
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const id = readId.call(this, 'unitId', 'Unit', i);
	const { from, to } = readDateRange.call(this, ['dateFrom', 'Date From'], ['dateTo', 'Date To'], i);
	const client = await clientFor.call(this, i);
	const answer = await client.get<unknown>(`/api/v3/availabilities/unit/${encodeURIComponent(id)}/intervals`, { dateFrom: from, dateTo: to }, i, 'json');
	const list = Array.isArray(answer) ? answer : ((answer as IDataObject)?.content as unknown[]) ?? [answer];
	return list.filter((x): x is IDataObject => !!x && typeof x === 'object');
}
