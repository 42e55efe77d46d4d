import { isPlainDate } from './validation';

/**
 * Calendar arithmetic on plain YYYY-MM-DD stay dates, with integers only (days since
 * 1970-01-01 in the proleptic Gregorian calendar): a stay date never goes through a JavaScript
 * Date, whose time zone would shift it.
 */

/** Days since 1970-01-01 of a valid YYYY-MM-DD date (H. Hinnant's days_from_civil). */
export function dayNumber(date: string): number {
	let year = Number(date.slice(0, 4));
	const month = Number(date.slice(5, 7));
	const day = Number(date.slice(8, 10));
	year -= month <= 2 ? 1 : 0;
	const era = Math.floor(year / 400);
	const yearOfEra = year - era * 400;
	const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146097 + dayOfEra - 719468;
}

/** The YYYY-MM-DD date of a day number (civil_from_days). */
export function fromDayNumber(days: number): string {
	const z = days + 719468;
	const era = Math.floor(z / 146097);
	const dayOfEra = z - era * 146097;
	const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
	const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const mp = Math.floor((5 * dayOfYear + 2) / 153);
	const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(days: number): number {
	return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** Nights between an arrival and a departure date (departure excluded). */
export function nightsBetween(arrival: string, departure: string): number {
	return dayNumber(departure) - dayNumber(arrival);
}

/** The calendar date of an instant in a time zone (IANA name), e.g. the workflow's. */
export function calendarDateIn(instant: Date, timeZone: string): string {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).formatToParts(instant);
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?$/;

/** Milliseconds the zone is ahead of UTC at an instant. */
function zoneOffsetMs(timeZone: string, instant: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instant));
	const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
	const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
	return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * An instant from what a date-time parameter holds. n8n's date picker stores a wall-clock time
 * with no zone ("2025-07-01T09:30:00"), meant in the workflow's time zone: it becomes that
 * instant, in UTC. A Date or Luxon DateTime gives its instant; text with Z or an offset, and
 * anything else, is returned as it is for the usual checks.
 */
export function instantInZone(raw: unknown, timeZone: string): unknown {
	if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString();
	const luxon = raw as { toJSDate?: () => Date; isValid?: boolean } | null;
	if (luxon && typeof luxon === 'object' && typeof luxon.toJSDate === 'function') {
		return luxon.isValid === false ? 'Invalid DateTime' : luxon.toJSDate().toISOString();
	}
	const match = typeof raw === 'string' ? LOCAL_DATE_TIME.exec(raw.trim()) : null;
	if (!match) return raw;
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map((v) => Number(v ?? 0));
	const ms = match[7] ? Number(match[7].padEnd(3, '0')) : 0;
	if (!isPlainDate(`${match[1]}-${match[2]}-${match[3]}`) || hour > 23 || minute > 59 || second > 59) return raw;
	const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
	// Two steps find the offset in force at that wall time, across daylight-saving changes.
	let instant = wall - zoneOffsetMs(timeZone, wall);
	instant = wall - zoneOffsetMs(timeZone, instant);
	return new Date(instant).toISOString();
}
