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
 * n8n runs go through the real-n8n harness (test/support/n8n.js): one instance, `n8n execute`
 * per run (medians over --reps runs, alternating which node of a pair goes first), per-node
 * durations from the run data (`executionTime`). `n8n execute` prints the whole run on stdout,
 * which is cut short for runs this large, so the runs are read back from n8n's database through
 * the harness (`executions()`) once the server is started for the start-time measurement.
 *
 * Output: ratio lines with goal and PASS/MISS, then a Markdown table (also saved to
 * .tmp/bench.md; raw data in .tmp/bench.json). Exit 0 when everything was measured, even with a
 * goal missed; non-zero when something broke. Builds first unless SKIP_BUILD=1.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { ensureN8n, createInstance } = require('../test/support/n8n.js');
const { startRezStreamStandIn } = require('../test/support/rezstream-standin.js');
const { startBlocksServer } = require('./bench/blocks-server.js');
const W = require('./bench/workflows.js');
const { progress, median, ms, ratio, fx, bytes, runChild } = require('./bench/util.js');
const { machineInfo } = require('./bench/machine.js');
const { benchQueue, reportQueue } = await import('./bench/queue.mjs');

/* ------------------------------------------------------------------ settings */

function argValue(name, fallback) {
	const i = process.argv.indexOf(name);
	if (i !== -1 && process.argv[i + 1] !== undefined) return Number(process.argv[i + 1]);
	return fallback;
}
const REPS = Math.max(2, Math.min(20, argValue('--reps', Number(process.env.BENCH_REPS) || 4)));
const TRIGGER_REPS = Math.max(2, Math.min(20, argValue('--trigger-reps', 5)));
const LATENCIES = [0, 30];
// Queue mode's scale figure (scripts/bench/queue.mjs) runs last; `--no-queue` (or BENCH_QUEUE=0)
// leaves it out, `--queue-only` runs only it.
const QUEUE_ONLY = process.argv.includes('--queue-only');
const QUEUE = !process.argv.includes('--no-queue') && process.env.BENCH_QUEUE !== '0';
const GOAL_LATENCY = 30;
const N = 5000; // reservations per tenant in the drain stand-ins (the token sees tenant 0)
const CAPS = [25, 50, 100];
const HEAP_N = 10000;
const SCALE_N = 20000; // the trigger drain once more at 4x N, to show how its CPU cost grows
const SCALE_REPS = 2;
const STARTS = 2; // timed starts of n8n with and without the package (after one untimed start each)
const BLOCKS = 3000;
const FETCH_FULL_N = 2000; // the trigger drain with Fetch Full Reservation, at 30 ms
const FROM = '2000-01-01T00:00:00Z'; // before every reservation: the drains see all N
const OAUTH_EXPIRE_AT = 25; // the OAuth2 access token expires before this API request
const LIMIT_RULE = { cap: 50, limit: 250 };
const WATCHDOG_MS = 45 * 60 * 1000; // queue mode (last) adds up to ~10 min on a busy machine
const GOALS = { raw: 1.15, http: 1.0, offset: 0.5 };

const errors = [];
const data = { settings: { REPS, TRIGGER_REPS, LATENCIES, N, CAPS, HEAP_N, BLOCKS, FROM } };
const cleanups = [];

function broken(what, error) {
	const text = `${what}: ${error && error.message ? error.message : error}`;
	errors.push(text);
	progress(`ERROR ${text}`);
}

const watchdog = setTimeout(() => {
	progress(`the benchmark did not finish within ${WATCHDOG_MS / 60000} min: stopping`);
	process.exit(3); // the harness kills its children on exit
}, WATCHDOG_MS);
watchdog.unref();

/* ------------------------------------------------------------------ helpers */

