'use strict';
/**
 * The kaizalaApi credential as n8n runs it: preAuthentication when the hidden access token is
 * empty, after a 401, or (asked by the node) shortly before accessTokenExpiry; every returned
 * field saved. Requests are read at the stand-in.
 */
const { startKaizalaStandIn, harness, credentialOf, jsonOf, failure, everyText, TYPE } = require('./helpers');

let s;
beforeAll(async () => {
	s = await startKaizalaStandIn();
});
afterAll(async () => s.close());
beforeEach(() => {
	s.clearRequests();
	s.settings.accessTokenLifeMs = 24 * 3600 * 1000;
	s.settings.endpointOverride = null;
});

const list = { resource: 'group', operation: 'getMany', returnAll: true };

describe('the token request', () => {
	test('first call: one GET {apiRoot}/accessToken with the three headers; token, endpoint and expiry stored; token sent as the accessToken header', async () => {
		const h = harness(s, list);
		const groups = jsonOf(await h.execute());
		expect(groups.map((g) => g.groupId)).toEqual(['g-front', 'g-house']);
		const [token] = s.tokenRequests();
		expect(s.tokenRequests()).toHaveLength(1);
		expect(token.headers.applicationid).toBe(s.applicationId);
		expect(token.headers.applicationsecret).toBe(s.applicationSecret);
		expect(token.headers.refreshtoken).toBe(s.initialRefreshToken);
		const stored = h.store[TYPE];
		expect(stored.accessToken).toBe(token.issued);
		expect(stored.endpointUrl).toBe(s.endpointUrl());
		expect(stored.accessTokenExpiry).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
		expect(stored.refreshToken).toBe(s.initialRefreshToken);
		const [call] = s.apiRequests();
		expect(call.host).toBe('endpoint0');
		expect(call.path).toBe('/v1/groups');
		expect(call.headers.accesstoken).toBe(stored.accessToken);
		expect(call.headers.authorization).toBeUndefined();
	});

	test('a second execution reuses the stored token: no token request', async () => {
		const h = harness(s, list);
		await h.execute();
		s.clearRequests();
		await h.execute();
		expect(s.tokenRequests()).toHaveLength(0);
		expect(s.apiRequests()).toHaveLength(1);
	});

	test('renewed before accessTokenExpiry: a token that is about to expire is replaced before the call, not after a 401', async () => {
		s.settings.accessTokenLifeMs = 2000; // margin = 1 s (a fifth of the life, at least 1 s)
		const h = harness(s, list);
		await h.execute();
		const first = h.store[TYPE].accessToken;
		await new Promise((r) => setTimeout(r, 1100));
		s.clearRequests();
		await h.execute();
		expect(s.tokenRequests()).toHaveLength(1);
		expect(s.apiRequests().map((r) => r.status)).toEqual([200]);
		expect(h.store[TYPE].accessToken).not.toBe(first);
	});

	test('after a 401 (token revoked early), n8n runs preAuthentication and repeats the call once', async () => {
		const h = harness(s, list);
		await h.execute();
		s.expireAccessTokens();
		s.clearRequests();
		jsonOf(await h.execute());
		expect(s.apiRequests().map((r) => r.status)).toEqual([401, 200]);
		expect(s.tokenRequests()).toHaveLength(1);
	});
});

describe('refresh token rotation', () => {
	test('an empty refreshToken in the answer never overwrites the stored one; a new one after 90% of its life is stored', async () => {
		const aged = s.agedRefreshToken(0.95 * 365 * 24 * 3600 * 1000);
		const h = harness(s, list, { credential: { refreshToken: aged } });
		await h.execute();
		const rotated = h.store[TYPE].refreshToken;
		expect(rotated).not.toBe(aged);
		expect(rotated).toMatch(/^rt-/);
		expect(s.refreshTokenValid(rotated)).toBe(true);
		// The fresh token is young: the next answer carries "" and the stored one stays.
		s.expireAccessTokens();
		await h.execute();
		expect(s.tokenRequests().map((r) => r.headers.refreshtoken)).toEqual([aged, rotated]);
		expect(h.store[TYPE].refreshToken).toBe(rotated);
	});

	test('a null refreshToken in the answer keeps the stored one too', async () => {
		const t = await startKaizalaStandIn({ nullRefresh: true });
		try {
			const h = harness(t, list);
			await h.execute();
			expect(h.store[TYPE].refreshToken).toBe(t.initialRefreshToken);
		} finally {
			await t.close();
		}
	});
});

