'use strict';
/**
 * "Connect my account" for the API v1 authorization-code credential, driven as n8n-notes
 * describes: n8n builds the authorize URL from the Base URL alone ({base}/oauth/authorize, the
 * editable scope left empty), the stand-in's Doorkeeper approves and redirects to n8n's
 * callback, n8n exchanges the code at {base}/oauth/token (answer: lower-case "bearer", 7200 s)
 * and stores the tokens. Then a run uses them, and a refresh after the access token died
 * rotates the refresh token, which n8n stores.
 */
const { createInstance } = require('../support/n8n');
const { startApiV1StandIn } = require('../support/apiv1-standin');
const { manualWorkflow, id16 } = require('./fixtures/workflows');
const { apiV1Node, CODE_TYPE } = require('./fixtures/apiv1');

jest.setTimeout(10 * 60 * 1000);

let s;
let n8n;
const credential = { id: id16('credcx'), name: 'API v1 connected in the editor', type: CODE_TYPE, data: {} };

beforeAll(async () => {
	s = await startApiV1StandIn();
	n8n = await createInstance();
	// Only what a user types in.
	credential.data = { baseUrl: `${s.url}/`, clientId: 'test-client', clientSecret: 'test-secret' };
	await n8n.importCredentials([credential]);
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (s) await s.close();
});

test('Connect my account, a run with the tokens, and a refresh with rotation', async () => {
	await n8n.start();
	const authorizeUrl = await n8n.rest('GET', `/rest/oauth2-credential/auth?id=${credential.id}`);
	const url = new URL(authorizeUrl);
	expect(`${url.origin}${url.pathname}`).toBe(`${s.url}/oauth/authorize`);
	expect(url.searchParams.get('client_id')).toBe('test-client');
	expect(url.searchParams.get('response_type')).toBe('code');
	expect(url.searchParams.get('redirect_uri')).toBe(`${n8n.url}/rest/oauth2-credential/callback`);
	expect(url.searchParams.get('scope') ?? '').toBe('');

	const approve = await fetch(authorizeUrl, { redirect: 'manual' });
	expect(approve.status).toBe(302);
	const callback = approve.headers.get('location');
	expect(callback.startsWith(`${n8n.url}/rest/oauth2-credential/callback?`)).toBe(true);
	const done = await fetch(callback, { redirect: 'manual', headers: { cookie: n8n.cookie, 'browser-id': 'e2e-harness-browser' } });
	const page = await done.text();
	expect({ status: done.status, page: done.status < 400 && !/error/i.test(page) ? 'ok' : page.slice(0, 800) }).toEqual({ status: done.status, page: 'ok' });
	const [exchange] = s.tokenRequests();
	expect(exchange).toMatchObject({ grant: 'authorization_code', status: 200, clientAuth: 'body' });
	await n8n.stop();

	const first = (await n8n.exportCredential(credential.id)).data.oauthTokenData;
	expect(first).toMatchObject({ token_type: 'bearer', expires_in: 7200, access_token: expect.any(String), refresh_token: expect.any(String) });

	const me = manualWorkflow({ name: 'connected: me', nodes: [apiV1Node('Me', 'oAuth2', credential, { resource: 'user', operation: 'getCurrent' })] });
	await n8n.importWorkflow(me);
	s.clearRequests();
	const r1 = await n8n.execute(me.id);
	expect(r1.error).toBeNull();
	expect(r1.items('Me')[0].email).toBe(s.users[0].email);
	expect(s.apiRequests().map((c) => c.headers.authorization)).toEqual([`Bearer ${first.access_token}`]);

	s.expireAccessTokens();
	s.clearRequests();
	const r2 = await n8n.execute(me.id);
	expect(r2.error).toBeNull();
	expect(s.tokenRequests().map((g) => [g.grant, g.status])).toEqual([['refresh_token', 200]]);
	const second = (await n8n.exportCredential(credential.id)).data.oauthTokenData;
	expect(second.refresh_token).not.toBe(first.refresh_token);
	expect(s.oauth.refreshTokenAlive(second.refresh_token)).toBe(true);
	expect(s.oauth.refreshTokenAlive(first.refresh_token)).toBe(false);
});
