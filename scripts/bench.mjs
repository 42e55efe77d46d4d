#!/usr/bin/env node
/**
 * The package's benchmark: `npm run bench` (`node scripts/bench.mjs [--reps N]`).
 *
 * Measures in one run and prints RATIOS (absolute times only go to stderr and .tmp/bench.json).
 * Each timing comparison runs twice: with the rezStream stand-in answering at once (the CPU cost
 * of the code) and with a simulated 30 ms round trip on every answer (the stand-in's
 * `latencyMs`), like a remote API. The goals hold for the 30 ms run.
 *
 *  1. Requests to drain N = 5,000 updated reservations at page caps 25, 50, 100 (the node asks
 *     for 100 and follows `next` links), against ceil(N/L), and token requests per run (API token;
 *     OAuth2 with an access token that expires mid-drain); the offset lists' request counts and
 *     their Limit rule. Real n8n.
 *  2. Cursor-paged drains: the node's Return All inside n8n against a raw `fetch` loop over the
 *     same pages (Node 24) and against n8n's HTTP Request node paginating the same endpoint by
 *     its `Link` header in the same n8n run; the trigger's poll draining the same 5,000 through
 *     the unit harness (outside n8n: a scheduled poll cannot be timed inside n8n) against the raw
 *     loop; the trigger once more at 20,000 reservations (0 ms), to show how its cost grows.
 *  3. Offset-paged lists (reservations by stay date; availability blocks) against the HTTP
 *     Request node in the same n8n run.
 *  4. Extra heap for 10,000 reservations through Return All against their JSON size.
 *  5. n8n start time with and without the package; the packed tarball's size; the trigger
 *     draining 2,000 reservations with Fetch Full Reservation at 30 ms (time, requests each).
 *  6. Queue mode: trigger-started executions per minute with one worker and with two, at a 30 ms
 *     round trip (scripts/bench/queue.mjs; `--no-queue` skips it, `--queue-only` runs only it).
 *
 * n8n runs go through the real-n8n harness (dev/n8n): one instance, `n8n execute`
 * per run (medians over --reps runs, alternating which node of a pair goes first), per-node
 * durations from the run data (`executionTime`). `n8n execute` prints the whole run on stdout,
 * which is cut short for runs this large, so the runs are read back from n8n's database through
 * the harness (`executions()`) once the server is started for the start-time measurement.
 *
 * Output: ratio lines with goal and PASS/MISS, then a Markdown table (also saved to
 * .tmp/bench.md; raw data in .tmp/bench.json). Exit 0 when everything was measured, even with a
 * goal missed; non-zero when something broke. Builds first unless SKIP_BUILD=1.
 *
 * Layout: scripts/bench/settings.mjs (sizes, goals, shared state), vendors/ (one module per vendor:
 * its servers, credentials and [our node, HTTP Request node] pairs; see vendors/index.mjs),
 * drains.mjs (rezStream's drains outside n8n), report.mjs, queue.mjs (part 6).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
	dev, ROOT, REPS, LATENCIES, QUEUE_ONLY, QUEUE, GOAL_LATENCY, STARTS, data, errors, cleanups, watchdog, broken, timedStart,
	requestsDuring, progress,
} from './bench/settings.mjs';
import VENDORS from './bench/vendors/index.mjs';
import { runDrains, runFetchFullAndHeap } from './bench/drains.mjs';
import { report } from './bench/report.mjs';

const require = createRequire(import.meta.url);
const { ensureN8n, createInstance } = dev('n8n');
const { machineInfo } = require('./bench/machine.js');
const { benchQueue, reportQueue } = await import('./bench/queue.mjs');

/* ------------------------------------------------------------------ the run */

