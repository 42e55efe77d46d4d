'use strict';
/** The apiV1 node over the stand-in: token life across a long run, paging, users, custom calls. */
const { standIn, passwordHarness, codeHarness, jsonOf, failure, everyText, PASSWORD_TYPE, CODE_TYPE } = require('./helpers');

let s;
beforeAll(async () => {
	s = await standIn({ countries: 120, maxPerPage: 50 });
});
afterAll(async () => s.close());
beforeEach(() => s.clearRequests());

describe('a run longer than several token lives', () => {
	let short;
	beforeAll(async () => {
		// 2-second tokens (renewed 1 s before expiry) and 100 ms per call: a 40-item run (4 s and
		// more) outlives two of them.
		short = await standIn({ tokenLifeSeconds: 2, latencyMs: 100 });
	});
	afterAll(async () => short.close());

	test('every call succeeds, no call is answered 401, each renewal is a refresh with the newest refresh token', async () => {
		const h = passwordHarness(short, { resource: 'user', operation: 'getCurrent' });
		const items = Array.from({ length: 40 }, () => ({ json: {} }));
		const out = jsonOf(await h.execute({ items }), 40);
		expect(out).toHaveLength(40);
		const calls = short.apiRequests();
		expect(calls).toHaveLength(40);
		expect(calls.filter((c) => c.status !== 200)).toEqual([]);
		const grants = short.tokenRequests();
		// Longer than two token lives: more than two tokens were needed.
		expect(grants.length).toBeGreaterThanOrEqual(3);
		expect(grants.map((g) => g.grant)).toEqual(['password', ...grants.slice(1).map(() => 'refresh_token')]);
		expect(grants.every((g) => g.status === 200)).toBe(true);
		// The calls used at most as many tokens as were issued, and never an old one again.
		const used = [...new Set(calls.map((c) => c.token))];
		expect(used).toHaveLength(grants.length);
		expect(h.store[PASSWORD_TYPE].accessToken).toBe(used[used.length - 1]);
		expect(short.oauth.refreshTokenAlive(h.store[PASSWORD_TYPE].refreshToken)).toBe(true);
		// n8n saved each new token: one save per token request.
		expect(h.stats.saves).toBe(grants.length);
	});
});

describe('countries: Kaminari paging with a silent per_page cap', () => {
	const list = (extra) => passwordHarness(s, { resource: 'country', operation: 'getMany', ...extra });

	test('Return All asks for 100 per page, gets 50 (the cap), and returns all 120 in order', async () => {
		const out = jsonOf(await list({ returnAll: true }).execute());
		expect(out.map((c) => c.id)).toEqual(s.data.countries.map((c) => c.id));
		const pages = s.apiRequests();
		expect(pages.map((p) => p.query.page)).toEqual(['1', '2', '3']);
		expect(pages.every((p) => p.query.per_page === '100')).toBe(true);
	});

	test('Limit 70 fetches two pages and stops; Limit 5 asks for 5', async () => {
		expect(jsonOf(await list({ returnAll: false, limit: 70 }).execute())).toHaveLength(70);
		expect(s.apiRequests()).toHaveLength(2);
		s.clearRequests();
		expect(jsonOf(await list({ returnAll: false, limit: 5 }).execute()).map((c) => c.id)).toEqual([1, 2, 3, 4, 5]);
		expect(s.apiRequests().map((p) => p.query.per_page)).toEqual(['5']);
	});

	test('a Limit of 0 is refused before any request, naming the field', async () => {
		const error = await failure(list({ returnAll: false, limit: 0 }).execute());
		expect(error.message).toMatch(/^Limit: /);
		expect(s.requests()).toHaveLength(0);
	});
});

