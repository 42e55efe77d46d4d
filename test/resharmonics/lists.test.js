'use strict';
/** Lists: the exact query sent, Spring paging planned from the answer, Limit, token renewal mid-list. */
const { startResHarmonicsStandIn, harness, jsonOf, failure, queriesOf, OAUTH } = require('./helpers');

const BOOKINGS = '/api/v3/bookings';

describe('bookings list', () => {
	let s;
	beforeEach(async () => {
		s = await startResHarmonicsStandIn({ maxPageSize: 10, data: { bookings: 30 } });
	});
	afterEach(async () => s.close());

	test('filters go out with the API names; statuses as repeated parameters, never statuses[]', async () => {
		const h = harness(s, {
			resource: 'booking',
			operation: 'getMany',
			limit: 5,
			filters: {
				statuses: ['CONFIRMED', 'CHECKED_IN'],
				dateFrom: '2026-12-01',
				dateTo: '2026-12-31',
				lastUpdatedFrom: '2026-11-01T08:00:02Z',
				lastUpdatedTo: '2026-11-01T10:00:00+01:00',
				createdFrom: '2026-11-01T00:00:00Z',
				unitId: '103',
				bookingContactId: 503,
				bookingReference: 'RH-1003',
				customerReference: 'PO-2',
			},
			simplify: false,
		});
		const rows = jsonOf(await h.execute());
		expect(queriesOf(s, BOOKINGS)).toEqual([
			'?dateFrom=2026-12-01&dateTo=2026-12-31&lastUpdatedFrom=2026-11-01T08%3A00%3A02Z&lastUpdatedTo=2026-11-01T10%3A00%3A00%2B01%3A00&createdFrom=2026-11-01T00%3A00%3A00Z&statuses=CONFIRMED&statuses=CHECKED_IN&unitId=103&bookingContactId=503&bookingReference=RH-1003&customerReference=PO-2&page=0&size=5',
		]);
		// The filter really applied (the stand-in ignores statuses[]=, so this fails if the node sent that).
		expect(rows.map((r) => [r.bookingId, r.status])).toEqual([[1003, 'CHECKED_IN']]);
	});

	test('Return All: pages planned from the size the answer reports (cap 10, asked 100), each row once', async () => {
		const h = harness(s, { resource: 'booking', operation: 'getMany', returnAll: true, simplify: false });
		const rows = jsonOf(await h.execute());
		const total = s.data.bookings.reduce((n, b) => n + b.roomStays.length, 0);
		expect(rows).toHaveLength(total);
		expect(new Set(rows.map((r) => `${r.bookingId}/${r.roomStayId}`)).size).toBe(total);
		const pages = Math.ceil(total / 10);
		expect(queriesOf(s, BOOKINGS)).toEqual([
			'?page=0&size=100',
			...Array.from({ length: pages - 1 }, (_, i) => `?page=${i + 1}&size=10`),
		]);
	});

	test('Limit stops early: 12 rows cost 2 pages of 10, never a third', async () => {
		const h = harness(s, { resource: 'booking', operation: 'getMany', limit: 12 });
		const rows = jsonOf(await h.execute());
		expect(rows).toHaveLength(12);
		expect(queriesOf(s, BOOKINGS)).toEqual(['?page=0&size=12', '?page=1&size=10']);
	});

	test('Limit within the first page: one request asking exactly that size', async () => {
		const h = harness(s, { resource: 'booking', operation: 'getMany', limit: 3 });
		expect(jsonOf(await h.execute())).toHaveLength(3);
		expect(queriesOf(s, BOOKINGS)).toEqual(['?page=0&size=3']);
	});

	test('Simplify gives flat rows, with bookingId + roomStayId and the unit flattened', async () => {
		const h = harness(s, { resource: 'booking', operation: 'getMany', limit: 1 });
		expect(jsonOf(await h.execute())).toEqual([
			{
				bookingId: 1001,
				roomStayId: 20001,
				bookingReference: 'RH-1001',
				status: 'PENDING',
				unitId: 101,
				unitName: 'Apartment 01',
				startDate: '2026-12-01',
				endDate: '2026-12-03',
				netAmount: 240,
				channelId: 3,
				otaReference: 'OTA-0',
				lastUpdated: '2026-11-01T08:00:01.000Z',
			},
		]);
	});
});

