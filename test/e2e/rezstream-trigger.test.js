'use strict';
/**
 * The rezStream Trigger activated in a running n8n (`n8n start`), polling on n8n's one-minute
 * schedule against the stand-in. Reservations created and updated between polls arrive exactly
 * once, nothing old is emitted at activation, and a restart of n8n between polls loses and
 * repeats nothing. Two polls on n8n's schedule and two at activation: about 2-3 minutes.
 */
const { createInstance } = require('../support/n8n');
const { startRezStreamStandIn } = require('../support/rezstream-standin');
const { triggerWorkflow } = require('./fixtures/workflows');
const { rezStreamCredential, importable, rezStreamTriggerNode, key } = require('./fixtures/rezstream');

jest.setTimeout(15 * 60 * 1000);

const POLL_WAIT_MS = 100 * 1000; // the schedule is every minute, at a random second
const TRIGGER = 'rezStream Trigger';

let s;
let n8n;
let tenant;
let workflow;
const delivered = []; // keys of every item emitted so far, in execution order
let seenExecutions = 0;

const { sleep, waitFor: waitEvery } = require('../../dev/wait');
const waitFor = (check, timeoutMs, what) => waitEvery(check, timeoutMs, what, { everyMs: 500 });

const pollRequests = () => s.requests.filter((r) => r.path === '/reservations/updated');

/** Waits until no request to the trigger's endpoint came for 1.5 s (a poll has read all its pages). */
async function settle() {
	let count = pollRequests().length;
	for (;;) {
		await sleep(1500);
		const now = pollRequests().length;
		if (now === count) return;
		count = now;
	}
}

/** Waits until the trigger polls (it asks /reservations/updated) and has finished its pages. */
async function nextPoll(label) {
	const t0 = Date.now();
	const before = pollRequests().length;
	await waitFor(() => pollRequests().length > before, POLL_WAIT_MS, label);
	await settle();
	process.stderr.write(`[e2e] ${label}: after ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
}

/** Executions not seen before (waiting until there are at least `atLeast` new ones). */
async function newExecutions(atLeast, timeoutMs = 60 * 1000) {
	const list = await waitFor(
		async () => {
			const all = await n8n.executions({ workflowId: workflow.id });
			return all.length >= seenExecutions + atLeast ? all : null;
		},
		timeoutMs,
		`${atLeast} new execution(s)`,
	);
	const fresh = list.slice(seenExecutions);
	seenExecutions = list.length;
	for (const e of fresh) {
		expect({ id: e.id, status: e.status, error: e.error }).toEqual({ id: e.id, status: 'success', error: null });
		delivered.push(...e.items(TRIGGER).map(key));
	}
	return fresh.flatMap((e) => e.items(TRIGGER).map(key));
}

beforeAll(async () => {
	s = await startRezStreamStandIn({ data: { reservations: 40 }, maxPageSize: 100 });
	tenant = s.tenants[0].id;
	n8n = await createInstance();
	const cred = rezStreamCredential(s, 'accessToken');
	workflow = triggerWorkflow({ node: rezStreamTriggerNode('accessToken', cred) });
	await n8n.importCredentials([importable(cred)]);
	await n8n.importWorkflow(workflow);
	await n8n.publishWorkflow(workflow.id);
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (s) await s.close();
});

test('activated in n8n: the activation poll emits nothing old', async () => {
	await n8n.start();
	// n8n 2.41 activates published workflows after it is ready; activation includes a first poll
	await n8n.waitForActivation(workflow.id);
	expect(pollRequests().every((r) => r.status === 200)).toBe(true);
	expect(await n8n.executions({ workflowId: workflow.id })).toEqual([]);
});

test('reservations created and updated after activation arrive once, at the next scheduled poll, and nothing old', async () => {
	const old = s.listReservations(tenant)[5];
	const created = s.createReservation(tenant);
	const updated = s.updateReservation(old.id, { status: 'Cancelled' });
	await nextPoll('first scheduled poll');
	expect(await newExecutions(1)).toEqual([key(created), key(updated)]);
});

test('a restart of n8n between polls loses and repeats nothing', async () => {
	const [latest] = s.listReservations(tenant).slice(-1);
	const beforeStop = [s.createReservation(tenant), s.updateReservation(latest.id)];
	await n8n.stop();
	const whileDown = [s.createReservation(tenant)];
	await n8n.start();
	// n8n polls once when it activates the workflow again: what changed meanwhile arrives now
	expect(await newExecutions(1, POLL_WAIT_MS)).toEqual([...beforeStop, ...whileDown].map(key));

	const afterStart = s.createReservation(tenant);
	await nextPoll('scheduled poll after the restart');
	expect(await newExecutions(1)).toEqual([key(afterStart)]);

	// Over the whole run: every change exactly once, and n8n never failed to run the trigger.
	expect(new Set(delivered).size).toBe(delivered.length);
	expect(n8n.logText()).not.toMatch(/problem activating the workflow/);
	const problems = n8n.logText().split('\n').filter((l) => /rezStream Trigger|RezStreamTrigger/.test(l) && /error|fail/i.test(l));
	expect(problems).toEqual([]);
});
