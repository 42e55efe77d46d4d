'use strict';
/**
 * The password-grant credential as n8n runs it: preAuthentication when the hidden access token
 * is empty or after a 401, and every returned field saved. Requests are read at the stand-in.
 */
const { standIn, passwordHarness, passwordCredential, jsonOf, failure, everyText, PASSWORD_TYPE } = require('./helpers');

let s;
beforeAll(async () => {
	s = await standIn({ tokenLifeSeconds: 60 });
});
afterAll(async () => s.close());
beforeEach(() => s.clearRequests());

const me = { resource: 'user', operation: 'getCurrent' };

describe('the token request', () => {
	test('first call: one password grant, JSON body with grant_type, client in the body only; the token is stored', async () => {
		const h = passwordHarness(s, me);
		const [user] = jsonOf(await h.execute());
		expect(user.email).toBe(s.users[0].email);
		const [grant] = s.tokenRequests();
		expect(s.tokenRequests()).toHaveLength(1);
		expect(grant.contentType).toBe('application/json');
		expect(grant.query).toEqual({});
		expect(grant.body).toEqual({
			grant_type: 'password',
			username: s.users[0].email,
			password: s.users[0].password,
			client_id: 'test-client',
			client_secret: 'test-secret',
		});
		expect(grant.headers.authorization).toBeUndefined();
		const stored = h.store[PASSWORD_TYPE];
		expect(stored.accessToken).toEqual(expect.any(String));
		expect(stored.refreshToken).toEqual(expect.any(String));
		expect(stored.expiresAt - stored.obtainedAt).toBe(60_000);
		expect(s.apiRequests()[0].headers.authorization).toBe(`Bearer ${stored.accessToken}`);
	});

	test('form body and HTTP Basic: the secret is only in the Authorization header; scope sent when set', async () => {
		const h = passwordHarness(s, me, { credential: { bodyFormat: 'form', clientAuthentication: 'basic', scope: 'public write' } });
		await h.execute();
		const [grant] = s.tokenRequests();
		expect(grant.status).toBe(200);
		expect(grant.contentType).toBe('application/x-www-form-urlencoded');
		expect(grant.clientAuth).toBe('basic');
		expect(grant.body.client_secret).toBeUndefined();
		expect(grant.body.client_id).toBeUndefined();
		expect(grant.body.scope).toBe('public write');
		expect(Buffer.from(grant.headers.authorization.replace(/^Basic /, ''), 'base64').toString()).toBe('test-client:test-secret');
	});

	test('a second execution reuses the stored token: no token request', async () => {
		const h = passwordHarness(s, me);
		await h.execute();
		s.clearRequests();
		await h.execute();
		expect(s.tokenRequests()).toHaveLength(0);
		expect(s.apiRequests()).toHaveLength(1);
	});
});

describe('refresh, rotation and fallback', () => {
	test('a 401 (token revoked elsewhere) makes n8n run preAuthentication: refresh grant, rotated token stored', async () => {
		const h = passwordHarness(s, me);
		await h.execute();
		const first = { ...h.store[PASSWORD_TYPE] };
		s.expireAccessTokens();
		s.clearRequests();
		await h.execute();
		const grants = s.tokenRequests();
		expect(grants.map((g) => [g.grant, g.status])).toEqual([['refresh_token', 200]]);
		expect(grants[0].body.refresh_token).toBe(first.refreshToken);
		const stored = h.store[PASSWORD_TYPE];
		expect(stored.refreshToken).not.toBe(first.refreshToken);
		expect(s.oauth.refreshTokenAlive(stored.refreshToken)).toBe(true);
		expect(s.oauth.refreshTokenAlive(first.refreshToken)).toBe(false);
	});

	test('a token about to expire is renewed before the call, not after a 401', async () => {
		const h = passwordHarness(s, me);
		await h.execute();
		// 50 of its 60 seconds have passed: inside the 12-second margin.
		h.store[PASSWORD_TYPE].expiresAt = Date.now() + 10_000;
		h.store[PASSWORD_TYPE].obtainedAt = Date.now() - 50_000;
		s.clearRequests();
		await h.execute();
		expect(s.tokenRequests().map((g) => g.grant)).toEqual(['refresh_token']);
		expect(s.apiRequests().map((r) => r.status)).toEqual([200]);
	});

	test('a revoked refresh token falls back to the password grant', async () => {
		const h = passwordHarness(s, me);
		await h.execute();
		s.revokeRefreshToken(h.store[PASSWORD_TYPE].refreshToken);
		s.expireAccessTokens();
		s.clearRequests();
		const [user] = jsonOf(await h.execute());
		expect(user.email).toBe(s.users[0].email);
		expect(s.tokenRequests().map((g) => [g.grant, g.status])).toEqual([
			['refresh_token', 400],
			['password', 200],
		]);
		expect(s.oauth.refreshTokenAlive(h.store[PASSWORD_TYPE].refreshToken)).toBe(true);
	});

	test('changing the user in the credential drops the old tokens (no refresh as the old user)', async () => {
		const h = passwordHarness(s, me);
		await h.execute();
		Object.assign(h.store[PASSWORD_TYPE], { username: s.users[1].email, password: s.users[1].password });
		s.clearRequests();
		const [user] = jsonOf(await h.execute());
		expect(user.email).toBe(s.users[1].email);
		expect(s.tokenRequests().map((g) => g.grant)).toEqual(['password']);
	});

	test('an answer without a refresh token keeps the stored one; a refused one is dropped', () => {
		const { nextRefreshToken } = require('../../dist/nodes/shared/auth/token');
		expect(nextRefreshToken('held', 'new', false)).toBe('new');
		expect(nextRefreshToken('held', '', false)).toBe('held');
		expect(nextRefreshToken('held', null, false)).toBe('held');
		expect(nextRefreshToken('held', undefined, true)).toBe('');
	});

	test('two executions refreshing at the same moment: the loser falls back to the password grant; both succeed', async () => {
		const first = passwordHarness(s, me);
		await first.execute();
		const store = first.store;
		store[PASSWORD_TYPE].expiresAt = Date.now() - 1;
		const a = passwordHarness(s, me, { store });
		const b = passwordHarness(s, me, { store });
		s.clearRequests();
		const [ra, rb] = await Promise.all([a.execute(), b.execute()]);
		expect(jsonOf(ra)[0].email).toBe(s.users[0].email);
		expect(jsonOf(rb)[0].email).toBe(s.users[0].email);
		const grants = s.tokenRequests().map((g) => `${g.grant}:${g.status}`).sort();
		expect(grants).toEqual(['password:200', 'refresh_token:200', 'refresh_token:400']);
		expect(s.apiRequests().every((r) => r.status === 200)).toBe(true);
		// Whoever saved last, the stored pair is alive: the credential is not dead.
		expect(s.oauth.refreshTokenAlive(store[PASSWORD_TYPE].refreshToken)).toBe(true);
		expect(s.oauth.accessTokenAlive(store[PASSWORD_TYPE].accessToken)).toBe(true);
	});
});

