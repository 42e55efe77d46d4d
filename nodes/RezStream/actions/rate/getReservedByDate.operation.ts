import { stayDateList } from '../common';

export const { description, execute } = stayDateList({
	resource: 'rate',
	operation: 'getReservedByDate',
	path: '/rates/reserved/byDate',
	paging: 'offset',
	fromDescription: 'First stay date of the window.',
	toDescription: 'End of the window.',
});