describe('users', () => {
	test('create sends {"user": {...}} with Content-Type application/json exactly', async () => {
		const h = passwordHarness(s, { resource: 'user', operation: 'create', email: 'new.user@example.com', password: 'sekrit-pass', name: 'New User', nickname: '' });
		const [user] = jsonOf(await h.execute());
		expect(user).toMatchObject({ email: 'new.user@example.com', name: 'New User' });
		expect(user.password).toBeUndefined();
		const [post] = s.apiRequests();
		expect(post.contentType).toBe('application/json');
		expect(post.body).toEqual({ user: { email: 'new.user@example.com', password: 'sekrit-pass', name: 'New User' } });
	});

	test('422 names each field and its messages; the new password is never shown; continue on fail pairs items', async () => {
		const h = passwordHarness(s, { resource: 'user', operation: 'create', email: s.users[0].email, password: 'abc' });
		const error = await failure(h.execute());
		expect(error.message).toBe('API v1 refused the request: email: has already been taken; password: is too short (minimum is 6 characters)');
		expect(error.httpCode).toBe('422');
		expect(everyText(error)).not.toMatch(/"abc"|correct horse|test-secret/);
		const out = await h.execute({ continueOnFail: true, items: [{ json: {} }, { json: {} }] });
		expect(out[0].map((i) => i.pairedItem.item)).toEqual([0, 1]);
		expect(out[0][1].json.error).toMatch(/email: has already been taken/);
	});

	test('an invalid e-mail is refused before any request', async () => {
		const error = await failure(passwordHarness(s, { resource: 'user', operation: 'create', email: 'nope', password: 'abcdefg' }).execute());
		expect(error.message).toMatch(/^Email: "nope" is not an e-mail address/);
		expect(s.requests()).toHaveLength(0);
	});

	test('get by id, and a missing user says so', async () => {
		const [user] = jsonOf(await passwordHarness(s, { resource: 'user', operation: 'get', userId: '2' }).execute());
		expect(user.email).toBe(s.users[1].email);
		const error = await failure(passwordHarness(s, { resource: 'user', operation: 'get', userId: '999' }).execute());
		expect(error.message).toBe('API v1 found nothing at GET /api/v1/users/999 (HTTP 404)');
	});

	test('with the authorization-code credential: lower-case bearer tokens, n8n refreshes after a 401', async () => {
		const h = codeHarness(s, { resource: 'user', operation: 'getCurrent' });
		const before = h.store[CODE_TYPE].oauthTokenData.refresh_token;
		s.expireAccessTokens();
		const [user] = jsonOf(await h.execute());
		expect(user.email).toBe(s.users[0].email);
		expect(s.tokenRequests().map((g) => [g.grant, g.status])).toEqual([['refresh_token', 200]]);
		expect(h.store[CODE_TYPE].oauthTokenData.token_type).toBe('bearer');
		expect(h.store[CODE_TYPE].oauthTokenData.refresh_token).not.toBe(before);
	});
});

describe('custom API call', () => {
	const send = (extra) => passwordHarness(s, { resource: 'request', operation: 'send', method: 'GET', ...extra });

	test('GET with query parameters; an array answer becomes items', async () => {
		const out = jsonOf(await send({ path: 'api/v1/countries', query: { parameter: [{ name: 'per_page', value: '10' }, { name: 'page', value: '2' }] } }).execute());
		expect(out.map((c) => c.id)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
	});

	test('POST with a JSON body goes as application/json exactly', async () => {
		const [user] = jsonOf(await send({ method: 'POST', path: '/api/v1/users', body: '{"user": {"email": "custom@example.com", "password": "123456789"}}' }).execute());
		expect(user.email).toBe('custom@example.com');
		expect(s.apiRequests()[0].contentType).toBe('application/json');
	});

	test.each([
		['https://evil.example/api/v1/users', /full URL/],
		['//evil.example/x', /full URL/],
		['/api/../../admin', /leaves the Base URL/],
		['/api/%2e%2e/admin', /leaves the Base URL/],
		['/api/v1/users?x=1', /query string/],
	])('path %s is refused before any request', async (path, pattern) => {
		const error = await failure(send({ path }).execute());
		expect(error.message).toMatch(/^Path: /);
		expect(error.message).toMatch(pattern);
		expect(s.requests()).toHaveLength(0);
	});

	test('bad JSON in the body names the field', async () => {
		const error = await failure(send({ method: 'POST', path: '/api/v1/users', body: '{"user": ' }).execute());
		expect(error.message).toMatch(/^JSON Body: not valid JSON/);
	});
});
