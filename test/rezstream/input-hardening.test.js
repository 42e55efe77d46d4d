'use strict';
/**
 * Issue 17 items 8-12 as far as the shared kernel decides them: Limit and Return All as
 * expressions give them, numbers in writes, the Tenant ID, a bad base URL, and oversized input
 * echoed into errors. Every refusal names the field and happens before any request.
 */
const { standIn, tokenHarness, jsonOf } = require('./helpers');

let s;
beforeAll(async () => {
	s = await standIn({ data: { reservations: 30 } });
});
afterAll(async () => s.close());
beforeEach(() => s.clearRequests());

const list = (extra, options) => tokenHarness(s, { resource: 'reservation', operation: 'getManyUpdated', updatedSince: '2000-01-01T00:00:00Z', ...extra }, options);

describe('Limit', () => {
	test.each([
		[null, /Limit: null is not a number/],
		[-1, /Limit: -1 is less than 1/],
		[0, /Limit: 0 is less than 1/],
		[Number.NaN, /Limit: null is not a number/],
		[1.5, /Limit: 1.5 is not a whole number/],
		['abc', /Limit: "abc" is not a number/],
		['1e2', /Limit: "1e2" is not a number/],
	])('%p is refused before any request', async (limit, message) => {
		await expect(list({ returnAll: false, limit }).execute()).rejects.toThrow(message);
		expect(s.apiRequests()).toEqual([]);
	});

	test('"5" from an expression is 5', async () => {
		expect(jsonOf(await list({ returnAll: false, limit: '5' }).execute())).toHaveLength(5);
	});

	test('Return All "false" from an expression means a Limit, not everything', async () => {
		const big = await standIn({ data: { reservations: 120 } });
		try {
			const h = tokenHarness(big, { resource: 'reservation', operation: 'getManyUpdated', updatedSince: '2000-01-01T00:00:00Z', returnAll: 'false' });
			// Limit is left at its default (50).
			expect(jsonOf(await h.execute())).toHaveLength(50);
		} finally {
			await big.close();
		}
	});

	test('Return All "yes" is refused, naming the field', async () => {
		await expect(list({ returnAll: 'yes' }).execute()).rejects.toThrow(/Return All: "yes" is not true or false/);
	});
});

describe('numbers in writes accept numbers and plain decimal strings only', () => {
	let rateId;
	beforeAll(async () => {
		rateId = jsonOf(await tokenHarness(s, { resource: 'inventory', operation: 'getRates', returnAll: true }).execute()).find((r) => r.allowUpdates !== false).id;
	});
	const write = (price) =>
		tokenHarness(s, { resource: 'rate', operation: 'updateNightly', inputMode: 'json', ratesJson: JSON.stringify([{ rateId, data: [{ date: '2025-11-03', price }] }]) });

	test.each(['0x10', '1e3', 'Infinity', ' '])('price %p is refused before any request', async (price) => {
		await expect(write(price).execute()).rejects.toThrow(/price: .* is not a number/);
		expect(s.apiRequests().filter((r) => r.method === 'POST')).toEqual([]);
	});

	test('price "120.50" is sent as 120.5', async () => {
		await write('120.50').execute();
		const [post] = s.apiRequests().filter((r) => r.method === 'POST');
		expect(JSON.parse(post.bodyText ?? JSON.stringify(post.body))[0].data[0].price).toBe(120.5);
	});
});

describe('Tenant ID', () => {
	test.each([
		['not-a-uuid', /Tenant: "not-a-uuid" is not a tenant ID/],
		['a2857289-0f63-4a26-b509-444699485a33\r\nX-Evil: 1', /Tenant: .* is not a tenant ID/],
		['ä2857289-0f63-4a26-b509-444699485a33', /Tenant: .* is not a tenant ID/],
	])('node option %p is refused before any request', async (tenant, message) => {
		await expect(tokenHarness(s, { resource: 'inventory', operation: 'getBusiness', tenant: { __rl: true, mode: 'id', value: tenant } }).execute()).rejects.toThrow(message);
		expect(s.apiRequests()).toEqual([]);
	});

	test('credential field is refused before any request, naming the credential field', async () => {
		const h = tokenHarness(s, { resource: 'inventory', operation: 'getBusiness' }, { credential: { tenantId: 'tenant-1' } });
		await expect(h.execute()).rejects.toThrow(/Tenant ID \(credential\): "tenant-1" is not a tenant ID/);
		expect(s.apiRequests()).toEqual([]);
	});
});

test.each(['http//cloudapi.rezstream.com', 'https://exa mple.com', 'ftp://example.com', 'https://user:pw@example.com'])(
	'a bad base URL %p names the credential field',
	async (baseUrl) => {
		const h = tokenHarness(s, { resource: 'inventory', operation: 'getBusiness' }, { credential: { baseUrl } });
		await expect(h.execute()).rejects.toThrow(/API Base URL \(credential\): .* is not an http\(s\) URL/);
	},
);

test('a 10 MB input is quoted cut to a readable length, and says so', async () => {
	const huge = 'x'.repeat(10 * 1024 * 1024);
	const error = await tokenHarness(s, { resource: 'reservation', operation: 'get', reservationId: huge }).execute().catch((e) => e);
	expect(error.message.length).toBeLessThan(400);
	expect(error.message).toMatch(/cut: \d+ more characters/);
});
