'use strict';
/**
 * The Kaizala webhook trigger in queue mode: the main activates it (registers the webhook at
 * Kaizala with a fresh callback token kept in the workflow's static data), Kaizala's validation
 * GET and every delivery reach the webhook processor (WEBHOOK_URL points there, the main has
 * production webhooks off), the trigger's `webhook()` runs there — the callback-token check and
 * the duplicate window — and the executions run on the workers.
 *
 * The workflow is activated through the main's REST API once every process is up, as a user
 * does in the editor: Kaizala validates the callback URL during registration, so the webhook
 * processor must already answer.
 *
 * The duplicate window lives in the memory of the process that runs `webhook()`: here the one
 * webhook processor. With several webhook processors behind a load balancer, a redelivery can
 * reach another process and start a second execution (README, queue mode).
 */
const crypto = require('node:crypto');
const { startKaizalaStandIn } = require('../../support/kaizala-standin');
const { id16, credentialRef, PACKAGE_NAME } = require('../../e2e/fixtures/workflows');
const { kaizalaCredential } = require('./kaizala-tokens');
const { activate } = require('../../../dev/queue/workflows');
const { starvedByN8n } = require('../rounds');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const YEAR = 365 * 24 * 3600 * 1000;
const AT_ONCE = 10; // distinct events, each delivered twice at the same moment

const state = { s: null, cred: null, trigger: null };

/** Executions of the trigger workflow, polled until `count` are there and 2 s pass without more. */
async function settledExecutions(q, workflowId, count) {
	let list = [];
	for (let i = 0; i < 120 && list.length < count; i++) {
		list = await q.main.executions({ workflowId });
		if (list.length < count) await sleep(1000);
	}
	await sleep(2000);
	return await q.main.executions({ workflowId });
}

