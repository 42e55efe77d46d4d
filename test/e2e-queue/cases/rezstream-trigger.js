'use strict';
/**
 * The rezStream Trigger in queue mode: it polls on the main (n8n's one-minute schedule), its
 * executions run on the workers, and every change reaches n8n exactly once — with changes made
 * while a poll is reading, a restart of the main, and a worker killed in the middle of an
 * execution in between. The workflow is Trigger -> Wait (8 s, in the worker) so that an execution
 * lasts long enough to kill its worker.
 *
 * What n8n 2.41.1 does with the killed worker's execution (seen here, and read in its scaling
 * code): the job is not run again (Bull maxStalledCount 0); once its lock expires, the stalled
 * check fails it ("job stalled more than maxStalledCount") and the main saves the execution as
 * `error` ("This execution failed to be processed too many times and will no longer retry ...")
 * with EMPTY run data: the items the trigger had emitted into it are gone from n8n, while the
 * trigger's cursor — committed by n8n when it created the execution — is past them. n8n core
 * loses them; the package cannot see it happen (the poll had returned) and must not re-emit
 * (that would duplicate everywhere else). The suite reproduces it and counts those changes
 * separately; the README says how to recover them. Everything else: exactly once.
 */
const { startRezStreamStandIn } = require('../../support/rezstream-standin');
const { rezStreamCredential, importable, rezStreamTriggerNode, key } = require('../../e2e/fixtures/rezstream');
const { triggerThenWait } = require('../../../dev/queue/workflows');

const TRIGGER = 'rezStream Trigger';
const POLL_WAIT_MS = 130 * 1000; // every minute at a random second, on a loaded machine
const { sleep, waitFor } = require('../../../dev/wait');

const state = { s: null, workflow: null, made: [] };

/** Items the trigger put into an execution: its run data, or (not yet run) the stack n8n stored. */
function triggerItems(run) {
	const fromRun = run?.data?.resultData?.runData?.[TRIGGER]?.[0]?.data?.main?.[0];
	if (fromRun) return fromRun.map((i) => i.json);
	const stacked = run?.data?.executionData?.nodeExecutionStack?.find((e) => e.node?.name === TRIGGER);
	return (stacked?.data?.main?.[0] ?? []).map((i) => i.json);
}

function make(change) {
	state.made.push(key(change));
	return change;
}

const polls = () => state.s.requests.filter((r) => r.path === '/reservations/updated').length;

/** Every execution of the workflow that has ended (any status), oldest first, with its items. */
async function ended(q) {
	const list = await q.main.executions({ workflowId: state.workflow.id });
	return list.map((e) => ({ id: e.id, status: e.status, mode: e.mode, keys: triggerItems(e.run).map(key) }));
}

/** Waits until every change made so far is in a successful execution (bounded). */
async function allDelivered(q, timeoutMs, what) {
	return await waitFor(
		async () => {
			const list = await ended(q);
			const ok = new Set(list.filter((e) => e.status === 'success').flatMap((e) => e.keys));
			const lostByN8n = new Set(state.killedChanges ?? []); // see the header
			return state.made.every((k) => ok.has(k) || lostByN8n.has(k)) ? list : null;
		},
		timeoutMs,
		what,
	);
}

