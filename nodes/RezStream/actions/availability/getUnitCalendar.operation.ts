import { stayDateList } from '../common';

export const { description, execute } = stayDateList({
	resource: 'availability',
	operation: 'getUnitCalendar',
	path: '/availability/calendar/unit',
	paging: 'none',
	fromDescription: 'First night of the calendar.',
	toDescription: 'End of the calendar (exclusive).',
});
