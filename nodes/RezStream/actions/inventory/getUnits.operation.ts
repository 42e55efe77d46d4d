import { plainList } from '../common';

export const { description, execute } = plainList({
	resource: 'inventory',
	operation: 'getUnits',
	path: '/inventory/units',
	paging: 'none',
});
