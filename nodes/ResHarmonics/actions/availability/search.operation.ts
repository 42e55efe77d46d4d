import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { buildingLocator, dateField } from '../../descriptions/common';
import { checkId, clientFor, describe, limitFields, readCollection, readDateRange, readLimit } from '../common';

export const description = describe('availability', 'search', [
	dateField('Date From', 'dateFrom', 'Arrival date', true),
	dateField('Date To', 'dateTo', 'Departure date, after Date From', true),
	buildingLocator('Only units in this building (optional)', false),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{ displayName: 'Area ID', name: 'areaId', type: 'string', default: '', placeholder: 'e.g. 1', description: 'Only units in this area' },
			{ displayName: 'Unit Type ID', name: 'unitTypeId', type: 'string', default: '', placeholder: 'e.g. 21', description: 'Only units of this type' },
		],
	},
	...limitFields,
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const { from, to } = readDateRange.call(this, ['dateFrom', 'Date From'], ['dateTo', 'Date To'], i, { after: true });
	const qs: IDataObject = { dateFrom: from, dateTo: to };
	const building = this.getNodeParameter('buildingId', i, '', { extractValue: true }) as unknown;
	if (building !== '' && building !== undefined && building !== null) qs.buildingId = checkId.call(this, 'Building', building, i);
	const filters = readCollection.call(this, 'filters', 'Filters', i);
	for (const [name, field] of [['areaId', 'Filters → Area ID'], ['unitTypeId', 'Filters → Unit Type ID']]) {
		if (filters[name] !== undefined && filters[name] !== '') qs[name] = checkId.call(this, field, filters[name], i);
	}
	const limit = readLimit.call(this, i);
	const client = await clientFor.call(this, i);
	return await client.list<IDataObject>('/api/v3/availabilities', qs, { ...limit, itemIndex: i });
}
