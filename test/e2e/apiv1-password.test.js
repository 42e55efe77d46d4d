'use strict';
/**
 * The API v1 password-grant credential inside a real n8n: n8n runs its preAuthentication and
 * stores what it returns; the node renews the token before it expires.
 * - a run longer than two token lives: 0 failed calls, token requests counted;
 * - the rotated refresh token is the one n8n stored (the ones before are dead);
 * - a revoked refresh token falls back to the password grant;
 * - two executions at once (two webhook calls) do not kill the credential.
 * Token life: APIV1_E2E_TOKEN_LIFE seconds (default 20; the template's is 60, which makes the
 * run 2.5 minutes per n8n version for the same proof).
 */
const { createInstance } = require('../support/n8n');
const { startApiV1StandIn } = require('../support/apiv1-standin');
const { manualWorkflow } = require('./fixtures/workflows');
const { passwordCredential, apiV1Node, itemsNode, webhookWorkflow } = require('./fixtures/apiv1');

jest.setTimeout(15 * 60 * 1000);

const LIFE = Number(process.env.APIV1_E2E_TOKEN_LIFE || 20);
// Enough calls that the run outlasts two token lives: (2.3 lives) / latency.
const LATENCY_MS = 250;
const ITEMS = Math.ceil((2.3 * LIFE * 1000) / LATENCY_MS);

let s;
let n8n;
let cred;
let long;
let one;

async function stored() {
	return (await n8n.exportCredential(cred.id)).data;
}

beforeAll(async () => {
	s = await startApiV1StandIn({ tokenLifeSeconds: LIFE });
	n8n = await createInstance();
	cred = passwordCredential(s);
	long = manualWorkflow({
		name: 'apiv1 long run',
		nodes: [itemsNode('Items', ITEMS), apiV1Node('Me', 'passwordGrant', cred, { resource: 'user', operation: 'getCurrent' })],
	});
	one = manualWorkflow({ name: 'apiv1 one call', nodes: [apiV1Node('Me', 'passwordGrant', cred, { resource: 'user', operation: 'getCurrent' })] });
	await n8n.importCredentials([cred]);
	await n8n.importWorkflow([long, one]);
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (s) await s.close();
});

beforeEach(() => s.clearRequests());

test(`a run longer than two token lives (${LIFE} s): every call succeeds, each token is renewed before it expires`, async () => {
	s.settings.latencyMs = LATENCY_MS;
	let r;
	try {
		r = await n8n.execute(long.id, { timeoutMs: 10 * 60 * 1000 });
	} finally {
		s.settings.latencyMs = 0;
	}
	expect(r.error).toBeNull();
	expect(r.items('Me')).toHaveLength(ITEMS);
	const calls = s.apiRequests();
	const grants = s.tokenRequests();
	const seconds = (calls[calls.length - 1].at - calls[0].at) / 1000;
	process.stderr.write(`[e2e] apiv1: ${calls.length} calls over ${seconds.toFixed(1)} s with ${LIFE}-second tokens: ${grants.length} token requests (${grants.map((g) => g.grant).join(', ')})\n`);
	expect(seconds).toBeGreaterThan(2 * LIFE);
	expect(calls.filter((c) => c.status !== 200)).toEqual([]);
	expect(grants.map((g) => [g.grant, g.status])).toEqual([['password', 200], ...grants.slice(1).map(() => ['refresh_token', 200])]);
	expect(grants.length).toBeGreaterThanOrEqual(3);

	// The rotated refresh token is the one n8n stored; every earlier one is dead.
	const data = await stored();
	// (its access token may have expired by now: reading the store takes longer than it lives)
	expect(s.oauth.refreshTokenAlive(data.refreshToken)).toBe(true);
	// each refresh redeemed the token the grant before had issued, which is now dead
	for (const g of grants.slice(1)) expect(s.oauth.refreshTokenAlive(g.body.refresh_token)).toBe(false);
	expect(data.accessToken).toBe(calls[calls.length - 1].token);
	expect(data.password).toBe(s.users[0].password);
});

test('a revoked refresh token falls back to the password grant, and the new pair is stored', async () => {
	const before = await stored();
	s.revokeRefreshToken(before.refreshToken);
	s.expireAccessTokens();
	s.clearRequests();
	const r = await n8n.execute(one.id);
	expect(r.error).toBeNull();
	expect(r.items('Me')[0].email).toBe(s.users[0].email);
	expect(s.tokenRequests().map((g) => [g.grant, g.status])).toEqual([
		['refresh_token', 400],
		['password', 200],
	]);
	const after = await stored();
	expect(after.refreshToken).not.toBe(before.refreshToken);
	expect(s.oauth.refreshTokenAlive(after.refreshToken)).toBe(true);
});

test('two executions at once, both renewing: the loser falls back to the password grant, the credential lives on', async () => {
	const hook = webhookWorkflow({
		name: 'apiv1 race',
		path: 'apiv1-race',
		nodes: [apiV1Node('Me', 'passwordGrant', cred, { resource: 'user', operation: 'getCurrent' })],
	});
	await n8n.importWorkflow(hook);
	await n8n.publishWorkflow(hook.id);
	await n8n.start();
	try {
		await n8n.waitForActivation(hook.id);
		// Both executions find the token expired and send their refresh before either is answered.
		s.expireAccessTokens();
		s.settings.tokenLatencyMs = 1500;
		s.clearRequests();
		const call = async () => {
			const res = await fetch(`${n8n.url}/webhook/apiv1-race`, { signal: AbortSignal.timeout(120_000) });
			return { status: res.status, body: await res.json() };
		};
		const [a, b] = await Promise.all([call(), call()]);
		s.settings.tokenLatencyMs = 0;
		expect(a).toEqual({ status: 200, body: expect.objectContaining({ email: s.users[0].email }) });
		expect(b).toEqual({ status: 200, body: expect.objectContaining({ email: s.users[0].email }) });
		const grants = s.tokenRequests().map((g) => `${g.grant}:${g.status}`).sort();
		process.stderr.write(`[e2e] apiv1 race: token requests ${grants.join(', ')}\n`);
		expect(grants).toContain('refresh_token:200');
		expect(grants.filter((g) => g === 'refresh_token:400').length).toBe(grants.filter((g) => g === 'password:200').length);
		expect(grants.every((g) => /:200$/.test(g) || g === 'refresh_token:400')).toBe(true);
	} finally {
		s.settings.tokenLatencyMs = 0;
		await n8n.stop();
	}
	// Whichever execution saved last, the stored pair works: a third run needs no password.
	const data = await stored();
	expect(s.oauth.refreshTokenAlive(data.refreshToken)).toBe(true);
	s.expireAccessTokens();
	s.clearRequests();
	const r = await n8n.execute(one.id);
	expect(r.error).toBeNull();
	expect(s.tokenRequests().map((g) => [g.grant, g.status])).toEqual([['refresh_token', 200]]);
});
