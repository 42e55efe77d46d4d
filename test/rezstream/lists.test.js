'use strict';
const { standIn, tokenHarness, jsonOf, apiCalls } = require('./helpers');

let s;
let tenant;
beforeAll(async () => {
	s = await standIn();
	tenant = s.tenants[0].id;
});
afterAll(async () => s.close());
beforeEach(() => s.clearRequests());

const { compareInstants } = require('../../dist/nodes/shared/validation');

// The API's own order: (updatedAt, id). Timestamps drop trailing zeros, so not string order.
const byUpdate = (a, b) => compareInstants(a.updatedAt, b.updatedAt) || (a.id < b.id ? -1 : 1);

describe('reservation getManyUpdated (cursor paging)', () => {
	test('Return All walks every page, asks for the largest page, returns each reservation once', async () => {
		const h = tokenHarness(s, { resource: 'reservation', operation: 'getManyUpdated', updatedSince: '2000-01-01T00:00:00Z', returnAll: true });
		const items = jsonOf(await h.execute());
		const expected = s.listReservations(tenant);
		expect(items).toHaveLength(expected.length);
		expect(new Set(items.map((r) => r.id)).size).toBe(expected.length);
		expect(items.map((r) => r.id)).toEqual([...expected].sort(byUpdate).map((r) => r.id));
		const calls = apiCalls(s, '/reservations/updated');
		expect(calls[0].query.limit).toBe('100');
		// ceil(250/100) pages with data, plus the empty page that ends a forward-only cursor.
		expect(calls.length).toBe(Math.ceil(expected.length / 100) + 1);
		// The credential was decrypted once for the whole run, not per page.
		expect(h.stats.getCredentials).toBe(1);
	});

	test('a small Limit makes one request for just that many', async () => {
		const h = tokenHarness(s, { resource: 'reservation', operation: 'getManyUpdated', updatedSince: '2000-01-01T00:00:00Z', returnAll: false, limit: 5 });
		const items = jsonOf(await h.execute());
		expect(items).toHaveLength(5);
		const calls = apiCalls(s, '/reservations/updated');
		expect(calls).toHaveLength(1);
		expect(calls[0].query.limit).toBe('5');
		expect(items.map((r) => r.id)).toEqual([...s.listReservations(tenant)].sort(byUpdate).slice(0, 5).map((r) => r.id));
	});

	test('a Limit over one page stops as soon as it is reached', async () => {
		const h = tokenHarness(s, { resource: 'reservation', operation: 'getManyUpdated', updatedSince: '2000-01-01T00:00:00Z', returnAll: false, limit: 150 });
		const items = jsonOf(await h.execute());
		expect(items).toHaveLength(150);
		expect(apiCalls(s, '/reservations/updated')).toHaveLength(2);
	});

	test('a reservation updated during the drain is returned in its newest state, once', async () => {
		const victim = [...s.listReservations(tenant)].sort(byUpdate)[0];
		let requests = 0;
		s.hooks.beforeApiRequest = () => {
			if (++requests === 2) s.updateReservation(victim.id, { status: 'Cancelled' });
		};
		try {
			const h = tokenHarness(s, { resource: 'reservation', operation: 'getManyUpdated', updatedSince: '2000-01-01T00:00:00Z', returnAll: true, simplify: false });
			const items = jsonOf(await h.execute());
			const copies = items.filter((r) => r.id === victim.id);
			// Seen once on page 1 and again, newer, at the end: the stream is a change log.
			expect(copies.map((r) => r.version)).toEqual([victim.version, victim.version + 1]);
			expect(copies[1].status).toBe('Cancelled');
			const keys = items.map((r) => `${r.id}@${r.version}`);
			expect(new Set(keys).size).toBe(keys.length);
		} finally {
			s.hooks.beforeApiRequest = undefined;
		}
	});
});