describe('OAuth2 client credentials: the token expires in the middle of a list', () => {
	test('renewed with the client credentials and the page repeated once: no row lost or doubled', async () => {
		// 40 rows in 4 pages of 10: page 0, then pages 1-3 at once; a token serves 3 calls, so page 3
		// is refused with the expiry 401 in the middle of the list.
		const s = await startResHarmonicsStandIn({ maxPageSize: 10, tokenCalls: 3, data: { bookings: 30 } });
		try {
			const h = harness(s, { resource: 'booking', operation: 'getMany', returnAll: true, simplify: false });
			const rows = jsonOf(await h.execute());
			const total = s.data.bookings.reduce((n, b) => n + b.roomStays.length, 0);
			expect(rows).toHaveLength(total);
			expect(new Set(rows.map((r) => `${r.bookingId}/${r.roomStayId}`)).size).toBe(total);
			const pages = Math.ceil(total / 10);
			const api = s.apiRequests();
			// Pages after the first go 4 at a time: a page refused with the expiry 401 is answered 200 once
			// afterwards, and every page exactly once in all.
			const ok = api.filter((r) => r.status === 200).map((r) => r.search);
			expect(new Set(ok).size).toBe(ok.length);
			for (const r of api.filter((c) => c.status === 401)) {
				expect(r.search).toMatch(/page=\d+/);
				expect(ok).toContain(r.search);
			}
			expect(api.filter((r) => r.status === 200)).toHaveLength(pages);
			expect(api.filter((r) => r.status === 401).map((r) => r.search)).toEqual(['?page=3&size=10']);
			// One token for the first call, one for the renewal; each asked with client_credentials as Basic.
			const tokens = s.tokenRequests();
			expect(tokens).toHaveLength(2);
			expect(tokens.every((t) => t.form.grant_type === 'client_credentials' && t.clientAuth === 'header' && t.status === 200)).toBe(true);
			expect(h.store[OAUTH].oauthTokenData.access_token).toBe(tokens.at(-1).issued);
		} finally {
			await s.close();
		}
	});

	test('pages refused at the same moment share one renewal (as n8n 2.x does); a new token that dies before they are repeated fails the run clearly', async () => {
		// 54 rows, 6 pages; a token serves 2 calls: of pages 1-4 (in flight together) three are refused,
		// one renewal serves all three, and the new token dies on the third repeat. A real token lives
		// 3,600 s, far longer than a repeat: this is the stand-in's count-based life at its edge.
		const s = await startResHarmonicsStandIn({ maxPageSize: 10, tokenCalls: 2, data: { bookings: 40 } });
		try {
			const error = await failure(harness(s, { resource: 'booking', operation: 'getMany', returnAll: true }).execute());
			expect(error.message).toBe('Res:harmonics did not accept the access token, even a newly fetched one');
			expect(error.description).toContain('Res:harmonics says: The incoming token has expired');
			expect(s.tokenRequests()).toHaveLength(2);
		} finally {
			await s.close();
		}
	});

	test('client authentication in the body and a scope are sent as set', async () => {
		const s = await startResHarmonicsStandIn({});
		try {
			const h = harness(s, { resource: 'unit', operation: 'getMany', limit: 1 }, { oauth: { authentication: 'body', scope: 'api/read api/write' } });
			expect(jsonOf(await h.execute())).toHaveLength(1);
			expect(s.tokenRequests().map((t) => [t.clientAuth, t.form.scope])).toEqual([['body', 'api/read api/write']]);
		} finally {
			await s.close();
		}
	});
});

describe('other lists', () => {
	let s;
	beforeAll(async () => {
		s = await startResHarmonicsStandIn({ maxPageSize: 50 });
	});
	afterAll(async () => s.close());
	beforeEach(() => s.clearRequests());

	test('room stays: the creation filter is spelled createFrom / createdTo', async () => {
		const h = harness(s, { resource: 'roomStay', operation: 'getMany', returnAll: true, filters: { createFrom: '2026-11-01T08:00:10Z', createdTo: '2026-11-01T08:00:12Z', bookingId: '1011' } });
		const rows = jsonOf(await h.execute());
		expect(queriesOf(s, '/api/v3/roomStays')).toEqual(['?createFrom=2026-11-01T08%3A00%3A10Z&createdTo=2026-11-01T08%3A00%3A12Z&bookingId=1011&page=0&size=100']);
		expect(rows.map((r) => r.bookingId)).toEqual([1011]);
	});

	test('guest stays: contact filters with the API names; no statuses sent unless set (the API defaults them)', async () => {
		const h = harness(s, { resource: 'guestStay', operation: 'getMany', returnAll: true, filters: { emailAddress: 'guest3@example.com', lastName: 'Moreau' } });
		const rows = jsonOf(await h.execute());
		expect(queriesOf(s, '/api/v3/guestStays')).toEqual(['?emailAddress=guest3%40example.com&lastName=Moreau&page=0&size=100']);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((r) => r.emailAddress === 'guest3@example.com' && ['CONFIRMED', 'CHECKED_IN', 'CHECKED_OUT'].includes(r.status))).toBe(true);
	});

	test("a booking's room stays page like every list", async () => {
		const h = harness(s, { resource: 'roomStay', operation: 'getForBooking', bookingId: { __rl: true, mode: 'id', value: '1004' }, returnAll: true, simplify: false });
		expect(jsonOf(await h.execute()).map((r) => r.roomStayId)).toEqual([20007, 20008]);
		expect(queriesOf(s, '/api/v3/bookings/1004/roomStays')).toEqual(['?page=0&size=100']);
	});

	test.each([
		['unit', '/api/v3/units', 8],
		['unitType', '/api/v3/unitTypes', 2],
		['building', '/api/v3/buildings', 2],
		['area', '/api/v3/areas', 2],
		['rate', '/api/v3/rates', 2],
	])('%s: Get Many', async (resource, path, count) => {
		const h = harness(s, { resource, operation: 'getMany', returnAll: true });
		expect(jsonOf(await h.execute())).toHaveLength(count);
		expect(queriesOf(s, path)).toEqual(['?page=0&size=100']);
	});

	test('availability search: dates, building and filters as the API names them', async () => {
		const h = harness(s, { resource: 'availability', operation: 'search', dateFrom: '2027-03-01', dateTo: '2027-03-05', buildingId: { __rl: true, mode: 'list', value: '11' }, filters: { unitTypeId: '21' }, returnAll: true });
		const rows = jsonOf(await h.execute());
		expect(queriesOf(s, '/api/v3/availabilities')).toEqual(['?dateFrom=2027-03-01&dateTo=2027-03-05&buildingId=11&unitTypeId=21&page=0&size=100']);
		expect(rows.map((r) => r.unitId)).toEqual([101, 103, 105, 107]);
	});
});
