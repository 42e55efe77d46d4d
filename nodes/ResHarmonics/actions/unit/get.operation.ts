import { unitLocator } from '../../descriptions/common';
import { getOne } from '../common';

export const { description, execute } = getOne('unit', 'get', {
	field: unitLocator('The unit to get'),
	label: 'Unit',
	path: (id) => `/api/v3/units/${id}`,
});
