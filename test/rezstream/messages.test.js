'use strict';
/** Issue 12, item 9: error texts a user reads, Continue On Fail items, and Limit only where the API pages. */
const { standIn, tokenHarness, jsonOf, apiCalls } = require('./helpers');

let s;
beforeAll(async () => {
	s = await standIn({ data: { reservations: 30 } });
});
afterAll(async () => s.close());
beforeEach(() => s.clearRequests());

const failure = (promise) => promise.then(() => { throw new Error('expected a failure'); }, (e) => e);

test('403 without a named scope: the description is written whole, for each kind of credential', async () => {
	const other = s.tenants[1].id;
	const h = tokenHarness(s, { resource: 'inventory', operation: 'getBusiness', tenant: { __rl: true, mode: 'id', value: other } });
	const error = await failure(h.execute());
	expect(error.message).toBe(`rezStream refused the request (403): the token lacks a permission this call needs, or has no access to tenant ${other}`);
	expect(error.description).toMatch(
		/^Generate a token with the missing permission at account\.rezstream\.com and paste it into the credential, or pick a tenant the token may use/,
	);
	expect(error.description).not.toMatch(/wthe|the permissionh/);
});

test('a 404 on a list is not explained as an unknown reservation ID', async () => {
	for (const [operation, params, path] of [
		['getManyByStayDate', { from: '2025-07-01', to: '2025-07-31' }, '/reservations/byDate'],
		['getManyUpdated', { updatedSince: '2025-07-01T00:00:00Z' }, '/reservations/updated'],
	]) {
		// A base URL with a path (a proxy, a typo) makes every call a 404.
		const h = tokenHarness(s, { resource: 'reservation', operation, returnAll: true, ...params }, { credential: { baseUrl: `${s.url}/api` } });
		const error = await failure(h.execute());
		expect(error.httpCode).toBe('404');
		expect(error.message).not.toMatch(/No reservation with ID/);
		expect(error.message).toBe(`rezStream found nothing at ${path} (404)`);
		expect(error.description).toMatch(/check the API Base URL of the credential/);
	}
	const missing = '00000000-0000-4000-8000-000000000000';
	const single = tokenHarness(s, { resource: 'reservation', operation: 'get', reservationId: missing });
	expect((await failure(single.execute())).message).toBe(`No reservation with ID ${missing} was found`);
});

describe('Continue On Fail', () => {
	test('an error item keeps the message and the description (what to do next)', async () => {
		const missing = '00000000-0000-4000-8000-000000000000';
		const h = tokenHarness(s, { resource: 'reservation', operation: 'get', reservationId: missing });
		const [item] = (await h.execute({ continueOnFail: true }))[0];
		expect(item.json.message).toBe(`No reservation with ID ${missing} was found`);
		expect(item.json.error).toBe(item.json.message);
		expect(item.json.description).toMatch(/^Check the ID, and that the reservation belongs to the tenant/);
		expect(item.json.httpCode).toBe('404');
	});

	test('a failed write says, in the item, that it may have been applied', async () => {
		const rateId = jsonOf(await tokenHarness(s, { resource: 'inventory', operation: 'getRates' }).execute()).find((r) => r.allowUpdates !== false).id;
		s.addFault({ path: '/rates/nightly', method: 'POST', status: 500, times: 1 });
		const h = tokenHarness(s, { resource: 'rate', operation: 'updateNightly', inputMode: 'json', ratesJson: JSON.stringify([{ rateId, data: [{ date: '2025-11-02', price: 111 }] }]) });
		const [item] = (await h.execute({ continueOnFail: true }))[0];
		expect(item.pairedItem).toEqual({ item: 0 });
		expect(item.json.httpCode).toBe('500');
		expect(item.json.description).toMatch(/may already have been applied|may have been applied/);
	});

	test('a bad input gives an item naming the field, with the advice', async () => {
		const h = tokenHarness(s, { resource: 'reservation', operation: 'get', reservationId: '12345' });
		const [item] = (await h.execute({ continueOnFail: true }))[0];
		expect(item.json.message).toMatch(/^Reservation ID: "12345" is not a UUID/);
		expect(item.json.description).toBe('Fix the "Reservation ID" parameter and run the node again.');
	});
});

describe('Return All / Limit only where the API pages', () => {
	const notPaged = [
		['inventory', 'getProperties', {}, '/inventory/properties'],
		['inventory', 'getUnits', {}, '/inventory/units'],
		['inventory', 'getUnitTypes', {}, '/inventory/unitTypes'],
		['inventory', 'getRates', {}, '/inventory/rates'],
		['availability', 'getUnitCalendar', { from: '2025-07-01', to: '2025-07-03' }, '/availability/calendar/unit'],
		['availability', 'getTypeCalendar', { from: '2025-07-01', to: '2025-07-03' }, '/availability/calendar/type'],
		['rate', 'getNightly', { from: '2025-07-01', to: '2025-07-03' }, '/rates/nightly'],
	];
	test.each(notPaged)('%s %s: no Limit is offered, and a Limit left in the workflow cuts nothing', async (resource, operation, extra, path) => {
		const h = tokenHarness(s, { resource, operation, returnAll: false, limit: 1, ...extra });
		expect(() => h.parameter('returnAll')).toThrow(/Could not get parameter/);
		expect(() => h.parameter('limit')).toThrow(/Could not get parameter/);
		const items = jsonOf(await h.execute());
		const [call] = apiCalls(s, path);
		expect(call.query.limit).toBeUndefined();
		expect(items.length).toBeGreaterThan(1);
	});

	const paged = [
		['reservation', 'getManyByStayDate', { from: '2000-01-01', to: '2100-01-01' }],
		['reservation', 'getManyUpdated', { updatedSince: '2000-01-01T00:00:00Z' }],
		['availability', 'getBlocks', { from: '2000-01-01', to: '2100-01-01' }],
		['rate', 'getReservedByDate', { from: '2000-01-01', to: '2100-01-01' }],
		['rate', 'getReservedUpdated', { updatedSince: '2000-01-01T00:00:00Z' }],
	];
	test.each(paged)('%s %s: Return All / Limit is offered and a Limit of 2 returns 2', async (resource, operation, extra) => {
		const h = tokenHarness(s, { resource, operation, returnAll: false, limit: 2, simplify: false, ...extra });
		expect(h.parameter('returnAll')).toBe(false);
		expect(jsonOf(await h.execute())).toHaveLength(2);
	});
});