describe('where the token may go', () => {
	test.each([
		['a foreign host', 'https://inc-001.kaizala.evil.example'],
		['https under an allowed domain is still refused when the name only ends with it', 'https://notoffice.net'],
		['plain http on a non-loopback host', 'http://inc-001.kaizalamessaging.osi.office.net'],
	])('refuses %s as endpointUrl; no API call is made and no token leaks', async (_, endpoint) => {
		s.settings.endpointOverride = endpoint;
		const h = harness(s, list);
		const error = await failure(h.execute());
		expect(error.message).toMatch(/Refused the endpoint URL Kaizala answered/);
		expect(s.apiRequests()).toHaveLength(0);
		expect(h.store[TYPE].accessToken ?? '').toBe('');
		expect(everyText(error)).not.toContain(s.applicationSecret);
	});

	test('an https endpoint under an allowed domain passes the credential rule (unit of the rule)', () => {
		const { checkEndpoint } = require('../../dist/nodes/Kaizala/auth/endpoint');
		const rule = { apiRoot: 'https://api.kaiza.la/v1', allowedDomains: ['office.net', 'kaiza.la'] };
		expect(checkEndpoint('https://inc-001.KaizalaMessaging.osi.office.net/', rule, 'x')).toBe('https://inc-001.kaizalamessaging.osi.office.net');
		expect(() => checkEndpoint('http://127.0.0.1:9', rule, 'x')).toThrow(/https/);
		expect(() => checkEndpoint('https://user:pw@a.office.net', rule, 'x')).toThrow(/not an http/);
	});

	test('a 308 move: the call is re-sent against the new base (checked), the new endpoint is stored', async () => {
		const h = harness(s, list);
		await h.execute();
		const moved = await s.move();
		s.clearRequests();
		const groups = jsonOf(await h.execute());
		expect(groups).toHaveLength(2);
		const calls = s.apiRequests().map((r) => [r.host, r.path, r.status]);
		expect(calls).toEqual([
			['endpoint0', '/v1/groups', 308],
			['endpoint1', '/v1/groups', 200],
		]);
		expect(h.store[TYPE].endpointUrl).toBe(moved);
		// The next execution goes straight to the new endpoint.
		s.clearRequests();
		await h.execute();
		expect(s.apiRequests().map((r) => r.host)).toEqual(['endpoint1']);
		expect(s.tokenRequests()).toHaveLength(0);
	});
});

describe('errors say what to fix and carry no secret', () => {
	test('a revoked refresh token: generate a new one in the Kaizala management portal', async () => {
		const h = harness(s, list, { credential: { refreshToken: 'rt-revoked-0000' } });
		const error = await failure(h.execute());
		expect(error.message).toMatch(/refresh token is invalid, expired or revoked.*Kaizala management portal/);
		expect(everyText(error)).not.toContain('rt-revoked-0000');
		expect(everyText(error)).not.toContain(s.applicationSecret);
	});

	test('a wrong application secret: check Application ID and Application Secret', async () => {
		const h = harness(s, list, { credential: { applicationSecret: 'wrong-secret-999' } });
		const error = await failure(h.execute());
		expect(error.message).toMatch(/wrong Application ID or Application Secret/);
		expect(everyText(error)).not.toContain('wrong-secret-999');
		expect(everyText(error)).not.toContain(s.initialRefreshToken);
	});

	test('an API root that serves no token service (ASP.NET 404)', async () => {
		const h = harness(s, list, { credential: { apiRoot: `${s.root}/v2` } });
		const error = await failure(h.execute());
		expect(error.message).toMatch(/no token service at .*\/v2\/accessToken \(HTTP 404\)/);
	});
});

describe('credential test', () => {
	test('obtains a token and lists groups with it', async () => {
		const h = harness(s, list);
		const result = await h.testCredential(TYPE);
		expect(result.status).toBe('OK');
		expect(s.tokenRequests()).toHaveLength(1);
		expect(s.apiRequests().map((r) => [r.path, r.status])).toEqual([['/v1/groups', 200]]);
	});

	test('reports a wrong secret clearly', async () => {
		const h = harness(s, list, { credential: credentialOf(s, { applicationSecret: 'nope-nope-nope' }) });
		const result = await h.testCredential(TYPE);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/wrong Application ID or Application Secret/);
	});
});

describe('the HTTP Request node (absolute URLs)', () => {
	const { authenticateKaizala } = require('../../dist/nodes/Kaizala/auth/token');
	const stored = {
		apiRoot: 'https://api.kaiza.la/v1',
		allowedDomains: 'office.net, kaiza.la',
		endpointUrl: 'https://inc-001.kaizalamessaging.osi.office.net',
		accessToken: 'at-secret-token',
	};

	test('a URL on an allowed https host gets the token, redirects off; a relative one is resolved against {endpointUrl}/v1', () => {
		const abs = authenticateKaizala(stored, { url: 'https://inc-001.kaizalamessaging.osi.office.net/v1/groups', method: 'GET' });
		expect(abs).toMatchObject({ url: 'https://inc-001.kaizalamessaging.osi.office.net/v1/groups', disableFollowRedirect: true, headers: { accessToken: 'at-secret-token' } });
		const rel = authenticateKaizala(stored, { url: '/groups/g1/messages', method: 'POST' });
		expect(rel.url).toBe('https://inc-001.kaizalamessaging.osi.office.net/v1/groups/g1/messages');
	});

	test('a URL the rule does not allow is refused before the token is added', () => {
		expect(() => authenticateKaizala(stored, { url: 'https://collector.example.com/v1/groups' })).toThrow(/not under the Allowed Endpoint Domains/);
		expect(() => authenticateKaizala(stored, { url: 'http://inc-001.kaizalamessaging.osi.office.net/v1/groups' })).toThrow(/only sent over https/);
	});
});
