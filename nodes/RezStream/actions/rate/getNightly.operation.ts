import { stayDateList } from '../common';

export const { description, execute } = stayDateList({
	resource: 'rate',
	operation: 'getNightly',
	path: '/rates/nightly',
	paging: 'none',
	fromDescription: 'First night.',
	toDescription: 'Last night of the range (included). Each item is one rate with one entry per night in data.',
});
