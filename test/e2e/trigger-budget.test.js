'use strict';
/**
 * Issue 12 items 1-2 and issue 17 item 7 inside a real n8n 2.41.1 on its durable scheduler,
 * where a poll has a budget (N8N_SCHEDULER_POLL_TIMEOUT=10 gives getPollBudgetMs() = 5 s):
 * - a server that drips its answer is cut by the poll's deadline (n8n's own HTTP stack ignores
 *   a per-attempt `timeout` once bytes flow), the poll ends cleanly and the next one delivers;
 * - a reservation whose detail answers 404 forever is emitted with `detailError` after 3 polls,
 *   and the stream goes on.
 * Polls follow n8n's one-minute schedule: about 6-8 minutes.
 */
const { createInstance, N8N_MAJOR } = require('../support/n8n');

// n8n 1.x has neither a poll budget (getPollBudgetMs) nor the durable scheduler, and it records
// every poll that throws as a failed execution: what this file proves exists on 2.x only. The
// same behaviours are covered on both lines by the unit fault suite (test/rezstream/fault-*.test.js).
const onV2 = N8N_MAJOR >= 2;
const testV2 = onV2 ? test : test.skip;
const { standIn } = require('../support/fault-scenarios');
const { triggerWorkflow } = require('./fixtures/workflows');
const { rezStreamCredential, importable, rezStreamTriggerNode, key } = require('./fixtures/rezstream');

jest.setTimeout(20 * 60 * 1000);

const TRIGGER = 'rezStream Trigger';
const POLL_WAIT_MS = 130 * 1000;
const { sleep, waitFor } = require('../../dev/wait');

let s;
let n8n;
let tenant;
let workflow;
let seenExecutions = 0;
const drips = []; // { ms until n8n closed the dripping answer }

const pollRequests = () => s.requests.filter((r) => r.path === '/reservations/updated');

/** Waits for the next poll (a request to /reservations/updated) and until it has gone quiet. */
async function nextPoll(label) {
	const before = pollRequests().length;
	await waitFor(() => pollRequests().length > before, POLL_WAIT_MS, label);
	let count = pollRequests().length;
	for (;;) {
		await sleep(8000);
		if (pollRequests().length === count) break;
		count = pollRequests().length;
	}
	process.stderr.write(`[e2e] ${label}: done\n`);
}

async function freshExecutions() {
	const all = await n8n.executions({ workflowId: workflow.id });
	const fresh = all.slice(seenExecutions);
	seenExecutions = all.length;
	return fresh;
}

beforeAll(async () => {
	if (!onV2) return;
	s = await standIn({ data: { reservations: 40 } });
	tenant = s.tenants[0].id;
	n8n = await createInstance({
		// The durable scheduler with durable cursors: a poll that emits nothing still commits its
		// cursor (and with it the tries of a failing detail). Without durable cursors, n8n 2.41.1
		// on its scheduler drops what such a poll wrote.
		env: {
			N8N_SCHEDULER_ENABLED: 'true',
			N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
			N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
			N8N_SCHEDULER_POLL_TIMEOUT: '10',
		},
	});
	const cred = rezStreamCredential(s, 'accessToken');
	workflow = triggerWorkflow({ node: rezStreamTriggerNode('accessToken', cred, { options: { fetchFullReservation: true } }) });
	await n8n.importCredentials([importable(cred)]);
	await n8n.importWorkflow(workflow);
	await n8n.publishWorkflow(workflow.id);
	await n8n.start();
	await n8n.waitForActivation(workflow.id);
});

afterAll(async () => {
	if (!onV2) return;
	if (n8n) await n8n.cleanup();
	if (s) await s.close();
});

testV2('a dripping answer is cut at the poll deadline; the poll ends cleanly and the next one delivers', async () => {
	// On the durable scheduler, what the activation poll writes without emitting is not kept:
	// the trigger starts at the first scheduled poll.
	await nextPoll('first scheduled poll');
	const made = [s.createReservation(tenant), s.createReservation(tenant)];
	s.fault = (info) => {
		if (info.path !== '/reservations/updated') return false;
		const started = Date.now();
		info.res.setHeader('Content-Type', 'application/json');
		info.res.setHeader('Content-Length', '200');
		info.res.on('close', () => drips.push(Date.now() - started));
		let i = 0;
		const tick = setInterval(() => {
			if (info.res.destroyed || i++ >= 150) return clearInterval(tick), info.res.destroy();
			info.res.write(' ');
		}, 400);
		tick.unref();
		return true;
	};
	await nextPoll('poll against a dripping server');
	s.fault = null;
	// n8n closed the answer long before the drip would have ended (60 s), near the 4 s deadline.
	expect(drips.length).toBeGreaterThan(0);
	for (const ms of drips) expect(ms).toBeLessThan(30_000);
	process.stderr.write(`[e2e] dripping answers closed after ${drips.map((d) => (d / 1000).toFixed(1)).join(', ')} s\n`);
	expect(await freshExecutions()).toEqual([]);
	await nextPoll('poll after the drip stopped');
	const [execution] = await waitFor(async () => {
		const fresh = await freshExecutions();
		return fresh.length ? fresh : null;
	}, 60_000, 'an execution');
	expect(execution.status).toBe('success');
	expect(execution.items(TRIGGER).map(key)).toEqual(made.map((r) => `${r.id}@${r.version}`));
});

testV2('a detail that answers 404 forever is emitted with detailError after 3 polls; the stream goes on', async () => {
	const [a, poison, c] = [s.createReservation(tenant), s.createReservation(tenant), s.createReservation(tenant)];
	s.fault = (info) => {
		if (info.path !== `/reservations/${poison.id}`) return false;
		info.res.statusCode = 404;
		info.res.setHeader('Content-Type', 'application/problem+json');
		info.res.end(JSON.stringify({ status: 404, title: 'Not Found', detail: 'Reservation was merged.' }));
		return true;
	};
	const delivered = [];
	for (let poll = 1; poll <= 4 && delivered.length < 3; poll++) {
		await nextPoll(`poison poll ${poll}`);
		await sleep(5000);
		for (const e of await freshExecutions()) {
			expect(e.status).toBe('success');
			delivered.push(...e.items(TRIGGER));
		}
	}
	s.fault = null;
	expect(delivered.map((r) => r.id)).toEqual([a.id, poison.id, c.id]);
	expect(delivered[1].detailError).toMatchObject({ httpCode: '404' });
	expect(Array.isArray(delivered[0].people)).toBe(true);
	expect(Array.isArray(delivered[2].people)).toBe(true);
	expect(s.requests.filter((r) => r.path === `/reservations/${poison.id}`).length).toBeGreaterThanOrEqual(3);
});
