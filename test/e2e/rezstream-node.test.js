'use strict';
/**
 * The rezStream node inside a real n8n (`n8n execute`), with each credential type, against the
 * stand-in: a Return All over many pages, a small Limit, a get, the nightly-rate write read
 * back, and the error a multi-tenant token without a tenant gets.
 */
const { createInstance } = require('../support/n8n');
const { startRezStreamStandIn } = require('../support/rezstream-standin');
const { manualWorkflow } = require('./fixtures/workflows');
const { AUTHS, rezStreamCredential, importable, rezStreamNode, byUpdate } = require('./fixtures/rezstream');

jest.setTimeout(15 * 60 * 1000);

const RESERVATIONS = 320; // per tenant; pages of at most 100
const WRITE_DATES = { oAuth2: ['2025-08-01', '2025-08-02'], accessToken: ['2025-08-05', '2025-08-06'] };

let s;
let n8n;
let tenant;
let rate;
const creds = {};
const wf = {};

const apiCalls = (path) => s.apiRequests().filter((r) => r.path === path);
const bearer = (auth) =>
	`Bearer ${auth === 'oAuth2' ? creds[auth].tokens.access_token : creds[auth].tokens.accessToken}`;

beforeAll(async () => {
	s = await startRezStreamStandIn({ data: { reservations: RESERVATIONS }, maxPageSize: 100 });
	tenant = s.tenants[0].id;
	rate = s.getInventory(tenant).rates.find((r) => r.allowUpdates);
	n8n = await createInstance();

	const since = { resource: 'reservation', operation: 'getManyUpdated', updatedSince: '2000-01-01T00:00:00Z' };
	for (const auth of AUTHS) {
		creds[auth] = rezStreamCredential(s, auth);
		creds[`${auth}Multi`] = rezStreamCredential(s, auth, { tenants: s.tenants.map((t) => t.id) });
		const node = (name, parameters, credential = creds[auth]) => rezStreamNode(name, auth, credential, parameters);
		const [d1, d2] = WRITE_DATES[auth];
		wf[auth] = {
			listAll: manualWorkflow({ name: `${auth} return all`, nodes: [node('List', { ...since, returnAll: true })] }),
			limit: manualWorkflow({ name: `${auth} limit 5`, nodes: [node('List', { ...since, returnAll: false, limit: 5 })] }),
			get: manualWorkflow({
				name: `${auth} get`,
				nodes: [node('Get', { resource: 'reservation', operation: 'get', reservationId: s.listReservations(tenant)[7].id })],
			}),
			write: manualWorkflow({
				name: `${auth} write and read back`,
				nodes: [
					node('Update', {
						resource: 'rate',
						operation: 'updateNightly',
						inputMode: 'fields',
						rateId: { __rl: true, mode: 'id', value: rate.id },
						rows: {
							row: [
								{ date: d1, values: { price: 189.5, minimumNights: 2, baseOccupancy: 2, closedToArrival: false, closedToDeparture: true } },
								// Only two values: in a real n8n, the others must not be sent with their defaults.
								{ date: d2, values: { price: 199, closedToArrival: true } },
							],
						},
					}),
					node('Read', { resource: 'rate', operation: 'getNightly', from: d1, to: d2, returnAll: true }),
				],
			}),
			multiTenant: manualWorkflow({
				name: `${auth} multi-tenant token, no tenant`,
				nodes: [node('Business', { resource: 'inventory', operation: 'getBusiness' }, creds[`${auth}Multi`])],
			}),
		};
	}
	await n8n.importCredentials(Object.values(creds).map(importable));
	await n8n.importWorkflow(AUTHS.flatMap((auth) => Object.values(wf[auth])));
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (s) await s.close();
});

beforeEach(() => s.clearRequests());

