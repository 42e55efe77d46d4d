'use strict';
const { standIn, tokenHarness, oauthHarness, jsonOf, apiCalls } = require('./helpers');
const { failure, everyText } = require('../shared/results');

let s;
beforeAll(async () => {
	s = await standIn();
});
afterAll(async () => s.close());
beforeEach(() => s.clearRequests());

describe('OAuth2 credential', () => {
	test('an access token that expires in the middle of Return All is refreshed once; nothing is lost or repeated', async () => {
		const h = oauthHarness(s, { resource: 'reservation', operation: 'getManyUpdated', updatedSince: '2000-01-01T00:00:00Z', returnAll: true });
		const firstRefresh = h.store.rezStreamOAuth2Api.oauthTokenData.refresh_token;
		let requests = 0;
		s.hooks.beforeApiRequest = () => {
			if (++requests === 2) s.expireAccessTokens();
		};
		try {
			const items = jsonOf(await h.execute());
			const expected = s.listReservations(s.tenants[0].id);
			expect(items).toHaveLength(expected.length);
			expect(new Set(items.map((r) => r.id)).size).toBe(expected.length);
		} finally {
			s.hooks.beforeApiRequest = undefined;
		}
		const refreshes = s.tokenRequests();
		expect(refreshes).toHaveLength(1);
		expect(refreshes[0].clientAuth).toBe('body');
		const calls = apiCalls(s, '/reservations/updated');
		expect(calls.filter((c) => c.status === 401)).toHaveLength(1);
		// The page that failed was asked for again with the new token, with the same cursor.
		const failed = calls.find((c) => c.status === 401);
		const repeated = calls[calls.indexOf(failed) + 1];
		expect(repeated.query).toEqual(failed.query);
		expect(repeated.headers.authorization).not.toBe(failed.headers.authorization);
		// Rotation: the credential now holds the new refresh token; the old one is dead.
		const rotated = h.store.rezStreamOAuth2Api.oauthTokenData.refresh_token;
		expect(rotated).not.toBe(firstRefresh);
		const reuse = await fetch(`${s.url}/connect/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: firstRefresh, client_id: 'test-client', client_secret: 'test-secret' }),
		});
		expect(reuse.status).toBe(400);
	});

	test('a second run uses the stored, rotated tokens', async () => {
		const h = oauthHarness(s, { resource: 'inventory', operation: 'getBusiness' });
		s.expireAccessTokens();
		await h.execute();
		s.clearRequests();
		const [business] = jsonOf(await h.execute());
		expect(business.id).toBeDefined();
		expect(s.tokenRequests()).toHaveLength(0);
	});
});

describe('errors say what to fix, and never show a token', () => {
	test('a multi-tenant token without a tenant: the error asks for the Tenant ID and names the tenants', async () => {
		const h = tokenHarness(s, { resource: 'inventory', operation: 'getBusiness' }, { tenants: s.tenants.map((t) => t.id) });
		const error = await failure(h.execute());
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toMatch(/access to 2 tenants: set the Tenant ID/);
		for (const t of s.tenants) expect(error.description).toContain(t.name);
		expect(everyText(error)).not.toContain(h.store.rezStreamApi.accessToken);
	});

	test('the same token works once the tenant is set', async () => {
		const h = tokenHarness(s, { resource: 'inventory', operation: 'getBusiness' }, { tenants: s.tenants.map((t) => t.id), credential: { tenantId: s.tenants[1].id } });
		const [business] = jsonOf(await h.execute());
		expect(business.name).toBe(s.tenants[1].name);
	});

	test('a multi-tenant OAuth2 token: n8n tries one refresh, then the same clear error', async () => {
		const h = oauthHarness(s, { resource: 'inventory', operation: 'getBusiness' }, { tenants: s.tenants.map((t) => t.id) });
		const error = await failure(h.execute());
		expect(error.message).toMatch(/set the Tenant ID/);
		expect(everyText(error)).not.toContain(h.store.rezStreamOAuth2Api.oauthTokenData.access_token);
		expect(everyText(error)).not.toContain(h.store.rezStreamOAuth2Api.oauthTokenData.refresh_token);
	});

	test('403 names the missing permission', async () => {
		const rates = jsonOf(await tokenHarness(s, { resource: 'inventory', operation: 'getRates', returnAll: true }).execute());
		const h = tokenHarness(
			s,
			{ resource: 'rate', operation: 'updateNightly', inputMode: 'json', ratesJson: JSON.stringify([{ rateId: rates[0].id, data: [{ date: '2025-10-01', price: 99 }] }]) },
			{ scopes: ['guest_communication'] },
		);
		const error = await failure(h.execute());
		expect(error.message).toBe('rezStream refused the request: the token lacks the "revenue_management" permission');
		expect(error.description).toMatch(/^Generate a token with the revenue_management permission at account\.rezstream\.com and paste it into the credential\./);
		expect(s.apiRequests().filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	test('a revoked token: reconnect advice, no token in the error or the logs', async () => {
		const h = tokenHarness(s, { resource: 'inventory', operation: 'getUnits', returnAll: true });
		s.revokeToken(h.store.rezStreamApi.accessToken);
		const error = await failure(h.execute());
		expect(error.message).toBe('rezStream did not accept the token: it is expired, revoked or invalid');
		expect(error.description).toMatch(/Generate a new token/);
		expect(everyText(error)).not.toContain(h.store.rezStreamApi.accessToken);
		expect(JSON.stringify(h.stats.logs)).not.toContain(h.store.rezStreamApi.accessToken);
	});

	test('an unknown reservation: the vendor message is carried, and continue-on-fail gives an error item', async () => {
		const h = tokenHarness(s, { resource: 'reservation', operation: 'get', reservationId: '00000000-0000-4000-8000-000000000000' });
		const error = await failure(h.execute());
		expect(error.message).toMatch(/No reservation with ID 00000000-0000-4000-8000-000000000000/);
		expect(error.httpCode).toBe('404');
		const out = await h.execute({ continueOnFail: true, items: [{ json: {} }, { json: {} }] });
		expect(out[0].map((i) => i.pairedItem.item)).toEqual([0, 1]);
		expect(out[0][0].json.error).toMatch(/No reservation/);
	});

	test('an unreachable API: the error points at the base URL', async () => {
		const h = tokenHarness(s, { resource: 'inventory', operation: 'getBusiness' }, { credential: { baseUrl: 'http://127.0.0.1:9' } });
		const error = await failure(h.execute());
		expect(error.message).toMatch(/Could not reach rezStream.*check the API base URL/);
	});
});
