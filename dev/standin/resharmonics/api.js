'use strict';
/*
 * The Res:harmonics API v3 routes of the stand-in, as pure functions of a request:
 * handle({ method, path, params: URLSearchParams, body, scheme: 'bearer' | 'apiKey' }) ->
 * { status, body }. Lists page Spring-style with the core's paging (`page` 0-based, `size`
 * default 20, silently capped at `maxPageSize`): { content, page: { number, size, totalElements,
 * totalPages } }.
 * ASSUMPTION (not in the notes): bodies of POST /bookings, PUT updateStatuses, POST payments,
 * POST /guestStays, POST/PUT /contacts (PUT carries `id` in the body, as the table lists PUT on
 * /contacts), the availability search parameters, and GET /bookings/{id}.
 */
const core = require('../core');
const { binder, SpringError } = require('./binding');
const { bookingRow, roomStayRow, BOOKING_STATUSES, LAST_UPDATED } = require('./data');

const GUEST_STAY_DEFAULT = ['CONFIRMED', 'CHECKED_IN', 'CHECKED_OUT'];
const SETTABLE = ['PENDING', 'CONFIRMED', 'CHECKED_IN'];

/** Rows by last update, then booking and room stay: each time parsed once, not in the comparator
 * (a page of 3,200 rows must not cost the stand-in more than the API's round trip). */
function sortByUpdate(rows) {
	return rows
		.map((row) => ({ row, t: Date.parse(row[LAST_UPDATED]) }))
		.sort((a, b) => a.t - b.t || (a.row.bookingId ?? 0) - (b.row.bookingId ?? 0) || (a.row.roomStayId ?? 0) - (b.row.roomStayId ?? 0))
		.map((x) => x.row);
}

/** Stay-date, update, creation and id filters shared by bookings and room stays. */
function stayFilter(q, createdFromName) {
	const f = {
		dateFrom: q.date('dateFrom'),
		dateTo: q.date('dateTo'),
		updatedFrom: q.dateTime('lastUpdatedFrom'),
		updatedTo: q.dateTime('lastUpdatedTo'),
		createdFrom: q.dateTime(createdFromName),
		createdTo: q.dateTime('createdTo'),
		statuses: q.list('statuses', BOOKING_STATUSES),
		unitId: q.long('unitId'),
		bookingId: q.long('bookingId'),
	};
	return (row) =>
		(f.dateFrom === undefined || row.endDate > f.dateFrom) &&
		(f.dateTo === undefined || row.startDate <= f.dateTo) &&
		(f.updatedFrom === undefined || Date.parse(row[LAST_UPDATED]) >= f.updatedFrom) &&
		(f.updatedTo === undefined || Date.parse(row[LAST_UPDATED]) <= f.updatedTo) &&
		(f.createdFrom === undefined || Date.parse(row.createdDate) >= f.createdFrom) &&
		(f.createdTo === undefined || Date.parse(row.createdDate) <= f.createdTo) &&
		(f.statuses === undefined || f.statuses.includes(row.status)) &&
		(f.unitId === undefined || row.unit.id === f.unitId) &&
		(f.bookingId === undefined || row.bookingId === f.bookingId);
}

