'use strict';
/** Single-record reads, writes (the body sent, the request count) and the pickers' list search. */
const { startResHarmonicsStandIn, harness, jsonOf, rl } = require('./helpers');

let s;
beforeEach(async () => {
	s = await startResHarmonicsStandIn({ maxPageSize: 10 });
});
afterEach(async () => s.close());

const sent = () => s.apiRequests().map((r) => [r.method, `${r.path}${r.search}`, r.body]);

describe('bookings', () => {
	test('Get: the whole booking, or simplified with its room stays summed up', async () => {
		const [full] = jsonOf(await harness(s, { resource: 'booking', operation: 'get', bookingId: rl('1004', 'list'), simplify: false }).execute());
		expect(full.roomStays.map((r) => r.roomStayId)).toEqual([20007, 20008]);
		const [simple] = jsonOf(await harness(s, { resource: 'booking', operation: 'get', bookingId: rl('1004') }).execute());
		expect(simple).toEqual({
			id: 1004,
			bookingReference: 'RH-1004',
			status: 'CHECKED_OUT',
			bookingContactId: 504,
			startDate: '2026-12-07',
			endDate: '2026-12-12',
			roomStayIds: [20007, 20008],
			unitIds: [104, 105],
			netAmount: 1200,
			customerReference: 'PO-3',
			lastUpdated: '2026-11-01T08:00:04.000Z',
		});
	});

	test('Get Pricing with the API key sends X-Auth-Token only', async () => {
		const [pricing] = jsonOf(await harness(s, { authentication: 'apiKey', resource: 'booking', operation: 'getPricing', bookingId: rl('1001') }).execute());
		expect(pricing).toMatchObject({ bookingId: 1001, currency: 'GBP', netAmount: 480 });
		const [call] = s.apiRequests();
		expect(call.headers['x-auth-token']).toBe(s.settings.apiKey);
		expect(call.headers.authorization).toBeUndefined();
		expect(s.tokenRequests()).toEqual([]);
	});

	test('Create Enquiry: one POST with the unit, dates and the optional hold', async () => {
		const h = harness(s, {
			resource: 'booking',
			operation: 'createEnquiry',
			unitId: rl('102'),
			startDate: '2027-01-10',
			endDate: '2027-01-12',
			additionalFields: { reserveForMinutes: 45, bookingContactId: '501', customerReference: ' PO-77 ' },
		});
		const [created] = jsonOf(await h.execute());
		expect(created).toMatchObject({ status: 'ENQUIRY', reservedUntil: expect.any(String), customerReference: 'PO-77' });
		expect(sent()).toEqual([['POST', '/api/v3/bookings', { unitId: 102, startDate: '2027-01-10', endDate: '2027-01-12', bookingContactId: 501, customerReference: 'PO-77', reserveForMinutes: 45 }]]);
		expect(s.apiRequests()[0].headers['content-type']).toMatch(/^application\/json/);
	});

	test('Update Status and Add Payment: one request each with the documented body', async () => {
		jsonOf(await harness(s, { resource: 'booking', operation: 'updateStatus', bookingId: rl('1002'), status: 'CHECKED_IN' }).execute());
		const [payment] = jsonOf(await harness(s, { resource: 'booking', operation: 'addPayment', bookingId: rl('1002'), amount: 120.5, additionalFields: { paymentMethod: 'CARD', paymentDate: '2026-12-01' } }).execute());
		expect(payment).toMatchObject({ bookingId: 1002, amount: 120.5, reconciled: true });
		expect(sent()).toEqual([
			['PUT', '/api/v3/bookings/1002/updateStatuses', { status: 'CHECKED_IN' }],
			['POST', '/api/v3/bookings/1002/payments', { amount: 120.5, paymentDate: '2026-12-01', paymentMethod: 'CARD' }],
		]);
		expect(s.data.bookings.find((b) => b.id === 1002).status).toBe('CHECKED_IN');
	});

	test('a write is sent once per input item, each output paired with its item', async () => {
		const h = harness(s, { resource: 'booking', operation: 'updateStatus', bookingId: '={{ { __rl: true, mode: "id", value: String($json.id) } }}', status: 'CONFIRMED' });
		const result = await h.execute({ items: [{ json: { id: 1001 } }, { json: { id: 1003 } }] });
		expect(result[0].map((i) => [i.pairedItem.item, i.json.id])).toEqual([[0, 1001], [1, 1003]]);
		expect(s.apiRequests()).toHaveLength(2);
	});
});

