'use strict';
/**
 * The Res:harmonics Trigger (bookings created or updated, API key credential) in queue mode: it
 * polls on the main (n8n's one-minute schedule), its executions run on the workers, and every
 * change reaches n8n exactly once — with changes made while a poll reads its pages (new bookings,
 * bookings stamped with the very instant the trigger has already read, and a late commit: a
 * booking that appears with a time older than changes already handed out), a restart of the
 * main, and a worker killed in the middle of an execution in between. The stand-in is reached
 * through the change proxy (test/support/resharmonics-changes.js), which makes the changes
 * between two page reads; pages hold 3 rows, so a drain reads several.
 *
 * The killed worker's execution: as in cases/rezstream-trigger.js, n8n 2.41.1 fails it with
 * empty run data and does not run it again, while the trigger's cursor (saved by n8n with the
 * execution it created) is past its changes: n8n core loses them; they are counted apart, and
 * the trigger must not repeat them. Everything else: exactly once.
 */
const { startResHarmonicsStandIn } = require('../../support/resharmonics-standin');
const { changeProxy, tied, lateCommit, newestStamp } = require('../../support/resharmonics-changes');
const { resHarmonicsApiCredential } = require('../../../dev/fixtures/resharmonics');
const { PACKAGE_NAME } = require('../../e2e/fixtures/workflows');
const { triggerThenWait } = require('../../../dev/queue/workflows');

const TRIGGER = 'Res:harmonics Trigger';
const POLL_WAIT_MS = 130 * 1000; // every minute at a random second, on a loaded machine
const { sleep, waitFor } = require('../../../dev/wait');

const state = { s: null, p: null, workflow: null, made: [], killedChanges: [] };

/** A booking change's identity: bookingId@lastUpdated (as the trigger's items carry them). */
const key = (b) => `${b.bookingId ?? b.id}@${b.lastUpdated}`;

/** Records changed bookings (each must arrive once); answers their keys. */
function make(...bookings) {
	const keys = bookings.flat().map(key);
	state.made.push(...keys);
	return keys;
}

/** Items the trigger put into an execution: its run data, or (not yet run) the stack n8n stored. */
function triggerItems(run) {
	const fromRun = run?.data?.resultData?.runData?.[TRIGGER]?.[0]?.data?.main?.[0];
	if (fromRun) return fromRun.map((i) => i.json);
	const stacked = run?.data?.executionData?.nodeExecutionStack?.find((e) => e.node?.name === TRIGGER);
	return (stacked?.data?.main?.[0] ?? []).map((i) => i.json);
}

/** Every ended execution of the workflow (any status), oldest first, with its items' keys. */
async function ended(q) {
	const list = await q.main.executions({ workflowId: state.workflow.id });
	return list.map((e) => ({ id: e.id, status: e.status, mode: e.mode, keys: triggerItems(e.run).map(key) }));
}

/** Waits until every change made so far is in a successful execution (or lost with the killed one). */
async function allDelivered(q, timeoutMs, what) {
	return await waitFor(
		async () => {
			const list = await ended(q);
			const ok = new Set(list.filter((e) => e.status === 'success').flatMap((e) => e.keys));
			const lostByN8n = new Set(state.killedChanges);
			return state.made.every((k) => ok.has(k) || lostByN8n.has(k)) ? list : null;
		},
		timeoutMs,
		what,
	);
}

