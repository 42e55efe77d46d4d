'use strict';
/**
 * The Res:harmonics Webhook Trigger in queue mode: activated on the main (Res:harmonics has no
 * API to register webhooks, so activation registers nothing there), every delivery answered by
 * the webhook processor (WEBHOOK_URL names it; the main answers no production webhook), where the
 * trigger's `webhook()` runs the X-Auth-Token check and the duplicate window; the executions run
 * on the workers.
 *
 * The duplicate window lives in the memory of the webhook processor (as for Kaizala, README).
 */
const crypto = require('node:crypto');
const { startResHarmonicsStandIn } = require('../../support/resharmonics-standin');
const { roomStayChange, deliver } = require('../../support/resharmonics-changes');
const { id16, credentialRef, PACKAGE_NAME } = require('../../e2e/fixtures/workflows');
const { activate } = require('../../../dev/queue/workflows');
const { starvedByN8n } = require('../rounds');

const RECEIVER = 'Res:harmonics Webhook Trigger';
const SECRET = 'queue-webhook-secret-7c3e91b04d2a';
const AT_ONCE = 6; // distinct events, each delivered twice at the same moment
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const state = { s: null, receiver: null };

/** Executions of the workflow, polled until `count` are there and 2 s pass without more. */
async function settledExecutions(q, workflowId, count) {
	let list = [];
	for (let i = 0; i < 120 && list.length < count; i++) {
		list = await q.main.executions({ workflowId });
		if (list.length < count) await sleep(1000);
	}
	await sleep(2000);
	return await q.main.executions({ workflowId });
}

const url = (q) => q.webhookUrl(`${state.receiver.nodes[0].webhookId}/resharmonics`);
const eventOf = (e) => e.items(RECEIVER)[0]?.id;

module.exports = {
	name: 'Res:harmonics Webhook Trigger through the webhook processor',
	async prepare() {
		// only the booking data for the deliveries' bodies: the webhook trigger calls no API
		state.s = await startResHarmonicsStandIn({ data: { bookings: 10 } });
		const secret = { id: id16('credrhwq'), name: 'Res:harmonics webhook (queue)', type: 'resHarmonicsWebhookApi', data: { secret: SECRET } };
		state.receiver = {
			id: id16('wfrhwq'),
			name: 'queue res:harmonics room stay changes',
			nodes: [
				{
					id: crypto.randomUUID(),
					webhookId: crypto.randomUUID(),
					name: RECEIVER,
					type: `${PACKAGE_NAME}.resHarmonicsWebhookTrigger`,
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
					credentials: credentialRef(secret),
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
		};
		return { credentials: [secret], workflows: [state.receiver] };
	},
	async close() {
		if (state.s) await state.s.close();
	},
	tests(ctx) {
		test('good secret: one execution on a worker; wrong or missing secret: 401 and none; a repeated delivery: none; the main answers nothing', async () => {
			const { q } = ctx;
			const { s, receiver } = state;
			await activate(q, receiver.id);
			const booking = s.data.bookings[2];
			const first = roomStayChange(booking, { id: 'q-evt-1', atMs: Date.parse('2026-11-23T10:15:30Z') });
			const answers = [
				...(await deliver(url(q), first, { secret: SECRET })),
				...(await deliver(url(q), roomStayChange(booking, { id: 'q-evt-2' }), { secret: `${SECRET}0` })),
				...(await deliver(url(q), roomStayChange(booking, { id: 'q-evt-3' }), { secret: null })),
				...(await deliver(url(q), first, { secret: SECRET })), // a repeat of q-evt-1
				...(await deliver(url(q), roomStayChange(booking, { id: 'q-evt-4' }), { secret: SECRET })),
			];
			expect(answers.map((a) => a.status)).toEqual([200, 401, 401, 200, 200]);
			// the main does not answer production webhooks in this layout
			const onMain = await deliver(url(q).replace(q.webhook.url, q.main.url), roomStayChange(booking, { id: 'q-evt-main' }), { secret: SECRET });
			expect(onMain[0].status).not.toBe(200);

			const runs = await settledExecutions(q, receiver.id, 2);
			expect(runs.map((e) => [e.mode, e.status, eventOf(e)]).sort((a, b) => a[2].localeCompare(b[2]))).toEqual([
				['webhook', 'success', 'q-evt-1'],
				['webhook', 'success', 'q-evt-4'],
			]);
			expect(runs.find((e) => eventOf(e) === 'q-evt-1').items(RECEIVER)[0].createdDate).toBe('2026-11-23T10:15:30');
			const workerOf = q.workerRuns();
			for (const e of runs) expect({ id: e.id, workers: workerOf.get(e.id)?.length ?? 0 }).toEqual({ id: e.id, workers: 1 });
		});

		test(`${AT_ONCE} events, each delivered twice at the same moment: ${AT_ONCE} executions, each on one worker`, async () => {
			const { q } = ctx;
			const { s, receiver } = state;
			const before = (await q.main.executions({ workflowId: receiver.id })).length;
			const ids = Array.from({ length: AT_ONCE }, (_, i) => `q-burst-${i}`);
			const bodies = ids.map((id, i) => roomStayChange(s.data.bookings[i], { id }));
			const deliveries = (await Promise.all(bodies.flatMap((b) => [0, 1].map(() => deliver(url(q), b, { secret: SECRET }))))).flat();
			expect(deliveries.map((d) => d.status)).toEqual(Array(2 * AT_ONCE).fill(200));

			const runs = (await settledExecutions(q, receiver.id, before + AT_ONCE)).slice(before);
			expect(runs).toHaveLength(AT_ONCE);
			// (an execution n8n fails before it starts on a starved machine is counted apart, rounds.js)
			const ok = runs.filter((e) => !starvedByN8n(e));
			expect(ok.map((e) => e.status)).toEqual(Array(ok.length).fill('success'));
			const seen = ok.map(eventOf);
			expect(new Set(seen).size).toBe(ok.length);
			for (const id of seen) expect(ids).toContain(id);
			const workerOf = q.workerRuns();
			for (const e of runs) expect({ id: e.id, workers: workerOf.get(e.id)?.length ?? 0 }).toEqual({ id: e.id, workers: 1 });
			const spread = {};
			for (const e of runs) spread[workerOf.get(e.id)[0]] = (spread[workerOf.get(e.id)[0]] ?? 0) + 1;
			process.stderr.write(`[queue] res:harmonics webhook: ${AT_ONCE} events x 2 deliveries -> ${runs.length} executions, by worker ${JSON.stringify(spread)}\n`);
		});
	},
};
