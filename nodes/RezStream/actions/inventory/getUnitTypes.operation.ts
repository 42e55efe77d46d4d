import { plainList } from '../common';

export const { description, execute } = plainList({
	resource: 'inventory',
	operation: 'getUnitTypes',
	path: '/inventory/unitTypes',
	paging: 'none',
});