describe('reservation getManyByStayDate (offset paging)', () => {
	const window = { from: '2000-01-01', to: '2100-01-01' };

	test('Return All fetches the pages the last link announces, keeping the API order', async () => {
		const h = tokenHarness(s, { resource: 'reservation', operation: 'getManyByStayDate', ...window, returnAll: true });
		const items = jsonOf(await h.execute());
		const expected = [...s.listReservations(tenant)].sort((a, b) =>
			a.arrival < b.arrival ? -1 : a.arrival > b.arrival ? 1 : a.id < b.id ? -1 : 1,
		);
		expect(items.map((r) => r.id)).toEqual(expected.map((r) => r.id));
		const calls = apiCalls(s, '/reservations/byDate');
		expect(calls).toHaveLength(Math.ceil(expected.length / 100));
		expect(calls.map((c) => c.query.skip ?? '0').sort()).toEqual(['0', '100', '200']);
	});

	test('a Limit fetches only the pages it needs', async () => {
		const h = tokenHarness(s, { resource: 'reservation', operation: 'getManyByStayDate', ...window, returnAll: false, limit: 120 });
		const items = jsonOf(await h.execute());
		expect(items).toHaveLength(120);
		expect(apiCalls(s, '/reservations/byDate')).toHaveLength(2);
	});

	test('stay dates are sent exactly as written, and a date-time keeps its own date', async () => {
		const h = tokenHarness(s, { resource: 'reservation', operation: 'getManyByStayDate', from: '2025-03-09', to: '2025-03-10T23:30:00-05:00', returnAll: true });
		await h.execute();
		const [call] = apiCalls(s, '/reservations/byDate');
		expect(call.query.from).toBe('2025-03-09');
		expect(call.query.to).toBe('2025-03-10');
	});
});

describe('headers, tenants and single resources', () => {
	test('token, tenant and API version headers come from the credential; the node Tenant overrides it', async () => {
		const [a, b] = s.tenants;
		const h = tokenHarness(
			s,
			{ resource: 'inventory', operation: 'getBusiness', tenant: { __rl: true, mode: 'id', value: b.id } },
			{ tenants: [a.id, b.id], credential: { tenantId: a.id, apiVersion: '2024-01-01' } },
		);
		const [business] = jsonOf(await h.execute());
		expect(business.timeZone).toBe(b.timeZone);
		const [call] = apiCalls(s, '/inventory/business');
		expect(call.headers.authorization).toBe(`Bearer ${h.store.rezStreamApi.accessToken}`);
		expect(call.headers['x-rezstream-tenant-id']).toBe(b.id);
		expect(call.headers['x-rezstream-api-version']).toBe('2024-01-01');
	});

	test('no tenant or version header when none is set', async () => {
		const h = tokenHarness(s, { resource: 'inventory', operation: 'getUnits', returnAll: true });
		const units = jsonOf(await h.execute());
		expect(units.length).toBeGreaterThan(0);
		const [call] = apiCalls(s, '/inventory/units');
		expect(call.headers['x-rezstream-tenant-id']).toBeUndefined();
		expect(call.headers['x-rezstream-api-version']).toBeUndefined();
	});

	test('get reads its Reservation ID per item: two input items give two reservations, each paired with its item', async () => {
		const [r1, r2] = s.listReservations(tenant);
		const h = tokenHarness(s, { resource: 'reservation', operation: 'get', reservationId: '={{ $json.reservationId }}', simplify: false });
		const out = await h.execute({ items: [{ json: { reservationId: r1.id } }, { json: { reservationId: r2.id } }] });
		const items = jsonOf(out, 2);
		expect(items.map((r) => r.id)).toEqual([r1.id, r2.id]);
		expect(out[0].map((i) => i.pairedItem.item)).toEqual([0, 1]);
		expect(apiCalls(s, `/reservations/${r2.id}`)).toHaveLength(1);
		expect(Array.isArray(items[0].people)).toBe(true);
		expect(Array.isArray(items[1].invoices)).toBe(true);
	});

	test('each inventory, availability and rate read returns the API rows as items', async () => {
		const cases = [
			['inventory', 'getProperties', {}],
			['inventory', 'getUnitTypes', {}],
			['inventory', 'getRates', {}],
			['availability', 'getUnitCalendar', { from: '2025-07-01', to: '2025-07-03' }],
			['availability', 'getTypeCalendar', { from: '2025-07-01', to: '2025-07-03' }],
			['availability', 'getBlocks', { from: '2000-01-01', to: '2100-01-01' }],
			['rate', 'getNightly', { from: '2025-07-01', to: '2025-07-03' }],
			['rate', 'getReservedByDate', { from: '2000-01-01', to: '2100-01-01' }],
			['rate', 'getReservedUpdated', { updatedSince: '2000-01-01T00:00:00Z' }],
		];
		for (const [resource, operation, extra] of cases) {
			s.clearRequests();
			const h = tokenHarness(s, { resource, operation, returnAll: true, ...extra });
			const items = jsonOf(await h.execute());
			expect({ operation, some: items.length > 0 }).toEqual({ operation, some: true });
			expect(s.apiRequests().every((r) => r.status === 200)).toBe(true);
		}
	});

	test('tenant getAll lists every tenant of a multi-tenant token', async () => {
		const h = tokenHarness(s, { resource: 'tenant', operation: 'getAll' }, { tenants: s.tenants.map((t) => t.id) });
		const items = jsonOf(await h.execute());
		expect(items.map((t) => t.id).sort()).toEqual(s.tenants.map((t) => t.id).sort());
	});

	test('the Tenant and Rate pickers list what the API has', async () => {
		const h = tokenHarness(s, { tenant: { __rl: true, mode: 'list', value: '' } }, { tenants: s.tenants.map((t) => t.id) });
		const tenants = await h.listSearch('searchTenants');
		expect(tenants.results.map((r) => r.value).sort()).toEqual(s.tenants.map((t) => t.id).sort());
		const filtered = await h.listSearch('searchTenants', s.tenants[1].name.slice(0, 4));
		expect(filtered.results.map((r) => r.value)).toEqual([s.tenants[1].id]);
		const single = tokenHarness(s, {});
		const rates = await single.listSearch('searchRates');
		expect(rates.results.length).toBeGreaterThan(0);
		expect(rates.results.every((r) => typeof r.value === 'string' && r.name)).toBe(true);
	});
});