function createApi(state, mutate, settings = { maxPageSize: 50 }) {
	const routes = [];
	const route = (method, re, fn) => routes.push({ method, re, fn });
	const ok = (body, status = 200) => ({ status, body });
	const notFound = (what, id) => ({ status: 404, body: { message: `${what} ${id} not found` } });
	// Spring paging from the core: `size` above maxPageSize is lowered silently (the answer says so).
	const paged = (items, params) => ok(core.springPage(items, core.springPaging(Object.fromEntries(params), { defaultSize: 20, maxSize: settings.maxPageSize })));
	const booking = (id) => state.bookings.find((b) => b.id === Number(id));
	const stays = () => state.bookings.flatMap((b) => b.roomStays.map((s) => [b, s]));
	const guestStays = () =>
		stays().flatMap(([b, s]) =>
			s.guests.map((g, i) => ({
				id: s.roomStayId * 10 + i,
				roomStayId: s.roomStayId,
				bookingId: b.id,
				bookingReference: b.bookingReference,
				contactId: g.contactId,
				firstName: g.firstName,
				lastName: g.lastName,
				emailAddress: g.emailAddress,
				unit: { ...s.unit },
				startDate: s.startDate,
				endDate: s.endDate,
				status: s.status,
				[LAST_UPDATED]: s[LAST_UPDATED],
			})),
		);
	const simpleList = (name, items) => {
		route('GET', new RegExp(`^/api/v3/${name}$`), ({ params }) => paged(items(), params));
	};

	route('GET', /^\/api\/v3\/bookings$/, ({ params }) => {
		const q = binder(params);
		const keep = stayFilter(q, 'createdFrom');
		const ids = ['bookingContactId', 'bookingAccountId', 'billingAccountId', 'channelId', 'organisationSettingsId'].map((n) => [n, q.long(n)]);
		const texts = ['bookingReference', 'otaReference', 'customerReference'].map((n) => [n, q.string(n)]);
		const rows = state.bookings
			.filter((b) => ids.every(([n, v]) => v === undefined || b[n] === v) && texts.every(([n, v]) => v === undefined || b[n] === v))
			.flatMap((b) => b.roomStays.map((s) => bookingRow(b, s)))
			.filter(keep);
		return paged(sortByUpdate(rows), params);
	});
	route('GET', /^\/api\/v3\/bookings\/(\d+)$/, (_, [id]) => (booking(id) ? ok(structuredClone(booking(id))) : notFound('Booking', id)));
	route('POST', /^\/api\/v3\/bookings$/, ({ body }) => {
		if (!body || body.unitId === undefined) throw new SpringError('unitId: must not be null');
		for (const n of ['startDate', 'endDate']) if (!/^\d{4}-\d{2}-\d{2}$/.test(String(body[n] ?? ''))) throw new SpringError(`${n}: must be a date (yyyy-MM-dd)`);
		if (!state.units.some((u) => u.id === Number(body.unitId))) throw new SpringError(`unitId: no unit ${body.unitId}`);
		const created = mutate.createBooking({ ...body, status: 'ENQUIRY' });
		if (body.reserveForMinutes !== undefined) {
			if (!Number.isInteger(body.reserveForMinutes) || body.reserveForMinutes < 1) throw new SpringError('reserveForMinutes: must be greater than or equal to 1');
			created.reservedUntil = new Date(Date.now() + body.reserveForMinutes * 60000).toISOString();
		}
		return ok(structuredClone(created), 201);
	});
	route('PUT', /^\/api\/v3\/bookings\/(\d+)\/updateStatuses$/, ({ body }, [id]) => {
		if (!booking(id)) return notFound('Booking', id);
		if (!SETTABLE.includes(body?.status)) throw new SpringError(`status: must be one of ${SETTABLE.join(', ')}`);
		return ok(structuredClone(mutate.updateBooking(id, { status: body.status })));
	});
	route('POST', /^\/api\/v3\/bookings\/(\d+)\/payments$/, ({ body }, [id]) => {
		if (!booking(id)) return notFound('Booking', id);
		if (typeof body?.amount !== 'number' || !(body.amount > 0)) throw new SpringError('amount: must be greater than 0');
		return ok({ id: ++state.nextId, bookingId: Number(id), amount: body.amount, paymentMethod: body.paymentMethod ?? null, reference: body.reference ?? null, reconciled: true }, 201);
	});
	route('GET', /^\/api\/v3\/bookings\/(\d+)\/roomStays$/, ({ params }, [id]) =>
		booking(id) ? paged(booking(id).roomStays.map((s) => roomStayRow(booking(id), s)), params) : notFound('Booking', id),
	);
	route('GET', /^\/api\/v3\/bookings\/(\d+)\/pricing$/, ({ scheme }, [id]) => {
		// Only the X-Auth-Token scheme (the spec lists no OAuth2 security for it).
		if (scheme !== 'apiKey') return { status: 401, body: { message: 'Unauthorized' } };
		const b = booking(id);
		if (!b) return notFound('Booking', id);
		const total = b.roomStays.reduce((t, s) => t + s.netAmount, 0);
		return ok({ bookingId: b.id, currency: 'GBP', netAmount: total, taxAmount: Math.round(total * 20) / 100, grossAmount: Math.round(total * 120) / 100 });
	});

	route('GET', /^\/api\/v3\/roomStays$/, ({ params }) => {
		const keep = stayFilter(binder(params), 'createFrom');
		return paged(sortByUpdate(stays().map(([b, s]) => roomStayRow(b, s)).filter(keep)), params);
	});
	route('GET', /^\/api\/v3\/roomStays\/(\d+)$/, (_, [id]) => {
		const hit = stays().find(([, s]) => s.roomStayId === Number(id));
		return hit ? ok(roomStayRow(...hit)) : notFound('Room stay', id);
	});
	route('GET', /^\/api\/v3\/roomStays\/(\d+)\/guests$/, (_, [id]) => {
		const hit = stays().find(([, s]) => s.roomStayId === Number(id));
		return hit ? ok(structuredClone(hit[1].guests)) : notFound('Room stay', id);
	});

	route('GET', /^\/api\/v3\/guestStays$/, ({ params }) => {
		const q = binder(params);
		const f = {
			dateFrom: q.date('dateFrom'),
			dateTo: q.date('dateTo'),
			unitId: q.long('unitId'),
			contactId: q.long('contactId'),
			statuses: q.list('statuses', BOOKING_STATUSES) ?? GUEST_STAY_DEFAULT,
			texts: ['emailAddress', 'firstName', 'lastName', 'bookingReference'].map((n) => [n, q.string(n)]),
		};
		const rows = guestStays().filter(
			(g) =>
				(f.dateFrom === undefined || g.endDate > f.dateFrom) &&
				(f.dateTo === undefined || g.startDate <= f.dateTo) &&
				(f.unitId === undefined || g.unit.id === f.unitId) &&
				(f.contactId === undefined || g.contactId === f.contactId) &&
				f.statuses.includes(g.status) &&
				f.texts.every(([n, v]) => v === undefined || g[n] === v),
		);
		return paged(rows, params);
	});
	route('GET', /^\/api\/v3\/guestStays\/(\d+)$/, (_, [id]) => {
		const g = guestStays().find((x) => x.id === Number(id));
		return g ? ok(g) : notFound('Guest stay', id);
	});
	route('POST', /^\/api\/v3\/guestStays$/, ({ body }) => {
		const hit = stays().find(([, s]) => s.roomStayId === Number(body?.roomStayId));
		if (!hit) throw new SpringError('roomStayId: must refer to an existing room stay');
		const contact = state.contacts.find((c) => c.id === Number(body.contactId));
		if (!contact && !(body.firstName && body.lastName)) throw new SpringError('contactId: give a contactId, or firstName and lastName');
		const guest = contact
			? { contactId: contact.id, firstName: contact.firstName, lastName: contact.lastName, emailAddress: contact.emailAddress, lead: false }
			: { contactId: null, firstName: body.firstName, lastName: body.lastName, emailAddress: body.emailAddress ?? null, lead: false };
		hit[1].guests.push(guest);
		return ok(guestStays().find((g) => g.roomStayId === hit[1].roomStayId && g.id === hit[1].roomStayId * 10 + hit[1].guests.length - 1), 201);
	});

	route('GET', /^\/api\/v3\/contacts$/, ({ params }) => {
		const q = binder(params);
		const texts = ['emailAddress', 'firstName', 'lastName'].map((n) => [n, q.string(n)]);
		return paged(state.contacts.filter((c) => texts.every(([n, v]) => v === undefined || c[n] === v)), params);
	});
	route('GET', /^\/api\/v3\/contacts\/(\d+)$/, (_, [id]) => {
		const c = state.contacts.find((x) => x.id === Number(id));
		return c ? ok(c) : notFound('Contact', id);
	});
	route('POST', /^\/api\/v3\/contacts$/, ({ body }) => {
		for (const n of ['firstName', 'lastName']) if (!body?.[n]) throw new SpringError(`${n}: must not be blank`);
		const c = { ...body, id: ++state.nextId };
		state.contacts.push(c);
		return ok(c, 201);
	});
	route('PUT', /^\/api\/v3\/contacts$/, ({ body }) => {
		const c = state.contacts.find((x) => x.id === Number(body?.id));
		if (!c) return notFound('Contact', body?.id);
		Object.assign(c, body, { id: c.id });
		return ok(c);
	});

	route('GET', /^\/api\/v3\/availabilities$/, ({ params }) => {
		const q = binder(params);
		const [from, to] = [q.date('dateFrom'), q.date('dateTo')];
		if (!from) throw new SpringError("Required request parameter 'dateFrom' for method parameter type LocalDate is not present");
		if (!to) throw new SpringError("Required request parameter 'dateTo' for method parameter type LocalDate is not present");
		const [buildingId, unitTypeId, areaId] = [q.long('buildingId'), q.long('unitTypeId'), q.long('areaId')];
		const busy = (unitId) => stays().some(([, s]) => s.unit.id === unitId && s.status !== 'CANCELLED' && s.startDate < to && s.endDate > from);
		const rows = state.units
			.filter((u) => (buildingId === undefined || u.buildingId === buildingId) && (unitTypeId === undefined || u.unitTypeId === unitTypeId) && (areaId === undefined || u.areaId === areaId))
			.filter((u) => !busy(u.id))
			.map((u) => ({ unitId: u.id, unitName: u.name, buildingId: u.buildingId, unitTypeId: u.unitTypeId, dateFrom: from, dateTo: to }));
		return paged(rows, params);
	});
	route('GET', /^\/api\/v3\/availabilities\/unit\/(\d+)\/intervals$/, ({ params }, [id]) => {
		if (!state.units.some((u) => u.id === Number(id))) return notFound('Unit', id);
		const q = binder(params);
		const [from, to] = [q.date('dateFrom'), q.date('dateTo')];
		const booked = stays()
			.filter(([, s]) => s.unit.id === Number(id) && s.status !== 'CANCELLED' && (!to || s.startDate < to) && (!from || s.endDate > from))
			.map(([, s]) => ({ startDate: s.startDate, endDate: s.endDate, available: false, roomStayId: s.roomStayId }));
		return ok(booked.sort((a, b) => (a.startDate < b.startDate ? -1 : 1)));
	});

	simpleList('units', () => state.units);
	route('GET', /^\/api\/v3\/units\/(\d+)$/, (_, [id]) => {
		const u = state.units.find((x) => x.id === Number(id));
		return u ? ok(u) : notFound('Unit', id);
	});
	simpleList('unitTypes', () => state.unitTypes);
	simpleList('buildings', () => state.buildings);
	simpleList('areas', () => state.areas);
	simpleList('rates', () => state.rates);

	return {
		handle(req) {
			for (const r of routes) {
				const m = r.re.exec(req.path);
				if (m && r.method === req.method) {
					try {
						return r.fn(req, m.slice(1).map(decodeURIComponent));
					} catch (error) {
						if (error instanceof SpringError) return { status: error.status, body: { message: error.message }, spring: true };
						throw error;
					}
				}
			}
			return { status: 404, body: { message: 'Not Found' }, spring: true };
		},
	};
}

module.exports = { createApi };