async function main() {
	const t0 = Date.now();
	if (process.env.SKIP_BUILD !== '1') {
		progress('npm run build');
		const b = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 10 * 60 * 1000 });
		if (b.status !== 0) throw new Error(`npm run build failed (status ${b.status})`);
	}
	data.offsetConcurrency = require(path.join(ROOT, 'dist', 'nodes', 'RezStream', 'transport', 'index.js')).OFFSET_CONCURRENCY;

	const n8nInfo = await ensureN8n({ install: true });
	if (QUEUE_ONLY) {
		reportQueue(await benchQueue());
		return;
	}
	data.machine = machineInfo({ nodeBin: n8nInfo.nodeBin, n8nDir: n8nInfo.dir });
	progress(`machine: ${JSON.stringify(data.machine)}`);

	/* ---------------------------------------------------------------- servers, n8n, workflows */
	progress(`starting the vendors' servers: ${VENDORS.map((v) => v.name).join(', ')}`);
	const vendors = [];
	for (const v of VENDORS) vendors.push({ v, st: await v.start() });
	const rz = vendors.find((x) => x.v.name === 'rezStream');
	const n8n = await createInstance();
	cleanups.push(() => n8n.cleanup());
	await n8n.importCredentials(vendors.flatMap(({ v, st }) => v.credentials(st)));

	// Part 1 (rezStream): request counts; parts 2-3: every vendor's pairs per latency, in two
	// orders (A: our node first in each pair), after the warm-up nodes.
	const countsWf = rz.v.countsWorkflow(rz.st);
	const pairsAt = (L) => vendors.flatMap(({ v, st }) => v.pairs(st, L));
	const warm = vendors.flatMap(({ v, st }) => v.warmUp?.(st) ?? []);
	const timedWf = {};
	for (const L of LATENCIES) {
		const pairs = pairsAt(L);
		timedWf[L] = {
			pairs,
			A: W().fanOutWorkflow(`bench: ${L} ms, our nodes first`, [...warm, ...pairs.flatMap((p) => [p.ours, p.http])]),
			B: W().fanOutWorkflow(`bench: ${L} ms, HTTP Request first`, [...warm, ...pairs.flatMap((p) => [p.http, p.ours])]),
		};
	}
	await n8n.importWorkflow([countsWf, ...LATENCIES.flatMap((L) => [timedWf[L].A, timedWf[L].B])]);

	const execute = async (wf) => {
		const t = performance.now();
		// Log level warn: `n8n execute` then does not print the (large) run; it is read back later.
		const r = await n8n.cli(['execute', `--id=${wf.id}`], { env: { N8N_LOG_LEVEL: 'warn' }, timeoutMs: 5 * 60 * 1000 });
		if (r.code !== 0) throw new Error(`n8n execute ${wf.name} exited ${r.code}:\n${(r.stdout + r.stderr).slice(-2000)}`);
		return performance.now() - t;
	};

	/* ---------------------------------------------------------------- part 1: counts run */
	progress('part 1: request counts in n8n (one run)');
	const counts = await rz.v.aroundCounts(rz.st, async () => {
		try {
			await execute(countsWf);
		} catch (e) {
			broken('part 1 (request counts)', e);
		}
	});
	data.counts = counts;

	/* ---------------------------------------------------------------- parts 2, 3: timed runs */
	const runs = [];
	for (let rep = 0; rep < REPS; rep++) {
		for (const L of LATENCIES) {
			const variant = rep % 2 === 0 ? 'A' : 'B';
			progress(`timed run ${rep + 1}/${REPS}, ${L} ms round trip, order ${variant} (${variant === 'A' ? 'our node' : 'HTTP Request'} first in each pair)`);
			try {
				const cliMs = await execute(timedWf[L][variant]);
				runs.push({ rep, L, variant, wf: timedWf[L][variant], cliMs });
			} catch (e) {
				broken(`timed run ${rep + 1} (${L} ms)`, e);
			}
		}
	}

	const drains = await runDrains(n8nInfo, rz.st);
	// The servers are no longer needed: close them before n8n's data is read back into this process.
	for (const { v, st } of vendors) await v.close(st);
	await runFetchFullAndHeap(n8nInfo);

	/* ---------------------------------------------------------------- read the runs back; start times */
	const start = { with: [], without: [] };
	progress('starting n8n to read the runs back');
	await n8n.start(); // also the untimed first start of this user folder
	// Only what is needed is kept of each run (durations, item ids): the runs are large.
	const slim = (e) => {
		const runData = e.run?.data?.resultData?.runData ?? {};
		const tasks = {};
		const ids = {};
		for (const name of Object.keys(runData)) {
			const task = runData[name][0];
			tasks[name] = [{ executionTime: task.executionTime, startTime: task.startTime }];
			ids[name] = e.items(name).map((i) => i.id);
		}
		return { status: e.status, error: e.error ? { message: e.error.message } : null, tasks, ids, items: (name) => (ids[name] ?? []).map((id) => ({ id })) };
	};
	const execsOf = {};
	for (const wf of [countsWf, ...LATENCIES.flatMap((L) => [timedWf[L].A, timedWf[L].B])]) {
		execsOf[wf.id] = (await n8n.executions({ workflowId: wf.id })).map(slim);
	}
	await n8n.stop();

	const countsExec = execsOf[countsWf.id][0];
	if (!countsExec) broken('part 1', new Error('the counts run is not in the database'));
	else {
		if (countsExec.status !== 'success') broken('part 1', new Error(`run status ${countsExec.status}: ${countsExec.error?.message}`));
		rz.v.checkCounts(rz.st, countsExec);
	}

	// Parts 2, 3: per-node durations and the requests each node sent.
	const timed = readTimed(runs, execsOf, timedWf);
	data.timed = timed;
	data.runs = runs.map(({ wf, ...r }) => ({ ...r, workflow: wf.name }));

	// Start time without the package, alternating with the instance that has it.
	let bare;
	try {
		bare = await createInstance({ installPackage: false });
		cleanups.push(() => bare.cleanup());
		// The first start of a user folder creates and migrates its database: untimed, as above.
		await bare.start();
		await bare.stop();
		for (let i = 0; i < STARTS; i++) {
			progress(`start time ${i + 1}/${STARTS}: without, then with the package`);
			start.without.push(await timedStart(bare));
			await bare.stop();
			start.with.push(await timedStart(n8n));
			await n8n.stop();
		}
	} catch (e) {
		broken('start time', e);
	}
	data.start = start;
	await n8n.cleanup();
	if (bare) await bare.cleanup();

	/* ---------------------------------------------------------------- tarball */
	progress('npm pack --dry-run');
	const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: ROOT,
		encoding: 'utf8',
		timeout: 120 * 1000,
		env: { ...process.env, npm_config_loglevel: 'error' },
	});
	try {
		if (pack.status !== 0) throw new Error(pack.stderr);
		const [p] = JSON.parse(pack.stdout);
		data.tarball = { size: p.size, unpackedSize: p.unpackedSize, files: p.entryCount ?? p.files.length, filename: p.filename };
	} catch (e) {
		broken('npm pack', e);
	}

	data.totalMs = Date.now() - t0;
	report(counts, timed, drains, start, timedWf[GOAL_LATENCY].pairs);

	/* ---------------------------------------------------------------- queue mode (scripts/bench/queue.mjs) */
	if (QUEUE) {
		try {
			reportQueue(await benchQueue());
		} catch (e) {
			broken('queue mode', e);
		}
	}
}