describe('rate updateNightly (the write)', () => {
	test('fields mode sends one rate with its nights; a later read shows them', async () => {
		const rates = await tokenHarness(s, { resource: 'inventory', operation: 'getRates', returnAll: true }).execute();
		const rateId = rates[0].map((i) => i.json).find((r) => r.allowUpdates !== false).id;
		s.clearRequests();
		const h = tokenHarness(s, {
			resource: 'rate',
			operation: 'updateNightly',
			inputMode: 'fields',
			rateId: { __rl: true, mode: 'list', value: rateId },
			rows: {
				row: [
					{ date: '2025-08-01', values: { price: 189.5, minimumNights: 2, baseOccupancy: 2, closedToArrival: false, closedToDeparture: true } },
					{ date: '2025-08-02', values: { price: 199, minimumNights: 1, baseOccupancy: 2, closedToArrival: true, closedToDeparture: false } },
				],
			},
		});
		const [result] = jsonOf(await h.execute());
		expect(result).toMatchObject({ rateId, nights: 2, updated: true });
		const [post] = s.apiRequests().filter((r) => r.method === 'POST');
		expect(post.path).toBe('/rates/nightly');
		expect(post.status).toBe(200);
		expect(post.body).toEqual([{ rateId, data: h.parameters.rows.row.map((r) => ({ date: r.date, ...r.values })) }]);
		const read = tokenHarness(s, { resource: 'rate', operation: 'getNightly', from: '2025-08-01', to: '2025-08-02', returnAll: true });
		const rate = jsonOf(await read.execute()).find((r) => r.rateId === rateId);
		// One entry per night, in order, from From to To included.
		expect(rate.data).toHaveLength(2);
		expect(rate.data[0]).toMatchObject({ price: 189.5, minimumNights: 2, closedToDeparture: true });
		expect(rate.data[1]).toMatchObject({ price: 199, closedToArrival: true });
	});

	test('JSON mode sends several rates and partial rows as given', async () => {
		const rates = jsonOf(await tokenHarness(s, { resource: 'inventory', operation: 'getRates', returnAll: true }).execute()).filter(
			(r) => r.allowUpdates !== false,
		);
		const body = [
			{ rateId: rates[0].id, data: [{ date: '2025-09-01', price: 120 }] },
			{ rateId: rates[1].id, data: [{ date: '2025-09-01', minimumNights: 3 }] },
		];
		const h = tokenHarness(s, { resource: 'rate', operation: 'updateNightly', inputMode: 'json', ratesJson: JSON.stringify(body) });
		const items = jsonOf(await h.execute());
		expect(items.map((i) => i.rateId)).toEqual([rates[0].id, rates[1].id]);
		const read = jsonOf(await tokenHarness(s, { resource: 'rate', operation: 'getNightly', from: '2025-09-01', to: '2025-09-01', returnAll: true }).execute());
		expect(read.find((r) => r.rateId === rates[0].id).data[0].price).toBe(120);
		expect(read.find((r) => r.rateId === rates[1].id).data[0].minimumNights).toBe(3);
	});
});
