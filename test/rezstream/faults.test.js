'use strict';
const { standIn, tokenHarness, jsonOf, apiCalls, retryPolicy } = require('./helpers');

let s;
beforeAll(async () => {
	s = await standIn({ data: { reservations: 120 } });
});
afterAll(async () => s.close());
beforeEach(() => s.clearRequests());

const listAll = () =>
	tokenHarness(s, { resource: 'reservation', operation: 'getManyUpdated', updatedSince: '2000-01-01T00:00:00Z', returnAll: true });

test('429 with Retry-After: the page is asked again after the wait, and the list is complete', async () => {
	s.addFault({ path: '/reservations/updated', status: 429, retryAfter: 1, times: 1 });
	const items = jsonOf(await listAll().execute());
	expect(items).toHaveLength(120);
	const calls = apiCalls(s, '/reservations/updated');
	expect(calls[0].status).toBe(429);
	expect(calls[1].status).toBe(200);
	expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(950);
});

test('a 5xx now and then is retried with backoff', async () => {
	s.addFault({ path: '/reservations/updated', status: 503, times: 2 });
	const items = jsonOf(await listAll().execute());
	expect(items).toHaveLength(120);
	expect(apiCalls(s, '/reservations/updated').filter((c) => c.status === 503)).toHaveLength(2);
});

test('retries are bounded: the error says how many attempts were made', async () => {
	s.addFault({ path: '/inventory/business', status: 502, times: 10 });
	const h = tokenHarness(s, { resource: 'inventory', operation: 'getBusiness' });
	await expect(h.execute()).rejects.toMatchObject({ httpCode: '502' });
	expect(apiCalls(s, '/inventory/business')).toHaveLength(retryPolicy.maxRetries + 1);
	s.faults.length = 0;
});

test('a Retry-After longer than the node may wait is not slept on', async () => {
	s.addFault({ path: '/inventory/business', status: 429, retryAfter: 3600, times: 1 });
	const h = tokenHarness(s, { resource: 'inventory', operation: 'getBusiness' });
	const error = await h.execute().catch((e) => e);
	expect(error.message).toMatch(/rate limiting/);
	expect(error.description).toMatch(/wait 3600 s/);
	expect(apiCalls(s, '/inventory/business')).toHaveLength(1);
});

describe('the write is not replayed blindly', () => {
	let rateId;
	beforeAll(async () => {
		rateId = jsonOf(await tokenHarness(s, { resource: 'inventory', operation: 'getRates', returnAll: true }).execute()).find((r) => r.allowUpdates !== false).id;
	});
	const write = () =>
		tokenHarness(s, { resource: 'rate', operation: 'updateNightly', inputMode: 'json', ratesJson: JSON.stringify([{ rateId, data: [{ date: '2025-11-01', price: 101 }] }]) });

	test('a 500 on POST is not retried and the error says the write may have happened', async () => {
		s.addFault({ path: '/rates/nightly', method: 'POST', status: 500, times: 1 });
		const error = await write().execute().catch((e) => e);
		expect(error.description).toMatch(/not retried automatically/);
		expect(s.apiRequests().filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	test('a 429 on POST was refused before processing, so it is retried', async () => {
		s.addFault({ path: '/rates/nightly', method: 'POST', status: 429, retryAfter: 0, times: 1 });
		await write().execute();
		expect(s.apiRequests().filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([429, 200]);
	});
});
