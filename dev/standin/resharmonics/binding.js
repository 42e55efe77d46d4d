'use strict';
/*
 * Query binding as Spring MVC does it for the Res:harmonics API: a list parameter is
 * `statuses=A&statuses=B` or `statuses=A,B`; `statuses[]=A` and `statuses[0]=A` are other
 * names, bound to nothing and silently ignored (the filter is then off: every row comes back).
 * A value that does not convert is a 400 naming the parameter, in Spring Boot's error body.
 * ASSUMPTION: the API shows Spring's message text (server.error.include-message=always); the
 * issue says its 400s name the parameter.
 */
class SpringError extends Error {
	constructor(message, status = 400) {
		super(message);
		this.status = status;
	}
}

const JAVA = { date: 'java.time.LocalDate', dateTime: 'java.time.OffsetDateTime', long: 'java.lang.Long', int: 'java.lang.Integer' };

function mismatch(name, type, value) {
	return new SpringError(
		`Method parameter '${name}': Failed to convert value of type 'java.lang.String' to required type '${type}'; For input string: "${value}"`,
	);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

function validDate(y, m, d) {
	const t = new Date(Date.UTC(+y, +m - 1, +d));
	return t.getUTCFullYear() === +y && t.getUTCMonth() === +m - 1 && t.getUTCDate() === +d;
}

function binder(params) {
	const first = (name) => (params.has(name) ? params.get(name) : undefined);
	return {
		string(name) {
			const v = first(name);
			return v === undefined || v === '' ? undefined : v;
		},
		long(name) {
			const v = first(name);
			if (v === undefined || v === '') return undefined;
			if (!/^-?\d+$/.test(v)) throw mismatch(name, JAVA.long, v);
			return Number(v);
		},
		date(name) {
			const v = first(name);
			if (v === undefined || v === '') return undefined;
			const m = DATE.exec(v);
			if (!m || !validDate(m[1], m[2], m[3])) throw mismatch(name, JAVA.date, v);
			return v;
		},
		/** An ISO date-time with Z or an offset, as epoch ms. */
		dateTime(name) {
			const v = first(name);
			if (v === undefined || v === '') return undefined;
			const m = DATE_TIME.exec(v);
			if (!m || !validDate(m[1], m[2], m[3]) || +m[4] > 23 || +m[5] > 59 || +(m[6] ?? 0) > 59) throw mismatch(name, JAVA.dateTime, v);
			return Date.parse(v);
		},
		/** A list: every `name=` value, each split at commas. Other spellings are not read. */
		list(name, allowed) {
			if (!params.has(name)) return undefined;
			const values = params
				.getAll(name)
				.flatMap((v) => v.split(','))
				.map((v) => v.trim())
				.filter(Boolean);
			for (const v of values) {
				if (allowed && !allowed.includes(v)) {
					throw new SpringError(
						`Method parameter '${name}': Failed to convert value of type 'java.lang.String[]' to required type 'java.util.List'; No enum constant BookingStatus.${v}`,
					);
				}
			}
			return values.length ? values : undefined;
		},
	};
}

module.exports = { binder, SpringError };
