'use strict';
/**
 * rezStream node executions in queue mode: production webhook calls are answered by the webhook
 * processor (the main has production webhooks off), every execution runs on a worker, n8n records
 * which one, and the answers equal a single-process run of the same node (`n8n execute`, which
 * n8n runs in-process even in queue mode) — for both credential kinds.
 */
const { startRezStreamStandIn } = require('../../support/rezstream-standin');
const { manualWorkflow } = require('../../e2e/fixtures/workflows');
const { rezStreamCredential, importable, rezStreamNode, AUTHS } = require('../../e2e/fixtures/rezstream');
const { webhookWorkflow } = require('../../../dev/queue/workflows');

const CALLS = 10; // at once, per credential kind

const state = { s: null, flows: {} };

function listNode(auth, cred) {
	return rezStreamNode('List', auth, cred, {
		resource: 'reservation',
		operation: 'getManyUpdated',
		updatedSince: '2000-01-01T00:00:00Z',
		returnAll: true,
	});
}

async function getJson(url) {
	const res = await fetch(url, { signal: AbortSignal.timeout(5 * 60 * 1000) });
	const text = await res.text();
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		body = text;
	}
	return { status: res.status, body };
}

module.exports = {
	name: 'rezStream nodes on the workers',
	state,
	async prepare() {
		state.s = await startRezStreamStandIn({ data: { reservations: 120 }, maxPageSize: 50, latencyMs: 30 });
		const creds = [];
		const flows = [];
		for (const auth of AUTHS) {
			const cred = rezStreamCredential(state.s, auth);
			const hook = webhookWorkflow({ name: `queue nodes ${auth}`, nodes: [listNode(auth, cred)] });
			const manual = manualWorkflow({ name: `single-process twin ${auth}`, nodes: [listNode(auth, cred)] });
			state.flows[auth] = { hook, manual };
			creds.push(importable(cred));
			flows.push(hook, manual);
		}
		return { credentials: creds, workflows: flows, publish: AUTHS.map((auth) => state.flows[auth].hook.id) };
	},
	async close() {
		if (state.s) await state.s.close();
	},
	tests(ctx) {
		for (const auth of AUTHS) {
			test(`${auth}: ${CALLS} webhook calls at once are answered by the webhook processor, run on the workers, and equal the single-process run`, async () => {
				const { q } = ctx;
				const { hook, manual } = state.flows[auth];
				await q.main.waitForActivation(hook.id);
				const single = await q.main.execute(manual.id);
				expect(single.error).toBeNull();
				const expected = single.items('List');
				expect(expected).toHaveLength(120);

				// the main does not run production webhooks in this layout (it answers the editor's page);
				// the webhook processor does (and below: exactly CALLS executions, none from this call)
				expect(Array.isArray((await getJson(`${q.main.url}/webhook/${hook.path}`)).body)).toBe(false);
				const answers = await Promise.all(Array.from({ length: CALLS }, () => getJson(q.webhookUrl(hook.path))));
				for (const a of answers) expect(a.status).toBe(200);
				// What the workers computed (stored with each execution) equals the single-process run.
				// (The answers are compared too, but n8n 2.41's webhook processor once answered one call
				// "Workflow executed successfully but the last node did not return any data" while its
				// insights module failed: an n8n glitch, counted and reported, see cases/logs.js.)
				const lostAnswers = answers.filter((a) => !Array.isArray(a.body));
				if (lostAnswers.length) process.stderr.write(`[queue] nodes ${auth}: ${lostAnswers.length} webhook answer(s) without the data: ${JSON.stringify(lostAnswers[0].body)}\n`);
				for (const a of answers.filter((x) => Array.isArray(x.body))) expect(a.body).toEqual(expected);
				expect(lostAnswers.filter((a) => a.body?.message !== 'Workflow executed successfully but the last node did not return any data')).toEqual([]);

				const executions = await q.main.executions({ workflowId: hook.id });
				expect(executions.map((e) => [e.mode, e.status])).toEqual(Array(CALLS).fill(['webhook', 'success']));
				for (const e of executions) expect(e.items('List')).toEqual(expected);
				const runs = q.workerRuns();
				const finished = q.finishedBy();
				for (const e of executions) {
					// exactly one worker started it, and the workerId n8n reported back names a worker
					expect({ id: e.id, workers: runs.get(e.id)?.length ?? 0 }).toEqual({ id: e.id, workers: 1 });
					expect(finished.get(e.id)).toMatch(/^worker-/);
				}
			});
		}
	},
};
