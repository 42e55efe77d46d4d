'use strict';
/**
 * The two Res:harmonics triggers in a running n8n (`n8n start`), one boot for the file:
 * - the webhook trigger activated and called as Res:harmonics would: good, wrong and missing
 *   X-Auth-Token, and a repeated delivery (one execution per event, createdDate as ISO);
 * - the polling trigger on n8n's one-minute schedule against the stand-in (through a proxy that
 *   changes bookings between the trigger's page reads): nothing old at activation, changes
 *   between and during polls, a restart of n8n in between: every change once, none lost.
 * Two scheduled polls and two activations: about 3-4 minutes.
 */
const crypto = require('node:crypto');
const { createInstance } = require('../support/n8n');
const { startResHarmonicsStandIn } = require('../support/resharmonics-standin');
const { changeProxy, roomStayChange, deliver, changeKey, tally, bookingKeysSince } = require('../support/resharmonics-changes');
const { id16, credentialRef, PACKAGE_NAME } = require('./fixtures/workflows');
const { resHarmonicsApiCredential } = require('../../dev/fixtures/resharmonics');

jest.setTimeout(15 * 60 * 1000);

const POLL_WAIT_MS = 100 * 1000; // the schedule is every minute, at a random second
const POLLER = 'Res:harmonics Trigger';
const RECEIVER = 'Res:harmonics Webhook Trigger';
const SECRET = 'e2e-webhook-secret-5d0c8a1f93b2';

let s;
let p;
let n8n;
let poller;
let receiver;
let activatedFrom;
const versions = new Set();
const delivered = [];
let seenExecutions = 0;

const { sleep, waitFor: waitEvery } = require('../../dev/wait');
const waitFor = (check, timeoutMs, what) => waitEvery(check, timeoutMs, what, { everyMs: 500 });
const note = (booking) => versions.add(`${booking.id}@${booking.lastUpdated}`);

