import { plainList } from '../common';

export const { description, execute } = plainList({
	resource: 'inventory',
	operation: 'getRates',
	path: '/inventory/rates',
	paging: 'none',
});