module.exports = {
	name: 'Res:harmonics Trigger: polls on the main, runs on the workers, exactly once',
	async prepare() {
		state.s = await startResHarmonicsStandIn({ maxPageSize: 3, data: { bookings: 20 } });
		state.p = await changeProxy(state.s, { requestCap: 5000 });
		const cred = resHarmonicsApiCredential({ url: state.p.url, settings: state.s.settings }, { name: 'Res:harmonics API key (queue trigger)' });
		state.workflow = triggerThenWait({
			trigger: {
				name: TRIGGER,
				type: `${PACKAGE_NAME}.resHarmonicsTrigger`,
				credential: cred,
				parameters: { authentication: 'apiKey', event: 'bookingCreatedOrUpdated', startAt: 'now', pollTimes: { item: [{ mode: 'everyMinute' }] } },
			},
			waitSeconds: 8,
		});
		return { credentials: [cred], workflows: [state.workflow], publish: [state.workflow.id] };
	},
	async close() {
		if (state.p) await state.p.close();
		if (state.s) await state.s.close();
	},
	tests(ctx) {
		const booking = (i) => state.s.data.bookings[i].id;

		test('changes before and during a poll (ties on the instant read, a late commit) arrive, in executions run by the workers', async () => {
			const { q } = ctx;
			const { s, p } = state;
			await q.main.waitForActivation(state.workflow.id);
			make(s.updateBooking(booking(3), { status: 'CONFIRMED' }), s.updateBooking(booking(5), { status: 'CANCELLED' }), s.createBooking({}));
			make(tied(s, 3, new Date().toISOString()));
			// while the next poll reads: before its second page, bookings stamped with the newest
			// instant already handed out, a late commit, and (QUEUE_REPS) new bookings
			p.beforeList(
				() => {},
				() => {
					make(tied(s, 2, new Date(newestStamp(s)).toISOString()));
					make(lateCommit(s, 60_000));
					for (let i = 0; i < ctx.reps; i++) make(s.createBooking({}));
				},
			);
			await allDelivered(q, POLL_WAIT_MS * 2, 'the first changes');
			expect(p.pendingSteps()).toBe(0);
			const list = await ended(q);
			const runs = q.workerRuns();
			for (const e of list) {
				expect(e.mode).toBe('trigger');
				expect({ id: e.id, workers: runs.get(e.id)?.length ?? 0 }).toEqual({ id: e.id, workers: 1 });
			}
		});

		test('a restart of the main between polls: changes from before the stop and while it was down arrive', async () => {
			const { q } = ctx;
			const { s } = state;
			make(s.createBooking({}));
			await q.main.stop();
			make(s.createBooking({}), s.updateBooking(booking(7), { status: 'PENDING' }));
			make(lateCommit(s, 30_000));
			await q.main.start({ timeoutMs: 300 * 1000 });
			await allDelivered(q, POLL_WAIT_MS * 2, 'the changes around the restart');
		});

		test('a worker killed in the middle of an execution: n8n fails it and keeps none of its items (n8n core, reproduced); later changes arrive, nothing is repeated', async () => {
			const { q } = ctx;
			const { s } = state;
			const seen = new Set((await ended(q)).map((e) => e.id));
			const startedBefore = new Set(q.workerRuns().keys());
			state.killedChanges = make(s.createBooking({}), s.updateBooking(booking(9), { status: 'CHECKED_IN' }));
			const [execId, victim] = await waitFor(
				() => {
					for (const [id, names] of q.workerRuns()) if (!startedBefore.has(id) && !seen.has(id)) return [id, names[0]];
					return null;
				},
				POLL_WAIT_MS,
				'a worker to start the next trigger execution',
			);
			const index = q.workers.findIndex((w) => w.name === victim);
			await sleep(2000); // inside the 8 s Wait
			await q.killWorker(index);
			state.killedExecution = execId;
			process.stderr.write(`[queue] res:harmonics: killed ${victim} during execution ${execId}\n`);
			// a change right after the kill: the next poll's execution runs on the other worker
			make(s.createBooking({}));
			const failed = await waitFor(async () => (await ended(q)).find((e) => e.id === execId && e.status === 'error'), 5 * 60 * 1000, `execution ${execId} to be saved as failed`);
			expect(failed.keys).toEqual([]);
			await q.workers[index].start({ timeoutMs: 300 * 1000 });

			const list = await allDelivered(q, POLL_WAIT_MS * 2, 'the change after the kill');
			const delivered = list.filter((e) => e.status === 'success').flatMap((e) => e.keys);
			const counts = new Map();
			for (const k of delivered) counts.set(k, (counts.get(k) ?? 0) + 1);
			const killed = new Set(state.killedChanges);
			const lostWithKilledWorker = state.made.filter((k) => killed.has(k) && !counts.has(k));
			const lost = state.made.filter((k) => !killed.has(k) && !counts.has(k));
			const duplicated = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
			const unexpected = delivered.filter((k) => !state.made.includes(k));
			process.stderr.write(
				`[queue] res:harmonics trigger: ${state.made.length} changes, ${list.length} executions (${list.filter((e) => e.status !== 'success').map((e) => `${e.id} ${e.status}`).join(', ') || 'all successful'}), list requests ${state.p.listRequests}; ` +
					`lost with the killed worker's execution (n8n core): ${lostWithKilledWorker.length}, lost otherwise: ${lost.length}, duplicated: ${duplicated.length}\n`,
			);
			expect({ lost, duplicated, unexpected }).toEqual({ lost: [], duplicated: [], unexpected: [] });
			expect(list.filter((e) => e.status !== 'success').map((e) => e.id)).toEqual([execId]);
		});
	},
};
