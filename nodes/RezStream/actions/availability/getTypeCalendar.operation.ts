import { stayDateList } from '../common';

export const { description, execute } = stayDateList({
	resource: 'availability',
	operation: 'getTypeCalendar',
	path: '/availability/calendar/type',
	paging: 'none',
	fromDescription: 'First night of the calendar.',
	toDescription: 'End of the calendar (exclusive).',
});
