'use strict';
/**
 * The editor's "Connect my account" for the rezStream OAuth2 credential, driven as n8n-notes
 * describes (no browser): n8n builds the authorize URL from the credential (default scope with
 * offline_access, multiTenant=true from the toggle, client id, n8n's callback), the stand-in's
 * account service approves and redirects to the callback, n8n exchanges the code (client id
 * and secret in the body) and stores the tokens. A run then uses them: the token covers both
 * tenants, as the user chose.
 */
const { createInstance } = require('../support/n8n');
const { startRezStreamStandIn } = require('../support/rezstream-standin');
const { manualWorkflow, id16 } = require('./fixtures/workflows');
const { rezStreamNode } = require('./fixtures/rezstream');

jest.setTimeout(10 * 60 * 1000);

let s;
let n8n;
const credential = {
	id: id16('credcn'),
	name: 'rezStream connected in the editor',
	type: 'rezStreamOAuth2Api',
	data: {},
};

beforeAll(async () => {
	s = await startRezStreamStandIn({ data: { reservations: 5 } });
	n8n = await createInstance();
	// Only what a user types in; scope, grant type and client authentication keep their defaults.
	credential.data = {
		authUrl: `${s.url}/connect/authorize`,
		accessTokenUrl: `${s.url}/connect/token`,
		clientId: 'test-client',
		clientSecret: 'test-secret',
		multiTenant: true,
		baseUrl: s.url,
	};
	await n8n.importCredentials([credential]);
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (s) await s.close();
});

test('Connect my account: authorize URL, callback, stored tokens, and a run with them', async () => {
	await n8n.start();
	const authorizeUrl = await n8n.rest('GET', `/rest/oauth2-credential/auth?id=${credential.id}`);
	const url = new URL(authorizeUrl);
	expect(`${url.origin}${url.pathname}`).toBe(`${s.url}/connect/authorize`);
	expect(url.searchParams.get('client_id')).toBe('test-client');
	expect(url.searchParams.get('response_type')).toBe('code');
	expect(url.searchParams.get('scope')).toBe('offline_access guest_communication revenue_management');
	expect(url.searchParams.get('multiTenant')).toBe('true');
	expect(url.searchParams.get('redirect_uri')).toBe(`${n8n.url}/rest/oauth2-credential/callback`);

	// The account service approves and sends the browser back to n8n's callback.
	const approve = await fetch(authorizeUrl, { redirect: 'manual' });
	expect(approve.status).toBe(302);
	const callback = approve.headers.get('location');
	expect(callback.startsWith(`${n8n.url}/rest/oauth2-credential/callback?`)).toBe(true);
	// The browser that started the flow comes back with its n8n session cookie.
	const done = await fetch(callback, { redirect: 'manual', headers: { cookie: n8n.cookie, 'browser-id': 'e2e-harness-browser' } });
	const page = await done.text();
	expect({ status: done.status, page: done.status < 400 && !/error/i.test(page) ? 'ok' : page.slice(0, 800) }).toEqual({
		status: done.status,
		page: 'ok',
	});

	const [exchange] = s.tokenRequests();
	expect(exchange.status).toBe(200);
	expect(exchange.clientAuth).toBe('body');
	await n8n.stop();

	const stored = await n8n.exportCredential(credential.id);
	expect(stored.data.oauthTokenData.access_token).toEqual(expect.any(String));
	// offline_access was asked for, so there is a refresh token to keep the connection alive.
	expect(stored.data.oauthTokenData.refresh_token).toEqual(expect.any(String));

	const tenants = manualWorkflow({
		name: 'connected: tenants',
		nodes: [rezStreamNode('Tenants', 'oAuth2', credential, { resource: 'tenant', operation: 'getAll' })],
	});
	await n8n.importWorkflow(tenants);
	const r = await n8n.execute(tenants.id);
	expect(r.error).toBeNull();
	expect(r.items('Tenants').map((t) => t.id).sort()).toEqual(s.tenants.map((t) => t.id).sort());
});