/** Waits until the trigger polls (a list request reaches the proxy) and has read all its pages. */
async function nextPoll(label) {
	const t0 = Date.now();
	const before = p.listRequests;
	await waitFor(() => p.listRequests > before, POLL_WAIT_MS, label);
	for (let count = p.listRequests; ; count = p.listRequests) {
		await sleep(1500);
		if (p.listRequests === count) break;
	}
	process.stderr.write(`[e2e] ${label}: after ${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
}

/** The poller's executions not seen before; each must have succeeded. */
async function newDeliveries() {
	const all = await n8n.executions({ workflowId: poller.id });
	const fresh = all.slice(seenExecutions);
	seenExecutions = all.length;
	for (const e of fresh) expect({ id: e.id, status: e.status, error: e.error }).toEqual({ id: e.id, status: 'success', error: null });
	const keys = fresh.flatMap((e) => e.items(POLLER).map(changeKey));
	delivered.push(...keys);
	return keys;
}

function workflow(name, node, credential) {
	return {
		id: id16('wfrh'),
		name,
		nodes: [{ id: crypto.randomUUID(), position: [0, 0], typeVersion: 1, credentials: credentialRef(credential), ...node }],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

beforeAll(async () => {
	s = await startResHarmonicsStandIn({ maxPageSize: 5, data: { bookings: 30 } });
	p = await changeProxy(s, { requestCap: 2000 });
	for (const b of s.data.bookings) note(b);
	n8n = await createInstance();
	// The API key credential, pointed at the proxy in front of the stand-in.
	const apiKey = resHarmonicsApiCredential({ url: p.url, settings: s.settings });
	const secret = { id: id16('credrhwh'), name: 'Res:harmonics webhook', type: 'resHarmonicsWebhookApi', data: { secret: SECRET } };
	poller = workflow(
		'res:harmonics bookings',
		{
			name: POLLER,
			type: `${PACKAGE_NAME}.resHarmonicsTrigger`,
			parameters: { authentication: 'apiKey', event: 'bookingCreatedOrUpdated', startAt: 'now', pollTimes: { item: [{ mode: 'everyMinute' }] } },
		},
		apiKey,
	);
	receiver = workflow('res:harmonics room stay changes', { name: RECEIVER, type: `${PACKAGE_NAME}.resHarmonicsWebhookTrigger`, webhookId: crypto.randomUUID(), parameters: {} }, secret);
	await n8n.importCredentials([apiKey, secret]);
	await n8n.importWorkflow([poller, receiver]);
	await n8n.publishWorkflow(poller.id);
	await n8n.publishWorkflow(receiver.id);
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (p) await p.close();
	if (s) await s.close();
});

test('activated: the polling trigger emits nothing old; the webhook answers good, wrong, missing secrets and a repeat', async () => {
	await n8n.start();
	await n8n.waitForActivation(poller.id);
	await n8n.waitForActivation(receiver.id);
	activatedFrom = Date.now() - 5000;
	expect(s.apiRequests().every((r) => r.status === 200)).toBe(true);
	expect(await n8n.executions({ workflowId: poller.id })).toEqual([]);

	const url = `${n8n.url}/webhook/${receiver.nodes[0].webhookId}/resharmonics`;
	const booking = s.data.bookings[3];
	const first = roomStayChange(booking, { id: 'evt-1', atMs: Date.parse('2026-11-23T10:15:30Z') });
	const answers = [
		...(await deliver(url, first, { secret: SECRET })),
		...(await deliver(url, first, { secret: `${SECRET}0` })),
		...(await deliver(url, first, { secret: null })),
		...(await deliver(url, first, { secret: SECRET })), // a repeat of evt-1
		...(await deliver(url, roomStayChange(booking, { id: 'evt-2' }), { secret: SECRET })),
	];
	expect(answers.map((a) => a.status)).toEqual([200, 401, 401, 200, 200]);
	const runs = await waitFor(async () => {
		const all = await n8n.executions({ workflowId: receiver.id });
		return all.length >= 2 ? all : null;
	}, 60 * 1000, 'two webhook executions');
	await sleep(2000);
	const settled = await n8n.executions({ workflowId: receiver.id });
	expect(settled).toHaveLength(runs.length);
	expect(settled.map((e) => [e.status, e.items(RECEIVER)[0].id, e.items(RECEIVER)[0].createdDate])).toEqual([
		['success', 'evt-1', '2026-11-23T10:15:30'],
		['success', 'evt-2', expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/)],
	]);
});

test('changes between and during real minute polls, and a restart of n8n: every change once, none lost', async () => {
	// Between polls: 6 updates and 2 new bookings (two pages at the stand-in's 5 rows per page).
	for (let i = 0; i < 6; i++) note(s.updateBooking(s.data.bookings[i * 4].id, { status: 'CONFIRMED' }));
	note(s.createBooking({}));
	note(s.createBooking({}));
	// During the drain: before its second page, a booking it has read changes again and one is created.
	p.beforeList(
		() => {},
		() => {
			note(s.updateBooking(s.data.bookings[0].id, { status: 'CHECKED_IN' }));
			note(s.createBooking({}));
		},
	);
	await nextPoll('first scheduled poll');
	// The changes during the drain did happen between its page reads.
	expect(p.pendingSteps()).toBe(0);
	expect((await newDeliveries()).length).toBeGreaterThanOrEqual(8);

	note(s.updateBooking(s.data.bookings[9].id, { status: 'PENDING' }));
	await n8n.stop();
	note(s.createBooking({}));
	note(s.updateBooking(s.data.bookings[10].id, { status: 'CANCELLED' }));
	await n8n.start();
	// n8n polls once when it activates the workflow again: what changed meanwhile arrives now.
	await waitFor(async () => (await n8n.executions({ workflowId: poller.id })).length > seenExecutions, POLL_WAIT_MS, 'the poll at reactivation');
	await newDeliveries();

	note(s.createBooking({}));
	await nextPoll('scheduled poll after the restart');
	await sleep(2000);
	await newDeliveries();

	const finals = bookingKeysSince(s, activatedFrom);
	process.stderr.write(`[e2e] res:harmonics poller: ${JSON.stringify(tally(finals, delivered))}\n`);
	expect(tally(finals, delivered)).toMatchObject({ expected: 13, lost: 0, duplicated: 0 });
	// Anything else delivered is a real earlier version of a booking (read before it changed again).
	expect(delivered.filter((k) => !versions.has(k))).toEqual([]);
	expect(n8n.logText()).not.toMatch(/problem activating the workflow/);
	const problems = n8n.logText().split('\n').filter((l) => /Res:harmonics|ResHarmonics/.test(l) && /error|fail/i.test(l));
	expect(problems).toEqual([]);
});