const enc = encodeURIComponent;
const fmtInt = (n) => (Number.isFinite(n) ? n.toLocaleString('en-US') : 'n/a');
const byStay = (a, b) => (a.arrival < b.arrival ? -1 : a.arrival > b.arrival ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A window of stay dates holding a few thousand of tenant 0's reservations, and them in API order. */
function stayWindow(s) {
	const list = s.listReservations(s.tenants[0].id);
	const arrivals = list.map((r) => r.arrival).sort();
	const from = arrivals[Math.floor(arrivals.length * 0.2)];
	const to = arrivals[Math.floor(arrivals.length * 0.8)];
	const rows = list.filter((r) => r.arrival < to && r.departure > from).sort(byStay);
	return { from, to, ids: rows.map((r) => r.id) };
}

function blocksWindow(b) {
	const day = (d) => new Date(Date.now() + d * 86400000).toISOString().slice(0, 10);
	const from = day(-400);
	const to = day(800);
	const rows = b.blocks.filter((x) => x.arrival < to && x.departure > from).sort(byStay);
	return { from, to, ids: rows.map((r) => r.id) };
}

/** Requests a server saw while a node ran (by arrival time), on a path. */
function requestsDuring(server, task, pathRe) {
	const end = task.startTime + task.executionTime;
	return server.requests.filter((r) => r.at >= task.startTime && r.at <= end && pathRe.test(r.path)).length;
}

function sameOrder(a, b) {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

/** Times `inst.start()` to readiness, polling /healthz/readiness every 50 ms beside it. */
async function timedStart(inst) {
	const t0 = performance.now();
	let readyAt;
	let done = false;
	const poller = (async () => {
		while (!done && readyAt === undefined) {
			try {
				const res = await fetch(`${inst.url}/healthz/readiness`, { signal: AbortSignal.timeout(1000) });
				await res.arrayBuffer();
				if (res.status === 200) readyAt = performance.now();
			} catch {
				/* not listening yet */
			}
			if (readyAt === undefined) await new Promise((r) => setTimeout(r, 50));
		}
	})();
	try {
		await inst.start();
	} finally {
		done = true;
		await poller;
	}
	return (readyAt ?? performance.now()) - t0;
}

/* ------------------------------------------------------------------ the run */

async function main() {
	const t0 = Date.now();
	if (process.env.SKIP_BUILD !== '1') {
		progress('npm run build');
		const b = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 10 * 60 * 1000 });
		if (b.status !== 0) throw new Error(`npm run build failed (status ${b.status})`);
	}
	const offsetConcurrency = require(path.join(ROOT, 'dist', 'nodes', 'RezStream', 'transport', 'index.js')).OFFSET_CONCURRENCY;
	data.offsetConcurrency = offsetConcurrency;

	const n8nInfo = await ensureN8n({ install: true });
	if (QUEUE_ONLY) {
		reportQueue(await benchQueue());
		return;
	}
	data.machine = machineInfo({ nodeBin: n8nInfo.nodeBin, n8nDir: n8nInfo.dir });
	progress(`machine: ${JSON.stringify(data.machine)}`);

	/* ---------------------------------------------------------------- servers */
	progress(`starting stand-ins (${fmtInt(N)} reservations per tenant) and blocks servers (${fmtInt(BLOCKS)} blocks)`);
	const S = {};
	const B = {};
	const tokens = {};
	for (const L of LATENCIES) {
		S[L] = await startRezStreamStandIn({ data: { reservations: N }, latencyMs: L, maxPageSize: 100 });
		cleanups.push(() => S[L].close());
		tokens[L] = S[L].issueManualToken();
		B[L] = await startBlocksServer({ token: tokens[L], count: BLOCKS, latencyMs: L, maxPageSize: 100 });
		cleanups.push(() => B[L].close());
	}
	const C = {};
	for (const cap of CAPS) {
		C[cap] = await startRezStreamStandIn({ data: { reservations: N }, maxPageSize: cap });
		cleanups.push(() => C[cap].close());
	}
	const SO = await startRezStreamStandIn({ data: { reservations: N }, maxPageSize: 100 });
	cleanups.push(() => SO.close());

	/* ---------------------------------------------------------------- n8n instance and workflows */
	const n8n = await createInstance();
	cleanups.push(() => n8n.cleanup());
	const creds = [];
	const nodeCred = {};
	const headerCred = {};
	const blocksCred = {};
	for (const L of LATENCIES) {
		const c = W.tokenCredentials(`${L}ms`, S[L].url, tokens[L]);
		nodeCred[L] = c.rez;
		headerCred[L] = c.header;
		blocksCred[L] = W.tokenCredentials(`blocks ${L}ms`, B[L].url, tokens[L]).rez;
		creds.push(c.rez, c.header, blocksCred[L]);
	}
	const capCred = {};
	for (const cap of CAPS) {
		capCred[cap] = W.tokenCredentials(`cap ${cap}`, C[cap].url, C[cap].issueManualToken()).rez;
		creds.push(capCred[cap]);
	}
	const oauthCred = W.oauthCredential('expiring', SO);
	creds.push(W.importable(oauthCred));
	await n8n.importCredentials(creds);

	const updated = (returnAll, limit) => ({
		resource: 'reservation',
		operation: 'getManyUpdated',
		updatedSince: FROM,
		returnAll,
		...(returnAll ? {} : { limit }),
	});
	const byDate = (w, returnAll = true, limit) => ({
		resource: 'reservation',
		operation: 'getManyByStayDate',
		from: w.from,
		to: w.to,
		returnAll,
		...(returnAll ? {} : { limit }),
	});
	const blocks = (w) => ({ resource: 'availability', operation: 'getBlocks', from: w.from, to: w.to, returnAll: true });

	// Part 1: request counts (latency 0).
	const capWindow = stayWindow(C[100]);
	const limitWindow = stayWindow(C[LIMIT_RULE.cap]);
	const blocksWin0 = blocksWindow(B[0]);
	const countsWf = W.fanOutWorkflow('bench: request counts', [
		...CAPS.map((cap) => W.rezStreamNode(`drain cap ${cap}`, capCred[cap], updated(true))),
		W.rezStreamNode('drain OAuth2', oauthCred, updated(true)),
		W.rezStreamNode('byDate all', capCred[100], byDate(capWindow)),
		W.rezStreamNode('byDate limit', capCred[LIMIT_RULE.cap], byDate(limitWindow, false, LIMIT_RULE.limit)),
		W.rezStreamNode('blocks all', blocksCred[0], blocks(blocksWin0)),
	]);

	// Parts 2 and 3: timed workflows per latency, in two orders (A: our node first in each pair).
	const windows = {};
	const timedWf = {};
	for (const L of LATENCIES) {
		const w = { stay: stayWindow(S[L]), blocks: blocksWindow(B[L]) };
		windows[L] = w;
		data.windowRows = { ...data.windowRows, [L]: { stay: w.stay.ids.length, blocks: w.blocks.ids.length, stayWindow: [w.stay.from, w.stay.to] } };
		const cursorUrl = `${S[L].url}/reservations/updated?from=${enc(FROM)}&limit=100`;
		const stayUrl = `${S[L].url}/reservations/byDate?from=${w.stay.from}&to=${w.stay.to}&limit=100`;
		const blocksUrl = `${B[L].url}/availability/blocks/byDate?from=${w.blocks.from}&to=${w.blocks.to}&limit=100`;
		// Warm-up: one full run of each kind against the instant servers, so that the timed nodes
		// run on compiled code, as in a long-running n8n (the first run in a fresh `n8n execute`
		// process takes about twice as long, whichever node it is).
		const w0 = stayWindow(S[0]);
		const warm = [
			W.rezStreamNode('warm-up rezStream updated', nodeCred[0], updated(true)),
			W.httpRequestNode('warm-up HTTP updated', headerCred[0], `${S[0].url}/reservations/updated?from=${enc(FROM)}&limit=100`),
			W.rezStreamNode('warm-up rezStream byDate', nodeCred[0], byDate(w0)),
			W.httpRequestNode('warm-up HTTP byDate', headerCred[0], `${S[0].url}/reservations/byDate?from=${w0.from}&to=${w0.to}&limit=100`),
		];
		const pairs = [
			[W.rezStreamNode('rezStream updated', nodeCred[L], updated(true)), W.httpRequestNode('HTTP updated', headerCred[L], cursorUrl)],
			[W.rezStreamNode('rezStream byDate', nodeCred[L], byDate(w.stay)), W.httpRequestNode('HTTP byDate', headerCred[L], stayUrl)],
			[W.rezStreamNode('rezStream blocks', blocksCred[L], blocks(w.blocks)), W.httpRequestNode('HTTP blocks', headerCred[L], blocksUrl)],
		];
		timedWf[L] = {
			A: W.fanOutWorkflow(`bench: ${L} ms, rezStream first`, [...warm, ...pairs.flat()]),
			B: W.fanOutWorkflow(`bench: ${L} ms, HTTP Request first`, [...warm, ...pairs.flatMap(([a, b]) => [b, a])]),
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
	for (const s of [...Object.values(C), SO]) s.clearRequests();
	B[0].clearRequests();
	let oauthApiRequests = 0;
	SO.hooks.beforeApiRequest = () => {
		if (++oauthApiRequests === OAUTH_EXPIRE_AT) SO.expireAccessTokens();
	};
	try {
		await execute(countsWf);
	} catch (e) {
		broken('part 1 (request counts)', e);
	} finally {
		SO.hooks.beforeApiRequest = null;
	}
	const counts = {
		caps: CAPS.map((cap) => ({
			cap,
			requests: C[cap].apiRequests().filter((r) => r.path === '/reservations/updated').length,
			limits: [...new Set(C[cap].apiRequests().filter((r) => r.path === '/reservations/updated').map((r) => r.query.limit))],
			tokenRequests: C[cap].tokenRequests().length,
		})),
		oauth: {
			requests: SO.apiRequests().filter((r) => r.path === '/reservations/updated').length,
			unauthorized: SO.apiRequests().filter((r) => r.status === 401).length,
			tokenRequests: SO.tokenRequests().length,
		},
		byDateAll: { requests: C[100].apiRequests().filter((r) => r.path === '/reservations/byDate').length, rows: capWindow.ids.length },
		byDateLimit: {
			requests: C[LIMIT_RULE.cap].apiRequests().filter((r) => r.path === '/reservations/byDate').length,
			...LIMIT_RULE,
		},
		blocksAll: { requests: B[0].requests.length, rows: blocksWin0.ids.length },
	};
	data.counts = counts;

	/* ---------------------------------------------------------------- parts 2, 3: timed runs */
	const runs = [];
	for (let rep = 0; rep < REPS; rep++) {
		for (const L of LATENCIES) {
			const variant = rep % 2 === 0 ? 'A' : 'B';
			progress(`timed run ${rep + 1}/${REPS}, ${L} ms round trip, order ${variant} (${variant === 'A' ? 'rezStream' : 'HTTP Request'} first in each pair)`);
			try {
				const cliMs = await execute(timedWf[L][variant]);
				runs.push({ rep, L, variant, wf: timedWf[L][variant], cliMs });
			} catch (e) {
				broken(`timed run ${rep + 1} (${L} ms)`, e);
			}
		}
	}

	/* ---------------------------------------------------------------- trigger drain and raw fetch (Node 24) */
	const drains = {};
	for (const L of LATENCIES) {
		progress(`trigger poll (unit harness) and raw fetch loop, Node 24, ${L} ms, ${TRIGGER_REPS} runs each`);
		try {
			drains[L] = await runChild(
				n8nInfo.nodeBin,
				[path.join(ROOT, 'scripts', 'bench', 'drain-child.js'), JSON.stringify({ mode: 'drains', baseUrl: S[L].url, token: tokens[L], from: FROM, reps: TRIGGER_REPS })],
				{ cwd: ROOT, timeoutMs: 5 * 60 * 1000, env: { ...process.env, NODE_OPTIONS: '' } },
			);
			for (const r of [...drains[L].raw, ...drains[L].poll]) {
				if (r.items !== N || (r.unique !== undefined && r.unique !== N)) throw new Error(`a drain gave ${r.items} items (${r.unique} distinct), expected ${N}`);
			}
		} catch (e) {
			broken(`trigger / raw fetch (${L} ms)`, e);
		}
	}
	data.drains = drains;

	// How the trigger's drain scales: the same comparison at 4x the backlog (0 ms, CPU only).
	progress(`trigger poll and raw fetch loop at ${fmtInt(SCALE_N)} reservations, 0 ms, ${SCALE_REPS} runs each`);
	try {
		const sb = await startRezStreamStandIn({ data: { reservations: SCALE_N }, maxPageSize: 100 });
		try {
			data.scale = await runChild(
				n8nInfo.nodeBin,
				[path.join(ROOT, 'scripts', 'bench', 'drain-child.js'), JSON.stringify({ mode: 'drains', baseUrl: sb.url, token: sb.issueManualToken(), from: FROM, reps: SCALE_REPS })],
				{ cwd: ROOT, timeoutMs: 5 * 60 * 1000, env: { ...process.env, NODE_OPTIONS: '' } },
			);
			for (const r of [...data.scale.raw, ...data.scale.poll]) {
				if (r.items !== SCALE_N || (r.unique !== undefined && r.unique !== SCALE_N)) throw new Error(`a drain gave ${r.items} items, expected ${SCALE_N}`);
			}
		} finally {
			await sb.close();
		}
	} catch (e) {
		broken(`trigger / raw fetch at ${SCALE_N}`, e);
	}

	// The servers are no longer needed: close them before n8n's data is read back into this process.
	for (const server of [...Object.values(S), ...Object.values(B), ...Object.values(C), SO]) await server.close();

	/* ---------------------------------------------------------------- trigger drain with Fetch Full */
	progress(`trigger with Fetch Full Reservation: ${fmtInt(FETCH_FULL_N)} reservations, 30 ms, 2 s poll budget`);
	try {
		data.fetchFull = await runChild(
			n8nInfo.nodeBin,
			[path.join(ROOT, 'scripts', 'bench', 'drain-child.js'), JSON.stringify({ mode: 'fetchFull', reservations: FETCH_FULL_N, latencyMs: 30, budgetMs: 2000 })],
			{ cwd: ROOT, timeoutMs: 10 * 60 * 1000, env: { ...process.env, NODE_OPTIONS: '' } },
		);
		const f = data.fetchFull;
		if (f.unique !== FETCH_FULL_N || f.emitted !== FETCH_FULL_N) throw new Error(`Fetch Full drain emitted ${f.emitted} (${f.unique} distinct), expected ${FETCH_FULL_N}`);
	} catch (e) {
		broken('trigger drain with Fetch Full', e);
	}

	/* ---------------------------------------------------------------- heap */
	progress(`heap: Return All of ${fmtInt(HEAP_N)} reservations (unit harness, Node 24, --expose-gc)`);
	try {
		const sh = await startRezStreamStandIn({ data: { reservations: HEAP_N }, maxPageSize: 100 });
		try {
			data.heap = await runChild(
				n8nInfo.nodeBin,
				['--expose-gc', path.join(ROOT, 'scripts', 'bench', 'drain-child.js'), JSON.stringify({ mode: 'heap', baseUrl: sh.url, token: sh.issueManualToken(), from: FROM })],
				{ cwd: ROOT, timeoutMs: 5 * 60 * 1000, env: { ...process.env, NODE_OPTIONS: '' } },
			);
			if (data.heap.items !== HEAP_N) throw new Error(`Return All gave ${data.heap.items} items, expected ${HEAP_N}`);
		} finally {
			await sh.close();
		}
	} catch (e) {
		broken('heap', e);
	}

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

	// Part 1 checks: every drain complete, once each.
	const countsExec = execsOf[countsWf.id][0];
	if (!countsExec) broken('part 1', new Error('the counts run is not in the database'));
	else {
		if (countsExec.status !== 'success') broken('part 1', new Error(`run status ${countsExec.status}: ${countsExec.error?.message}`));
		const check = (nodeName, expected, ordered) => {
			const items = countsExec.items(nodeName);
			const ids = items.map((i) => i.id);
			const ok = ordered ? sameOrder(ids, expected) : ids.length === expected && new Set(ids).size === expected;
			if (!ok) broken('part 1', new Error(`${nodeName}: ${ids.length} items (${new Set(ids).size} distinct), expected ${ordered ? expected.length : expected}${ordered ? ' in API order' : ''}`));
		};
		for (const cap of CAPS) check(`drain cap ${cap}`, N);
		check('drain OAuth2', N);
		check('byDate all', capWindow.ids, true);
		check('byDate limit', limitWindow.ids.slice(0, LIMIT_RULE.limit), true);
		check('blocks all', blocksWin0.ids, true);
	}

	// Parts 2, 3: per-node durations.
	const PAIRS = [
		{ key: 'cursor', ours: 'rezStream updated', http: 'HTTP updated', server: (L) => S[L], path: /^\/reservations\/updated$/ },
		{ key: 'byDate', ours: 'rezStream byDate', http: 'HTTP byDate', server: (L) => S[L], path: /^\/reservations\/byDate$/ },
		{ key: 'blocks', ours: 'rezStream blocks', http: 'HTTP blocks', server: (L) => B[L], path: /^\/availability\/blocks\/byDate$/ },
	];
	const timed = {};
	for (const L of LATENCIES) {
		timed[L] = {};
		for (const p of PAIRS) timed[L][p.key] = { ours: [], http: [], oursRequests: [], httpRequests: [], items: [] };
	}
	const seen = {};
	for (const run of runs) {
		const list = execsOf[run.wf.id] ?? [];
		seen[run.wf.id] = (seen[run.wf.id] ?? 0) + 1;
		const exec = list[seen[run.wf.id] - 1];
		if (!exec) {
			broken(`timed run ${run.rep + 1} (${run.L} ms)`, new Error('not found in the database'));
			continue;
		}
		if (exec.status !== 'success') {
			broken(`timed run ${run.rep + 1} (${run.L} ms)`, new Error(`status ${exec.status}: ${exec.error?.message}`));
			continue;
		}
		const runData = exec.tasks;
		for (const p of PAIRS) {
			const o = runData[p.ours]?.[0];
			const h = runData[p.http]?.[0];
			if (!o || !h) {
				broken(`timed run ${run.rep + 1} (${run.L} ms)`, new Error(`no run data for ${p.ours} / ${p.http}`));
				continue;
			}
			const oursIds = exec.items(p.ours).map((i) => i.id);
			const httpIds = exec.items(p.http).map((i) => i.id);
			const expected = p.key === 'cursor' ? null : p.key === 'byDate' ? windows[run.L].stay.ids : windows[run.L].blocks.ids;
			if (!sameOrder(oursIds, httpIds) || (expected && !sameOrder(oursIds, expected)) || (!expected && (oursIds.length !== N || new Set(oursIds).size !== N))) {
				broken(
					`timed run ${run.rep + 1} (${run.L} ms) ${p.key}`,
					new Error(`rezStream gave ${oursIds.length} items, HTTP Request ${httpIds.length}, expected ${expected ? expected.length : N}, in the same order`),
				);
			}
			const t = timed[run.L][p.key];
			t.ours.push(o.executionTime);
			t.http.push(h.executionTime);
			t.oursRequests.push(requestsDuring(p.server(run.L), o, p.path));
			t.httpRequests.push(requestsDuring(p.server(run.L), h, p.path));
			t.items.push(oursIds.length);
			t.variants = [...(t.variants ?? []), run.variant];
		}
	}
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
	report(counts, timed, drains, start);

	/* ---------------------------------------------------------------- queue mode (scripts/bench/queue.mjs) */
	if (QUEUE) {
		try {
			reportQueue(await benchQueue());
		} catch (e) {
			broken('queue mode', e);
		}
	}
}

/* ------------------------------------------------------------------ report */

function verdict(r, goal) {
	if (!Number.isFinite(r)) return 'n/a';
	return r <= goal ? 'PASS' : 'MISS';
}

function report(counts, timed, drains, start) {
	const out = [];
	const line = (s = '') => out.push(s);
	const m = data.machine;
	const rows = []; // [comparison, 0 ms, 30 ms, goal, result]

	line('# Benchmark results');
	line();
	line(`Machine: ${m.cpu}, ${m.nproc} cores (nproc), ${m.memory} RAM, ${m.os}; Node ${m.node} (bench, stand-in), Node ${m.node24} (n8n, unit harness, raw fetch); n8n ${m.n8n}.`);
	line(`Command: \`npm run bench\` (${REPS} n8n runs per latency, medians; trigger/raw fetch: ${TRIGGER_REPS} runs each). Total run time: ${(data.totalMs / 1000).toFixed(0)} s.`);
	line();

	/* 1 */
	line(`## 1. Requests to drain N = ${fmtInt(N)} updated reservations (in n8n, Return All)`);
	line();
	const countRows = [];
	for (const c of counts.caps) {
		const min = Math.ceil(N / c.cap);
		countRows.push([
			`API token, page cap ${c.cap} (limit asked: ${c.limits.join(', then ') || '?'})`,
			fmtInt(c.requests),
			fmtInt(min),
			`+${c.requests - min}${c.requests - min === 1 ? ' (the empty page that ends the forward-only cursor)' : ''}`,
			String(c.tokenRequests),
		]);
	}
	const min100 = Math.ceil(N / 100);
	countRows.push([
		`OAuth2, page cap 100, access token expires before request ${OAUTH_EXPIRE_AT}`,
		fmtInt(counts.oauth.requests),
		fmtInt(min100),
		`+${counts.oauth.requests - min100} (empty last page; ${counts.oauth.unauthorized} answered 401 and repeated after the refresh)`,
		String(counts.oauth.tokenRequests),
	]);
	countRows.push([
		`Reservations by stay date, Return All (${fmtInt(counts.byDateAll.rows)} rows, cap 100)`,
		fmtInt(counts.byDateAll.requests),
		fmtInt(Math.ceil(counts.byDateAll.rows / 100)),
		`+${counts.byDateAll.requests - Math.ceil(counts.byDateAll.rows / 100)}`,
		'0',
	]);
	countRows.push([
		`Reservations by stay date, Limit ${counts.byDateLimit.limit} (cap ${counts.byDateLimit.cap})`,
		fmtInt(counts.byDateLimit.requests),
		fmtInt(Math.ceil(counts.byDateLimit.limit / counts.byDateLimit.cap)),
		`+${counts.byDateLimit.requests - Math.ceil(counts.byDateLimit.limit / counts.byDateLimit.cap)}`,
		'0',
	]);
	countRows.push([
		`Availability blocks, Return All (${fmtInt(counts.blocksAll.rows)} rows, cap 100)`,
		fmtInt(counts.blocksAll.requests),
		fmtInt(Math.ceil(counts.blocksAll.rows / 100)),
		`+${counts.blocksAll.requests - Math.ceil(counts.blocksAll.rows / 100)}`,
		'0',
	]);
	const countTable = [
		'| Run | API requests | Minimum ceil(rows/L) | Extra | Token requests |',
		'| --- | ---: | ---: | --- | ---: |',
		...countRows.map((r) => `| ${r.join(' | ')} |`),
	];
	for (const r of countRows) line(`${r[0]}: ${r[1]} requests (minimum ${r[2]}, ${r[3]}), ${r[4]} token request(s)`);
	line();

	/* 2, 3 */
	const med = (arr) => median(arr ?? []);
	const comparisons = [];
	const cmp = (label, goal, get, note) => {
		const values = {};
		for (const L of LATENCIES) values[L] = get(L);
		comparisons.push({ label, goal, values, note });
	};
	cmp('Cursor drain: node Return All (in n8n) vs raw fetch loop (Node 24)', GOALS.raw, (L) => ratio(med(timed[L]?.cursor.ours), med(drains[L]?.raw.map((r) => r.ms))));
	cmp('Cursor drain: node Return All vs HTTP Request node, same n8n run', GOALS.http, (L) => ratio(med(timed[L]?.cursor.ours), med(timed[L]?.cursor.http)));
	cmp('Cursor drain: trigger poll (unit harness, outside n8n) vs raw fetch loop', GOALS.raw, (L) => ratio(med(drains[L]?.poll.map((r) => r.ms)), med(drains[L]?.raw.map((r) => r.ms))));
	cmp(`Offset list: reservations by stay date (${fmtInt(data.windowRows?.[GOAL_LATENCY]?.stay)} rows) vs HTTP Request node`, GOALS.offset, (L) => ratio(med(timed[L]?.byDate.ours), med(timed[L]?.byDate.http)));
	cmp(`Offset list: availability blocks (${fmtInt(BLOCKS)} rows, bench-side server) vs HTTP Request node`, GOALS.offset, (L) => ratio(med(timed[L]?.blocks.ours), med(timed[L]?.blocks.http)));

	line(`## 2-3. Drains and lists (ratios; goals hold for the ${GOAL_LATENCY} ms run, the 0 ms run shows the CPU cost)`);
	line();
	for (const c of comparisons) {
		for (const L of LATENCIES) {
			const r = c.values[L];
			const tail = L === GOAL_LATENCY ? `(goal <= ${c.goal.toFixed(2)}x) ${verdict(r, c.goal)}` : '(CPU cost, no goal)';
			line(`${c.label} (${L} ms): ${fx(r)} ${tail}`);
		}
		rows.push([c.label, fx(c.values[0]), fx(c.values[GOAL_LATENCY]), `<= ${c.goal.toFixed(2)}x`, verdict(c.values[GOAL_LATENCY], c.goal)]);
	}
	const sc = data.scale;
	const scaleRatio = sc ? ratio(med(sc.poll.map((r) => r.ms)), med(sc.raw.map((r) => r.ms))) : NaN;
	const scaleLabel = `Cursor drain at ${fmtInt(SCALE_N)} reservations: trigger poll vs raw fetch loop (how the cost grows with the backlog)`;
	line(`${scaleLabel} (0 ms): ${fx(scaleRatio)} (no goal; at ${fmtInt(N)}: ${fx(comparisons[2].values[0])})`);
	rows.push([scaleLabel, fx(scaleRatio), 'not run', 'none', 'info']);
	line();

	/* 4, 5 */
	const h = data.heap;
	const heapRatio = h ? ratio(h.extra, h.jsonBytes) : NaN;
	line(`## 4-5. Memory, start time, package`);
	line();
	line(`Extra heap for ${fmtInt(HEAP_N)} reservations through Return All vs their JSON size: ${fx(heapRatio)}${h ? ` (${bytes(h.extra)} vs ${bytes(h.jsonBytes)})` : ''} (no goal)`);
	const sWith = median(start.with);
	const sWithout = median(start.without);
	const startRatio = ratio(sWith, sWithout);
	line(`n8n start to readiness with / without the package: ${fx(startRatio)} (median of ${start.with.length} / ${start.without.length} starts; ${Number.isFinite(sWith - sWithout) ? `${sWith - sWithout >= 0 ? '+' : ''}${((sWith - sWithout) / 1000).toFixed(2)} s` : 'n/a'}) (no goal)`);
	const t = data.tarball;
	line(`Packed tarball: ${t ? `${bytes(t.size)} (${fmtInt(t.size)} B), unpacked ${bytes(t.unpackedSize)}, ${t.files} files` : 'n/a'}`);
	const other = [
		[`Extra heap for ${fmtInt(HEAP_N)} reservations through Return All, vs their JSON size`, h ? `${fx(heapRatio)} (${bytes(h.extra)} vs ${bytes(h.jsonBytes)})` : 'n/a'],
		[
			'n8n start to readiness, with / without the package',
			Number.isFinite(startRatio) ? `${fx(startRatio)} (${sWith - sWithout >= 0 ? '+' : ''}${((sWith - sWithout) / 1000).toFixed(2)} s; median of ${start.with.length} timed starts each, after an untimed first start)` : 'n/a',
		],
		['Packed tarball (`npm pack`)', t ? `${bytes(t.size)}; unpacked ${bytes(t.unpackedSize)}, ${t.files} files` : 'n/a'],
		[
			`Trigger drain with Fetch Full Reservation, ${fmtInt(FETCH_FULL_N)} reservations, 30 ms round trip, 2 s poll budget (unit harness)`,
			data.fetchFull
				? `${ms(data.fetchFull.ms)} in ${data.fetchFull.polls} polls (slowest ${ms(data.fetchFull.slowestPollMs)}), ${data.fetchFull.requestsPerReservation.toFixed(2)} requests per reservation`
				: 'n/a',
		],
	];
	line();

	if (errors.length) {
		line('## Something broke');
		for (const e of errors) line(`- ${e}`);
		line();
	}

	/* details (absolute) on stderr */
	const details = [];
	for (const L of LATENCIES) {
		for (const key of ['cursor', 'byDate', 'blocks']) {
			const x = timed[L]?.[key];
			if (!x) continue;
			details.push(
				`${L} ms ${key}: rezStream ${ms(med(x.ours))} [${x.ours.map(Math.round).join(', ')}] (${x.oursRequests.join('/')} req), HTTP Request ${ms(med(x.http))} [${x.http.map(Math.round).join(', ')}] (${x.httpRequests.join('/')} req), orders ${(x.variants ?? []).join('')}`,
			);
		}
		const d = drains[L];
		if (d) {
			details.push(`${L} ms raw fetch ${ms(med(d.raw.map((r) => r.ms)))} [${d.raw.map((r) => Math.round(r.ms)).join(', ')}] (${d.raw[0]?.requests} req); trigger poll ${ms(med(d.poll.map((r) => r.ms)))} [${d.poll.map((r) => Math.round(r.ms)).join(', ')}]`);
		}
	}
	if (data.scale) {
		const sc2 = data.scale;
		details.push(`0 ms at ${SCALE_N}: raw fetch ${ms(med(sc2.raw.map((r) => r.ms)))} [${sc2.raw.map((r) => Math.round(r.ms)).join(', ')}]; trigger poll ${ms(med(sc2.poll.map((r) => r.ms)))} [${sc2.poll.map((r) => Math.round(r.ms)).join(', ')}]`);
	}
	details.push(`start with ${start.with.map(Math.round).join(', ')} ms; without ${start.without.map(Math.round).join(', ')} ms`);
	if (h) details.push(`heap before ${bytes(h.before)}, after ${bytes(h.after)}, extra ${bytes(h.extra)}, JSON of items ${bytes(h.jsonBytes)} (json only ${bytes(h.jsonOnlyBytes)}), Return All took ${ms(h.ms)}`);
	process.stderr.write(`\n[bench] details (absolute, this machine):\n${details.map((d) => `  ${d}`).join('\n')}\n\n`);

	/* Markdown */
	const md = [];
	md.push(`### Benchmark (\`npm run bench\`)`);
	md.push('');
	md.push(`Ratios from one run of \`npm run bench\` on ${m.cpu}, ${m.nproc} cores, ${m.memory} RAM (${m.os}); n8n ${m.n8n} on Node ${m.node24}, stand-in on Node ${m.node}. Each timing ran with the stand-in answering at once (0 ms: CPU cost) and with a simulated 30 ms round trip on every answer; goals hold for the 30 ms run. In-n8n figures are medians of ${REPS} \`n8n execute\` runs per latency (each node's \`executionTime\` from the run data), after one warm-up run of each node kind in the same execution, alternating which node of a pair runs first; the raw \`fetch\` loop and the trigger are medians of ${TRIGGER_REPS} runs after one warm-up.`);
	md.push('');
	md.push(`| Comparison (ratio of times) | 0 ms (CPU cost) | 30 ms round trip | Goal (30 ms) | Result |`);
	md.push(`| --- | ---: | ---: | ---: | --- |`);
	for (const r of rows) md.push(`| ${r.join(' | ')} |`);
	md.push('');
	md.push(`| Measure | Result |`);
	md.push(`| --- | --- |`);
	for (const r of other) md.push(`| ${r.join(' | ')} |`);
	md.push('');
	md.push(`Requests per run (N = ${fmtInt(N)} updated reservations; offset lists fetched ${data.offsetConcurrency} pages at a time after the first):`);
	md.push('');
	md.push(...countTable);
	md.push('');
	md.push(
		'Notes: the trigger is timed outside n8n (unit harness, Node 24), since a scheduled poll cannot be timed inside an `n8n execute` run. The stand-in generates only 3 blocks per tenant and has no option for more, so the blocks list is served by a bench-side server with the stand-in\'s paging rules (`scripts/bench/blocks-server.js`). The raw `fetch` loop follows the same `next` links and parses the same JSON under Node 24.',
	);
	md.push('');
	md.push(`Reproduce: \`npm run bench\` (installs n8n ${m.n8n} and Node ${m.node24} into a cache on first use). Total run time here: ${(data.totalMs / 1000).toFixed(0)} s.`);
	const mdText = md.join('\n') + '\n';

	line('## Markdown for the README (also in .tmp/bench.md)');
	line();
	line(mdText);
	process.stdout.write(out.join('\n') + '\n');

	fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
	fs.writeFileSync(path.join(ROOT, '.tmp', 'bench.md'), mdText);
	fs.writeFileSync(path.join(ROOT, '.tmp', 'bench.json'), JSON.stringify({ ...data, errors }, null, 2));
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
