'use strict';
const { dayNumber, fromDayNumber, isoWeekday, nightsBetween, calendarDateIn } = require('../../dist/nodes/shared/plainDate');

test('day numbers agree with the calendar over four centuries, leap days included', () => {
	for (let days = dayNumber("1900-01-01"); days <= dayNumber("2300-12-31"); days += 37) {
		const expected = new Date(days * 86400000).toISOString().slice(0, 10);
		expect(fromDayNumber(days)).toBe(expected);
		expect(dayNumber(expected)).toBe(days);
	}
	expect(nightsBetween('2024-02-28', '2024-03-01')).toBe(2);
	expect(nightsBetween('2100-02-28', '2100-03-01')).toBe(1);
	expect(isoWeekday(dayNumber('2025-07-04'))).toBe(5); // a Friday
	expect(isoWeekday(dayNumber('2025-07-06'))).toBe(7); // a Sunday
});

test('an instant gives its calendar date in the given time zone, not in UTC', () => {
	const instant = new Date('2025-06-30T22:30:00Z');
	expect(calendarDateIn(instant, 'Europe/Berlin')).toBe('2025-07-01');
	expect(calendarDateIn(instant, 'America/New_York')).toBe('2025-06-30');
});
