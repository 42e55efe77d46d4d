import { plainList } from '../common';

export const { description, execute } = plainList({
	resource: 'inventory',
	operation: 'getProperties',
	path: '/inventory/properties',
	paging: 'none',
});