module.exports = {
	name: 'Kaizala webhook trigger through the webhook processor',
	state,
	async prepare() {
		// Kaizala's validation GET waits 20 s here (5 s in the single-process e2e): four n8n
		// processes share two cores, and the webhook processor answers it from the database.
		state.s = await startKaizalaStandIn({ webhookTimeoutMs: 20_000 });
		state.cred = kaizalaCredential(state.s, { name: 'Kaizala connector (queue trigger)', refreshToken: state.s.agedRefreshToken(0.1 * YEAR) });
		state.trigger = {
			id: id16('wfkzq'),
			name: 'queue kaizala trigger',
			nodes: [
				{
					id: crypto.randomUUID(),
					webhookId: crypto.randomUUID(),
					name: 'Kaizala Trigger',
					type: `${PACKAGE_NAME}.kaizalaTrigger`,
					typeVersion: 1,
					position: [0, 0],
					parameters: { objectType: 'Group', groupId: { __rl: true, mode: 'id', value: 'g-front' }, events: ['TextMessageCreated'] },
					credentials: credentialRef(state.cred),
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		};
		// imported, not published: activated in the first test, once the webhook processor runs
		return { credentials: [state.cred], workflows: [state.trigger] };
	},
	async close() {
		if (state.s) await state.s.close();
	},
	tests(ctx) {
		test('activated on the main: Kaizala validated the callback URL on the webhook processor', async () => {
			const { q } = ctx;
			const { s, trigger } = state;
			await activate(q, trigger.id);
			expect(s.data.webhooks).toHaveLength(1);
			const w = s.data.webhooks[0];
			expect(w.callbackUrl).toBe(q.webhookUrl(`${trigger.nodes[0].webhookId}/webhook`));
			expect(w.callbackToken).toMatch(/^[0-9a-f]{64}$/);
			expect(s.data.validations.map((v) => [v.url, v.ok, v.status])).toEqual([[w.callbackUrl, true, 200]]);
			// the main itself does not answer production webhooks in this layout
			const onMain = await fetch(w.callbackUrl.replace(q.webhook.url, q.main.url), { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
			expect(onMain.status).not.toBe(200);
			await onMain.arrayBuffer();
		});

		test('good callback token: one execution on a worker; bad or missing token: 401 and none; a redelivery: none', async () => {
			const { q } = ctx;
			const { s, trigger } = state;
			const w = s.data.webhooks[0];
			const good = await s.api.deliver(w.id, { eventId: 'q-1', data: { text: 'hello' } });
			const bad = await s.api.deliver(w.id, { eventId: 'q-2', data: { text: 'forged' } }, { token: crypto.randomBytes(32).toString('hex') });
			const missing = await s.api.deliver(w.id, { eventId: 'q-3', data: { text: 'no token' } }, { token: null });
			const again = await s.api.deliver(w.id, { eventId: 'q-1', data: { text: 'hello' } });
			const next = await s.api.deliver(w.id, { eventId: 'q-4', data: { text: 'second' } });
			expect([good, bad, missing, again, next].map((d) => d.status)).toEqual([200, 401, 401, 200, 200]);
			expect(again.body).toBe('Duplicate event ignored');

			const runs = await settledExecutions(q, trigger.id, 2);
			expect(runs.map((e) => [e.mode, e.status, e.items('Kaizala Trigger')[0].eventId]).sort((a, b) => a[2].localeCompare(b[2]))).toEqual([
				['webhook', 'success', 'q-1'],
				['webhook', 'success', 'q-4'],
			]);
			const workerOf = q.workerRuns();
			for (const e of runs) expect({ id: e.id, workers: workerOf.get(e.id)?.length ?? 0 }).toEqual({ id: e.id, workers: 1 });
		});

		test(`${AT_ONCE} events, each delivered twice at the same moment: ${AT_ONCE} executions, each on one worker`, async () => {
			const { q } = ctx;
			const { s, trigger } = state;
			const w = s.data.webhooks[0];
			const before = (await q.main.executions({ workflowId: trigger.id })).length;
			const ids = Array.from({ length: AT_ONCE }, (_, i) => `burst-${i}`);
			const deliveries = await Promise.all(ids.flatMap((id) => [0, 1].map(() => s.api.deliver(w.id, { eventId: id, data: { text: id } }))));
			expect(deliveries.map((d) => d.status)).toEqual(Array(2 * AT_ONCE).fill(200));
			expect(deliveries.filter((d) => d.body === 'Duplicate event ignored')).toHaveLength(AT_ONCE);

			const runs = (await settledExecutions(q, trigger.id, before + AT_ONCE)).slice(before);
			expect(runs).toHaveLength(AT_ONCE);
			// (an execution n8n fails before it starts on a starved machine is counted apart, rounds.js)
			const ok = runs.filter((e) => !starvedByN8n(e));
			expect(ok.map((e) => e.status)).toEqual(Array(ok.length).fill('success'));
			const seen = ok.map((e) => e.items('Kaizala Trigger')[0].eventId);
			expect(new Set(seen).size).toBe(ok.length);
			for (const id of seen) expect(ids).toContain(id);
			if (ok.length < AT_ONCE) process.stderr.write(`[queue] kaizala trigger: ${AT_ONCE - ok.length} execution(s) failed by n8n before any node ran\n`);
			const workerOf = q.workerRuns();
			for (const e of runs) expect({ id: e.id, workers: workerOf.get(e.id)?.length ?? 0 }).toEqual({ id: e.id, workers: 1 });
			const spread = {};
			for (const e of runs) spread[workerOf.get(e.id)[0]] = (spread[workerOf.get(e.id)[0]] ?? 0) + 1;
			process.stderr.write(`[queue] kaizala trigger: ${AT_ONCE} events x 2 deliveries -> ${runs.length} executions, by worker ${JSON.stringify(spread)}\n`);
		});

		test('deactivated on the main: the webhook is deleted at Kaizala, and a delivery starts nothing', async () => {
			const { q } = ctx;
			const { s, trigger } = state;
			const w = s.data.webhooks[0];
			const before = (await q.main.executions({ workflowId: trigger.id })).length;
			await q.main.rest('POST', `/rest/workflows/${trigger.id}/deactivate`, {});
			for (let i = 0; i < 30 && s.data.webhooks.length > 0; i++) await sleep(1000);
			expect(s.data.webhooks).toHaveLength(0);
			// Kaizala would no longer call; a stray call to the old URL is refused by the webhook processor
			const res = await fetch(w.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'kz-callback-token': w.callbackToken }, body: JSON.stringify({ eventId: 'late' }) });
			await res.arrayBuffer();
			expect(res.status).toBe(404);
			await sleep(2000);
			expect(await q.main.executions({ workflowId: trigger.id })).toHaveLength(before);
		});
	},
};