describe.each(AUTHS)('rezStream node with the %s credential', (auth) => {
	test('Return All walks every page with the largest page size and returns each reservation once', async () => {
		const r = await n8n.execute(wf[auth].listAll.id);
		expect(r.error).toBeNull();
		expect(r.status).toBe('success');
		const items = r.items('List');
		const expected = [...s.listReservations(tenant)].sort(byUpdate);
		expect(expected.length).toBe(RESERVATIONS);
		expect(items).toHaveLength(expected.length);
		expect(new Set(items.map((i) => i.id)).size).toBe(expected.length);
		expect(items.map((i) => i.id)).toEqual(expected.map((i) => i.id));
		const calls = apiCalls('/reservations/updated');
		expect(calls.map((c) => c.query.limit)).toEqual(calls.map(() => '100'));
		// every page with data, plus the empty page that ends the forward-only cursor
		expect(calls).toHaveLength(Math.ceil(expected.length / 100) + 1);
		expect(calls.map((c) => c.status)).toEqual(calls.map(() => 200));
		expect(calls.map((c) => c.headers.authorization)).toEqual(calls.map(() => bearer(auth)));
		expect(s.tokenRequests()).toHaveLength(0);
	});

	test('a Limit of 5 makes one request for 5', async () => {
		const r = await n8n.execute(wf[auth].limit.id);
		expect(r.error).toBeNull();
		const items = r.items('List');
		expect(items.map((i) => i.id)).toEqual([...s.listReservations(tenant)].sort(byUpdate).slice(0, 5).map((i) => i.id));
		const calls = apiCalls('/reservations/updated');
		expect(calls).toHaveLength(1);
		expect(calls[0].query.limit).toBe('5');
	});

	test('get returns the full reservation', async () => {
		const target = s.listReservations(tenant)[7];
		const r = await n8n.execute(wf[auth].get.id);
		expect(r.error).toBeNull();
		const items = r.items('Get');
		expect(items).toHaveLength(1);
		expect(items[0].id).toBe(target.id);
		expect(Array.isArray(items[0].people)).toBe(true);
		expect(s.apiRequests().map((c) => `${c.method} ${c.path}`)).toEqual([`GET /reservations/${target.id}`]);
	});

	test('updateNightly writes the nights; getNightly reads them back', async () => {
		const r = await n8n.execute(wf[auth].write.id);
		expect(r.error).toBeNull();
		expect(r.items('Update')).toEqual([expect.objectContaining({ rateId: rate.id, nights: 2, updated: true })]);
		const posts = s.apiRequests().filter((c) => c.method === 'POST');
		expect(posts.map((c) => [c.path, c.status >= 200 && c.status < 300])).toEqual([['/rates/nightly', true]]);
		const written = wf[auth].write.nodes.find((n) => n.name === 'Update').parameters.rows.row;
		expect(posts[0].body).toEqual([{ rateId: rate.id, data: written.map((row) => ({ date: row.date, ...row.values })) }]);
		expect(posts[0].body[0].data[1]).toEqual({ date: d2, price: 199, closedToArrival: true });
		// The read: one item per rate, with one entry per night from From to To (included).
		const read = r.items('Read').find((item) => item.rateId === rate.id);
		expect(read.data).toHaveLength(2);
		expect(read.data[0]).toMatchObject({ price: 189.5, minimumNights: 2, closedToDeparture: true });
		expect(read.data[1]).toMatchObject({ price: 199, closedToArrival: true });
	});

	test('a token for two tenants and no Tenant ID: the execution fails and says to set the Tenant ID', async () => {
		const r = await n8n.execute(wf[auth].multiTenant.id);
		expect(r.code).not.toBe(0);
		expect(r.status).toBe('error');
		expect(r.error).not.toBeNull();
		expect(r.error.message).toMatch(/set the Tenant ID/);
		for (const t of s.tenants) expect(r.error.description).toContain(t.name);
		const calls = apiCalls('/inventory/business');
		expect(calls.length).toBeGreaterThan(0);
		expect(calls.map((c) => c.status)).toEqual(calls.map(() => 401));
		// OAuth2: n8n tries one refresh on the 401, then gives up with the same clear error.
		expect(s.tokenRequests()).toHaveLength(auth === 'oAuth2' ? 1 : 0);
		const { access_token, refresh_token, accessToken } = creds[`${auth}Multi`].tokens;
		const secrets = [access_token, refresh_token, accessToken].filter(Boolean);
		for (const secret of secrets) expect(JSON.stringify(r.error)).not.toContain(secret);
	});
});
