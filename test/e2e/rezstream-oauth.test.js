'use strict';
/**
 * n8n's own OAuth2 machinery with the rezStream OAuth2 credential: an access token that expires
 * in the middle of a Return All is refreshed by n8n, the run is complete and has no duplicates,
 * the rotated refresh token is what n8n stores, and the next run works with what was stored.
 */
const { createInstance } = require('../support/n8n');
const { startRezStreamStandIn } = require('../support/rezstream-standin');
const { manualWorkflow } = require('./fixtures/workflows');
const { rezStreamCredential, importable, rezStreamNode, byUpdate } = require('./fixtures/rezstream');

jest.setTimeout(15 * 60 * 1000);

let s;
let n8n;
let tenant;
let cred;
let listAll;
let business;
let stored; // oauthTokenData n8n stored after the first refresh

async function refreshDirectly(refreshToken) {
	const res = await fetch(`${s.url}/connect/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'refresh_token',
			refresh_token: refreshToken,
			client_id: 'test-client',
			client_secret: 'test-secret',
		}),
	});
	await res.arrayBuffer();
	return res.status;
}

beforeAll(async () => {
	s = await startRezStreamStandIn({ data: { reservations: 320 }, maxPageSize: 100 });
	tenant = s.tenants[0].id;
	n8n = await createInstance();
	cred = rezStreamCredential(s, 'oAuth2');
	listAll = manualWorkflow({
		name: 'oauth return all',
		nodes: [
			rezStreamNode('List', 'oAuth2', cred, {
				resource: 'reservation',
				operation: 'getManyUpdated',
				updatedSince: '2000-01-01T00:00:00Z',
				returnAll: true,
			}),
		],
	});
	business = manualWorkflow({
		name: 'oauth business',
		nodes: [rezStreamNode('Business', 'oAuth2', cred, { resource: 'inventory', operation: 'getBusiness' })],
	});
	await n8n.importCredentials([importable(cred)]);
	await n8n.importWorkflow([listAll, business]);
});

afterAll(async () => {
	if (s) s.hooks.beforeApiRequest = null;
	if (n8n) await n8n.cleanup();
	if (s) await s.close();
});

beforeEach(() => s.clearRequests());

test('the access token expires in the middle of Return All: n8n refreshes it, the output is complete, nothing repeats', async () => {
	let apiRequest = 0;
	s.hooks.beforeApiRequest = () => {
		if (++apiRequest === 2) s.expireAccessTokens();
	};
	let r;
	try {
		r = await n8n.execute(listAll.id);
	} finally {
		s.hooks.beforeApiRequest = null;
	}
	expect(r.error).toBeNull();
	expect(r.status).toBe('success');
	const items = r.items('List');
	const expected = [...s.listReservations(tenant)].sort(byUpdate);
	expect(items).toHaveLength(expected.length);
	expect(new Set(items.map((i) => i.id)).size).toBe(expected.length);
	expect(items.map((i) => i.id)).toEqual(expected.map((i) => i.id));

	const refreshes = s.tokenRequests();
	expect(refreshes).toHaveLength(1);
	expect(refreshes[0].status).toBe(200);
	expect(refreshes[0].form.grant_type).toBe('refresh_token');
	expect(refreshes[0].clientAuth).toBe('body');

	const calls = s.apiRequests().filter((c) => c.path === '/reservations/updated');
	const failed = calls.filter((c) => c.status === 401);
	expect(failed).toHaveLength(1);
	// The page that failed was asked for again, with the new token and the same cursor.
	const repeated = calls[calls.indexOf(failed[0]) + 1];
	expect(repeated.status).toBe(200);
	expect(repeated.query).toEqual(failed[0].query);
	expect(repeated.headers.authorization).not.toBe(failed[0].headers.authorization);
	expect(calls).toHaveLength(Math.ceil(expected.length / 100) + 1 + 1);
});

test("the rotated refresh token is what n8n stored in its credential store; the old one is dead", async () => {
	const exported = await n8n.exportCredential(cred.id);
	stored = exported.data.oauthTokenData;
	expect(stored.refresh_token).toEqual(expect.any(String));
	expect(stored.refresh_token).not.toBe(cred.tokens.refresh_token);
	expect(stored.access_token).not.toBe(cred.tokens.access_token);
	// What n8n stored is the live pair: its access token works on the API ...
	const res = await fetch(`${s.url}/inventory/business`, { headers: { authorization: `Bearer ${stored.access_token}` } });
	expect(res.status).toBe(200);
	await res.arrayBuffer();
	// ... and the refresh token it replaced is rejected by the provider.
	expect(await refreshDirectly(cred.tokens.refresh_token)).toBe(400);
	// the rest of the credential is untouched
	expect(exported.data).toMatchObject({ clientId: 'test-client', baseUrl: s.url, accessTokenUrl: `${s.url}/connect/token` });
});

test('a second execution works with the stored tokens, and refreshes with the stored refresh token', async () => {
	expect(stored).toBeDefined();
	const first = await n8n.execute(business.id);
	expect(first.error).toBeNull();
	expect(first.items('Business')[0].id).toBeDefined();
	expect(s.tokenRequests()).toHaveLength(0);
	expect(s.apiRequests().map((c) => c.headers.authorization)).toEqual([`Bearer ${stored.access_token}`]);

	s.expireAccessTokens();
	s.clearRequests();
	const second = await n8n.execute(business.id);
	expect(second.error).toBeNull();
	// n8n redeemed the refresh token it had stored; a stale one would have been refused (400).
	expect(s.tokenRequests().map((t) => t.status)).toEqual([200]);
	const again = (await n8n.exportCredential(cred.id)).data.oauthTokenData;
	expect(again.refresh_token).not.toBe(stored.refresh_token);
	// The newest refresh token is the one in n8n's store: the provider still accepts it (this
	// redeems it, so it is the last thing done), while the one before is dead.
	expect(await refreshDirectly(stored.refresh_token)).toBe(400);
	expect(await refreshDirectly(again.refresh_token)).toBe(200);
});
