import { plainList } from '../common';

export const { description, execute } = plainList({
	resource: 'inventory',
	operation: 'getUnitTypes',
	path: '/unitTypes',
	paging: 'none',
});
