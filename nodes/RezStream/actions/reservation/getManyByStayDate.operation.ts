import { stayDateList } from '../common';

export const { description, execute } = stayDateList({
	resource: 'reservation',
	operation: 'getManyByStayDate',
	path: '/reservations/byDate',
	simplify: true,
	paging: 'offset',
	fromDescription: 'First stay date of the window.',
	toDescription: 'End of the window: reservations staying at any night between From and To are returned.',
});