const W = () => require('./bench/workflows.js');

/** timed[L][pair key] = { ours, http (executionTime ms), oursRequests, httpRequests, items, variants }. */
function readTimed(runs, execsOf, timedWf) {
	const timed = {};
	for (const L of LATENCIES) {
		timed[L] = {};
		for (const p of timedWf[L].pairs) timed[L][p.key] = { ours: [], http: [], oursRequests: [], httpRequests: [], items: [] };
	}
	const seen = {};
	for (const run of runs) {
		const list = execsOf[run.wf.id] ?? [];
		seen[run.wf.id] = (seen[run.wf.id] ?? 0) + 1;
		const exec = list[seen[run.wf.id] - 1];
		const what = `timed run ${run.rep + 1} (${run.L} ms)`;
		if (!exec) {
			broken(what, new Error('not found in the database'));
			continue;
		}
		if (exec.status !== 'success') {
			broken(what, new Error(`status ${exec.status}: ${exec.error?.message}`));
			continue;
		}
		for (const p of timedWf[run.L].pairs) {
			const o = exec.tasks[p.ours.name]?.[0];
			const h = exec.tasks[p.http.name]?.[0];
			if (!o || !h) {
				broken(what, new Error(`no run data for ${p.ours.name} / ${p.http.name}`));
				continue;
			}
			const oursIds = exec.items(p.ours.name).map((i) => i.id);
			const problem = p.check(oursIds, exec.items(p.http.name).map((i) => i.id));
			if (problem) broken(`${what} ${p.key}`, new Error(problem));
			const t = timed[run.L][p.key];
			t.ours.push(o.executionTime);
			t.http.push(h.executionTime);
			t.oursRequests.push(requestsDuring(p.server, o, p.path));
			t.httpRequests.push(requestsDuring(p.server, h, p.path));
			t.items.push(oursIds.length);
			t.variants = [...(t.variants ?? []), run.variant];
		}
	}
	return timed;
}

/* ------------------------------------------------------------------ entry */

let exitCode = 0;
try {
	await main();
	if (errors.length) exitCode = 1;
} catch (error) {
	progress(`FAILED: ${error && error.stack ? error.stack : error}`);
	exitCode = 1;
} finally {
	for (const c of cleanups.reverse()) {
		try {
			await c();
		} catch {
			/* already closed */
		}
	}
	clearTimeout(watchdog);
	progress(`done, exit ${exitCode}`);
}
process.exit(exitCode);
