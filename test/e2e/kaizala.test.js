'use strict';
/**
 * Kaizala inside a real n8n: the kaizalaApi credential's preAuthentication run by n8n, what n8n
 * stores, renewal before expiry and after a 401; the trigger activated by `n8n start` (Kaizala's
 * validation GET answered while n8n registers it), callback tokens, duplicate eventIds, and
 * deactivation deleting the webhook.
 */
const crypto = require('node:crypto');
const { createInstance } = require('../support/n8n');
const { startKaizalaStandIn } = require('../support/kaizala-standin');
const { kaizalaCredential } = require('../../dev/fixtures/kaizala');
const { manualWorkflow, id16, credentialRef, PACKAGE_NAME } = require('./fixtures/workflows');

jest.setTimeout(15 * 60 * 1000);

const LIFE_MS = 20_000;
const YEAR = 365 * 24 * 3600 * 1000;

let s;
let n8n;
let cred;
let list;
let trigger;
let aged;

const stored = async () => (await n8n.exportCredential(cred.id)).data;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
	s = await startKaizalaStandIn({ accessTokenLifeMs: LIFE_MS });
	aged = s.agedRefreshToken(0.95 * YEAR);
	n8n = await createInstance();
	cred = kaizalaCredential(s, { refreshToken: aged });
	list = manualWorkflow({
		name: 'kaizala groups',
		nodes: [{ name: 'Groups', type: `${PACKAGE_NAME}.kaizala`, credential: cred, parameters: { resource: 'group', operation: 'getMany', returnAll: true } }],
	});
	trigger = {
		id: id16('wfkztrig'),
		name: 'kaizala trigger',
		nodes: [
			{
				id: crypto.randomUUID(),
				webhookId: crypto.randomUUID(),
				name: 'Kaizala Trigger',
				type: `${PACKAGE_NAME}.kaizalaTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: { objectType: 'Group', groupId: { __rl: true, mode: 'id', value: 'g-front' }, events: ['TextMessageCreated', 'MemberAdded'] },
				credentials: credentialRef(cred),
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
	await n8n.importCredentials([cred]);
	await n8n.importWorkflow([list, trigger]);
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (s) await s.close();
});

beforeEach(() => s.clearRequests());

test('token obtained once and stored (endpoint, expiry, rotated refresh token), reused by the next run', async () => {
	const r = await n8n.execute(list.id);
	expect(r.error).toBeNull();
	expect(r.items('Groups').map((g) => g.groupId)).toEqual(['g-front', 'g-house']);
	const [token] = s.tokenRequests();
	expect(s.tokenRequests()).toHaveLength(1);
	expect(token.headers.refreshtoken).toBe(aged);
	const data = await stored();
	expect(data.accessToken).toBe(token.issued);
	expect(data.endpointUrl).toBe(s.endpointUrl());
	expect(data.accessTokenExpiry).toBeGreaterThan(Date.now() - 5000);
	// The answer carried a new refresh token (past 90% of the old one's life): n8n stored it.
	expect(data.refreshToken).not.toBe(aged);
	expect(s.refreshTokenValid(data.refreshToken)).toBe(true);
	expect(s.apiRequests().map((c) => [c.path, c.status, c.headers.accesstoken])).toEqual([['/v1/groups', 200, token.issued]]);

	s.clearRequests();
	const again = await n8n.execute(list.id);
	expect(again.error).toBeNull();
	expect(s.tokenRequests()).toHaveLength(0);
});

test('renewed before expiry (no 401 first), the young refresh token kept over the empty answer; after a revoked token, renewed after the 401', async () => {
	const before = await stored();
	const wait = before.accessTokenExpiry - Date.now() + 500;
	if (wait > 0) await sleep(wait);
	s.clearRequests();
	const r = await n8n.execute(list.id);
	expect(r.error).toBeNull();
	expect(s.apiRequests().map((c) => c.status)).toEqual([200]);
	expect(s.tokenRequests()).toHaveLength(1);
	const after = await stored();
	expect(after.accessToken).not.toBe(before.accessToken);
	expect(after.refreshToken).toBe(before.refreshToken);

	s.expireAccessTokens();
	s.clearRequests();
	const r2 = await n8n.execute(list.id);
	expect(r2.error).toBeNull();
	expect(s.apiRequests().map((c) => c.status)).toEqual([401, 200]);
	expect(s.tokenRequests()).toHaveLength(1);
});

test('trigger: activation validated, good/bad/missing callback tokens, duplicate eventIds, deactivation deletes the webhook', async () => {
	await n8n.publishWorkflow(trigger.id);
	await n8n.start();
	await n8n.waitForActivation(trigger.id);
	expect(s.data.webhooks).toHaveLength(1);
	const w = s.data.webhooks[0];
	const v = s.data.validations.at(-1);
	expect(v).toMatchObject({ ok: true, status: 200, body: v.token });
	expect(w.callbackUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/webhook/${trigger.nodes[0].webhookId}/webhook$`));
	expect(w.callbackToken).toMatch(/^[0-9a-f]{64}$/);

	const good = await s.api.deliver(w.id, { eventId: 'e-1', data: { text: 'hello' } });
	const bad = await s.api.deliver(w.id, { eventId: 'e-2' }, { token: 'not-the-token' });
	const missing = await s.api.deliver(w.id, { eventId: 'e-3' }, { token: null });
	const dup = await s.api.deliver(w.id, { eventId: 'e-1', data: { text: 'hello' } });
	const next = await s.api.deliver(w.id, { eventId: 'e-4', data: { text: 'second' } });
	expect([good.status, bad.status, missing.status, dup.status, next.status]).toEqual([200, 401, 401, 200, 200]);

	let runs = [];
	for (let i = 0; i < 60 && runs.length < 2; i++) {
		runs = await n8n.executions({ workflowId: trigger.id });
		if (runs.length < 2) await sleep(1000);
	}
	await sleep(2000);
	runs = await n8n.executions({ workflowId: trigger.id });
	expect(runs.map((e) => e.items('Kaizala Trigger')[0].eventId).sort()).toEqual(['e-1', 'e-4']);

	s.clearRequests();
	await n8n.rest('POST', `/rest/workflows/${trigger.id}/deactivate`, {});
	// Deactivation may finish after the answer: wait (bounded) for the DELETE.
	for (let i = 0; i < 30 && s.data.webhooks.length > 0; i++) await sleep(1000);
	if (s.data.webhooks.length > 0) {
		process.stderr.write(`[e2e] kaizala: after deactivate the stand-in saw ${JSON.stringify(s.apiRequests().map((r) => [r.method, r.path, r.status]))}\n${n8n.logText().split('\n').filter((l) => /kaizala|deactivat|webhook/i.test(l)).slice(-20).join('\n')}\n`);
	}
	expect(s.data.webhooks).toHaveLength(0);
	expect(s.apiRequests().some((r) => r.method === 'DELETE' && r.path === `/v1/webhook/${w.id}`)).toBe(true);
});
