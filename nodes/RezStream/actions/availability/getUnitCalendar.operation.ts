import { stayDateList } from '../common';

export const { description, execute } = stayDateList({
	resource: 'availability',
	operation: 'getUnitCalendar',
	path: '/availability/calendar/unit',
	paging: 'none',
	fromDescription: 'First night of the calendar.',
	toDescription: 'Last night of the calendar (included).',
});
