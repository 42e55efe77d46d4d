import { stayDateList } from '../common';

export const { description, execute } = stayDateList({
	resource: 'availability',
	operation: 'getTypeCalendar',
	path: '/availability/calendar/type',
	paging: 'none',
	fromDescription: 'First night of the calendar.',
	toDescription: 'Last night of the calendar (included).',
});