describe('room stays, guest stays, contacts, availability, units', () => {
	test('room stay Get and Get Guests', async () => {
		const [stay] = jsonOf(await harness(s, { resource: 'roomStay', operation: 'get', roomStayId: '20003', simplify: false }).execute());
		expect(stay).toMatchObject({ roomStayId: 20003, bookingId: 1002, unit: { id: 102 } });
		const guests = jsonOf(await harness(s, { resource: 'roomStay', operation: 'getGuests', roomStayId: '20003' }).execute());
		expect(guests).toEqual([expect.objectContaining({ contactId: 502, lead: true })]);
	});

	test('guest stay Create (new guest by name) and Get', async () => {
		const [created] = jsonOf(await harness(s, { resource: 'guestStay', operation: 'create', roomStayId: '20003', guest: { firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@example.com' } }).execute());
		expect(created).toMatchObject({ roomStayId: 20003, firstName: 'Ada', lastName: 'Lovelace' });
		const [read] = jsonOf(await harness(s, { resource: 'guestStay', operation: 'get', guestStayId: String(created.id) }).execute());
		expect(read).toEqual(created);
		expect(sent()[0]).toEqual(['POST', '/api/v3/guestStays', { roomStayId: 20003, firstName: 'Ada', lastName: 'Lovelace', emailAddress: 'ada@example.com' }]);
	});

	test('contact Update changes only the fields set: read, then PUT the whole contact', async () => {
		const before = { ...s.data.contacts[0] };
		const [updated] = jsonOf(await harness(s, { resource: 'contact', operation: 'update', contactId: '501', updateFields: { telephone: '+44 20 7946 9999' } }).execute());
		expect(updated).toEqual({ ...before, telephone: '+44 20 7946 9999' });
		expect(sent()).toEqual([
			['GET', '/api/v3/contacts/501', undefined],
			['PUT', '/api/v3/contacts', { ...before, telephone: '+44 20 7946 9999' }],
		]);
	});

	test('contact Create and Get Many by email', async () => {
		const [c] = jsonOf(await harness(s, { resource: 'contact', operation: 'create', firstName: 'Grace', lastName: 'Hopper', additionalFields: { emailAddress: 'grace@example.com' } }).execute());
		const found = jsonOf(await harness(s, { resource: 'contact', operation: 'getMany', returnAll: true, filters: { emailAddress: 'grace@example.com' } }).execute());
		expect(found).toEqual([c]);
	});

	test('unit Get and availability intervals of a unit', async () => {
		const [unit] = jsonOf(await harness(s, { resource: 'unit', operation: 'get', unitId: rl('103', 'list') }).execute());
		expect(unit).toMatchObject({ id: 103, name: 'Apartment 03' });
		const intervals = jsonOf(await harness(s, { resource: 'availability', operation: 'getUnitIntervals', unitId: rl('101'), dateFrom: '2026-12-01', dateTo: '2026-12-31' }).execute());
		expect(intervals.length).toBeGreaterThan(0);
		expect(intervals.every((i) => i.available === false && i.startDate < '2026-12-31')).toBe(true);
		expect(sent().at(-1)[1]).toBe('/api/v3/availabilities/unit/101/intervals?dateFrom=2026-12-01&dateTo=2026-12-31');
	});
});

describe('list search for the pickers', () => {
	test('units, filtered by name or ID; no token when one page holds them all', async () => {
		const h = harness(s, { resource: 'unit', operation: 'get' });
		const first = await h.listSearch('searchUnits');
		expect(first.results).toHaveLength(8);
		expect(first.results[0]).toEqual({ name: 'Apartment 01', value: '101' });
		expect(first.paginationToken).toBeUndefined();
		expect((await h.listSearch('searchUnits', '07')).results).toEqual([{ name: 'Apartment 07', value: '107' }]);
	});

	test('buildings', async () => {
		const h = harness(s, { resource: 'availability', operation: 'search' });
		expect((await h.listSearch('searchBuildings')).results).toEqual([
			{ name: 'Harmony House', value: '11' },
			{ name: 'Canal Wharf', value: '12' },
		]);
	});

	test('bookings: one entry per booking (rows are room stays); a reference is asked of the API', async () => {
		const h = harness(s, { resource: 'booking', operation: 'get' });
		const all = await h.listSearch('searchBookings');
		expect(all.results[0]).toEqual({ name: 'RH-1001 · 2026-12-01 · Apartment 01', value: '1001' });
		expect(new Set(all.results.map((r) => r.value)).size).toBe(all.results.length);
		expect(all.paginationToken).toBe('1');
		s.clearRequests();
		expect((await h.listSearch('searchBookings', 'RH-1004')).results).toEqual([{ name: 'RH-1004 · 2026-12-07 · Apartment 04', value: '1004' }]);
		expect(s.apiRequests().map((r) => r.search)).toEqual(['?bookingReference=RH-1004&page=0&size=100']);
	});
});