describe('errors a user can act on, without secrets', () => {
	const cases = [
		['wrong password', { password: 'not-the-password' }, /wrong username or password \(invalid_grant\)/],
		['wrong client secret', { clientSecret: 'wrong-secret-value' }, /Check Client ID and Client Secret/],
		['unknown client', { clientId: 'nobody' }, /invalid_client/],
		['unregistered scope', { scope: 'admin' }, /scope "admin" is not registered.*invalid_scope/],
		['wrong token path', { tokenUrl: '/oauth/tokens' }, /no token endpoint at .*\/oauth\/tokens \(HTTP 404\)/],
		['unreachable server', { baseUrl: 'http://127.0.0.1:9' }, /could not reach the token endpoint/],
	];
	test.each(cases)('%s', async (_label, credential, pattern) => {
		const h = passwordHarness(s, me, { credential });
		const error = await failure(h.execute());
		expect(error.message).toMatch(/^API v1 sign-in failed: /);
		expect(error.message).toMatch(pattern);
		const texts = everyText(error);
		for (const secret of ['correct horse', 'test-secret', credential.password, credential.clientSecret].filter(Boolean)) {
			expect(texts).not.toContain(secret);
		}
		expect(s.apiRequests()).toHaveLength(0);
	});

	test('the credential test obtains a token and shows it to the server; a bad password fails with the same message', async () => {
		const good = passwordHarness(s, me);
		expect(await good.testCredential(PASSWORD_TYPE)).toEqual({ status: 'OK', message: 'Connection tested successfully' });
		expect(s.tokenRequests().map((g) => g.grant)).toEqual(['password']);
		expect(s.requests().filter((r) => r.kind === 'info').map((r) => r.status)).toEqual([200]);
		const bad = passwordHarness(s, me, { credential: { password: 'nope-nope' } });
		const result = await bad.testCredential(PASSWORD_TYPE);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/wrong username or password/);
	});

	test('an empty password is refused before any request, naming the field', async () => {
		const h = passwordHarness(s, me, { credential: { password: '' } });
		const error = await failure(h.execute());
		expect(error.message).toMatch(/Password is empty/);
		expect(s.requests()).toHaveLength(0);
	});
});

describe('the credential class', () => {
	test('hidden expirable access token; httpRequestNode for the HTTP Request node', () => {
		const { loadCredentialTypes } = require('../support/n8n-context');
		const types = loadCredentialTypes();
		const cred = types[PASSWORD_TYPE];
		const expirable = cred.properties.filter((p) => p.typeOptions?.expirable);
		expect(expirable.map((p) => [p.name, p.type])).toEqual([['accessToken', 'hidden']]);
		for (const field of ['refreshToken', 'expiresAt', 'obtainedAt', 'issuedFor']) {
			expect(cred.properties.find((p) => p.name === field)?.type).toBe('hidden');
		}
		for (const type of Object.values(types)) {
			expect({ type: type.name, docs: typeof type.httpRequestNode?.docsUrl }).toEqual({ type: type.name, docs: 'string' });
		}
		expect(passwordCredential(s).tokenUrl).toBe(cred.properties.find((p) => p.name === 'tokenUrl').default);
	});
});
