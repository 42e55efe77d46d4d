import { plainList } from '../common';

export const { description, execute } = plainList({
	resource: 'inventory',
	operation: 'getProperties',
	path: '/properties',
	paging: 'none',
});