module.exports = {
	name: 'rezStream Trigger: polls on the main, runs on the workers, exactly once',
	async prepare() {
		state.s = await startRezStreamStandIn({ data: { reservations: 40 }, maxPageSize: 100 });
		const cred = rezStreamCredential(state.s, 'accessToken');
		state.workflow = triggerThenWait({ trigger: rezStreamTriggerNode('accessToken', cred), waitSeconds: 8 });
		return { credentials: [importable(cred)], workflows: [state.workflow], publish: [state.workflow.id] };
	},
	async close() {
		if (state.s) {
			state.s.hooks.beforeApiRequest = null;
			await state.s.close();
		}
	},
	tests(ctx) {
		const tenant = () => state.s.tenants[0].id;

		test('changes made before and during polls arrive, in executions run by the workers', async () => {
			const { q } = ctx;
			const { s } = state;
			await q.main.waitForActivation(state.workflow.id);
			const old = s.listReservations(tenant())[3];
			make(s.createReservation(tenant()));
			make(s.updateReservation(old.id, { status: 'Cancelled' }));
			// a change made while a poll is reading its pages
			let during = 0;
			s.hooks.beforeApiRequest = ({ path }) => {
				if (path === '/reservations/updated' && during < ctx.reps) {
					during++;
					make(s.createReservation(tenant()));
				}
			};
			await allDelivered(q, POLL_WAIT_MS * 2, 'the first changes');
			const list = await ended(q);
			const runs = q.workerRuns();
			for (const e of list) {
				expect(e.mode).toBe('trigger');
				expect({ id: e.id, workers: runs.get(e.id)?.length ?? 0 }).toEqual({ id: e.id, workers: 1 });
			}
			expect(q.lines(q.main).some((l) => /^Worker started execution/.test(l.message ?? ''))).toBe(false);
		});

		test('a restart of the main between polls: changes from before the stop and while it was down arrive', async () => {
			const { q } = ctx;
			const { s } = state;
			make(s.createReservation(tenant()));
			await q.main.stop();
			make(s.createReservation(tenant()));
			make(s.updateReservation(s.listReservations(tenant())[7].id));
			await q.main.start({ timeoutMs: 300 * 1000 });
			await allDelivered(q, POLL_WAIT_MS * 2, 'the changes around the restart');
		});

		test('a worker killed in the middle of an execution: n8n fails that execution and keeps none of its items (n8n core, reproduced); nothing is repeated', async () => {
			const { q } = ctx;
			const { s } = state;
			s.hooks.beforeApiRequest = null;
			const seen = new Set((await ended(q)).map((e) => e.id));
			const startedBefore = new Set(q.workerRuns().keys());
			state.killedChanges = [make(s.createReservation(tenant())), make(s.updateReservation(s.listReservations(tenant())[9].id))].map(key);
			// the next poll's execution: find the worker that started it, kill it during the Wait
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
			process.stderr.write(`[queue] killed ${victim} during execution ${execId}\n`);

			// Bull's stalled check fails the job (maxStalledCount 0: never run again); the main
			// saves the execution as failed, with empty run data
			const failed = await waitFor(
				// (the main's queue recovery may mark it `crashed` first; the failed job then makes it `error`)
				async () => (await ended(q)).find((e) => e.id === execId && e.status === 'error'),
				5 * 60 * 1000,
				`execution ${execId} to be saved as failed`,
			);
			const full = (await q.main.executions({ workflowId: state.workflow.id })).find((e) => e.id === execId);
			process.stderr.write(`[queue] execution ${execId} ended ${failed.status}: ${full.error?.message ?? ''}\n`);
			expect(failed.status).toBe('error');
			expect(full.error?.message).toMatch(/failed to be processed too many times/);
			// what the trigger had emitted into it is gone from n8n (its cursor is past them)
			expect(failed.keys).toEqual([]);
			await q.workers[index].start({ timeoutMs: 300 * 1000 });
		});

		test('changes after all that arrive too; over the whole run: 0 duplicated, 0 lost besides the killed execution\'s', async () => {
			const { q } = ctx;
			const { s } = state;
			make(s.createReservation(tenant()));
			const list = await allDelivered(q, POLL_WAIT_MS * 2, 'the last change');
			const delivered = list.filter((e) => e.status === 'success').flatMap((e) => e.keys);
			const counts = new Map();
			for (const k of delivered) counts.set(k, (counts.get(k) ?? 0) + 1);
			const killed = new Set(state.killedChanges ?? []);
			const lostWithKilledWorker = state.made.filter((k) => killed.has(k) && !counts.has(k));
			const lost = state.made.filter((k) => !killed.has(k) && !counts.has(k));
			const duplicated = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
			const unexpected = delivered.filter((k) => !state.made.includes(k));
			process.stderr.write(
				`[queue] trigger: ${state.made.length} changes, ${list.length} executions (${list.filter((e) => e.status !== 'success').map((e) => `${e.id} ${e.status}`).join(', ') || 'all successful'}), polls ${polls()}; ` +
					`lost with the killed worker's execution (n8n core): ${lostWithKilledWorker.length}, lost otherwise: ${lost.length}, duplicated: ${duplicated.length}\n`,
			);
			// The package: every change outside the killed execution exactly once, nothing repeated
			// (not even the killed execution's changes: the trigger never re-emits)
			expect({ lost, duplicated, unexpected }).toEqual({ lost: [], duplicated: [], unexpected: [] });
			// besides the killed one, every execution succeeded
			expect(list.filter((e) => e.status !== 'success').map((e) => e.id)).toEqual([state.killedExecution]);
		});
	},
};
