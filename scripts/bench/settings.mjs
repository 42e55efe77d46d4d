// Settings and shared state of the benchmark (scripts/bench.mjs): run sizes, goals, errors, the
// raw data written to .tmp/bench.json, cleanups, and small helpers used by several parts.
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The dev library (dev/): the n8n harness, the stand-ins and the credential builders. */
export const dev = (...p) => require(path.join(ROOT, 'dev', ...p));
export const { progress, median, ms, ratio, fx, bytes, runChild } = require('./util.js');

function argValue(name, fallback) {
	const i = process.argv.indexOf(name);
	if (i !== -1 && process.argv[i + 1] !== undefined) return Number(process.argv[i + 1]);
	return fallback;
}
export const REPS = Math.max(2, Math.min(20, argValue('--reps', Number(process.env.BENCH_REPS) || 4)));
export const TRIGGER_REPS = Math.max(2, Math.min(20, argValue('--trigger-reps', 5)));
export const LATENCIES = [0, 30];
// Queue mode's scale figure (scripts/bench/queue.mjs) runs last; `--no-queue` (or BENCH_QUEUE=0)
// leaves it out, `--queue-only` runs only it.
export const QUEUE_ONLY = process.argv.includes('--queue-only');
export const QUEUE = !process.argv.includes('--no-queue') && process.env.BENCH_QUEUE !== '0';
export const GOAL_LATENCY = 30;
export const N = 5000; // reservations per tenant in the drain stand-ins (the token sees tenant 0)
export const CAPS = [25, 50, 100];
export const HEAP_N = 10000;
export const SCALE_N = 20000; // the trigger drain once more at 4x N, to show how its CPU cost grows
export const SCALE_REPS = 2;
export const STARTS = 2; // timed starts of n8n with and without the package (after one untimed start each)
export const BLOCKS = 3000;
export const FETCH_FULL_N = 2000; // the trigger drain with Fetch Full Reservation, at 30 ms
export const FROM = '2000-01-01T00:00:00Z'; // before every reservation: the drains see all N
export const OAUTH_EXPIRE_AT = 25; // the OAuth2 access token expires before this API request
export const LIMIT_RULE = { cap: 50, limit: 250 };
export const WATCHDOG_MS = 45 * 60 * 1000; // queue mode (last) adds up to ~10 min on a busy machine
export const GOALS = { raw: 1.15, http: 1.0, offset: 0.5 };

export const errors = [];
export const data = { settings: { REPS, TRIGGER_REPS, LATENCIES, N, CAPS, HEAP_N, BLOCKS, FROM } };
export const cleanups = [];

export function broken(what, error) {
	const text = `${what}: ${error && error.message ? error.message : error}`;
	errors.push(text);
	progress(`ERROR ${text}`);
}

export const watchdog = setTimeout(() => {
	progress(`the benchmark did not finish within ${WATCHDOG_MS / 60000} min: stopping`);
	process.exit(3); // the harness kills its children on exit
}, WATCHDOG_MS);
watchdog.unref();

export const enc = encodeURIComponent;
export const fmtInt = (n) => (Number.isFinite(n) ? n.toLocaleString('en-US') : 'n/a');
export const byStay = (a, b) => (a.arrival < b.arrival ? -1 : a.arrival > b.arrival ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A window of stay dates holding a few thousand of tenant 0's reservations, and them in API order. */
export function stayWindow(s) {
	const list = s.listReservations(s.tenants[0].id);
	const arrivals = list.map((r) => r.arrival).sort();
	const from = arrivals[Math.floor(arrivals.length * 0.2)];
	const to = arrivals[Math.floor(arrivals.length * 0.8)];
	const rows = list.filter((r) => r.arrival < to && r.departure > from).sort(byStay);
	return { from, to, ids: rows.map((r) => r.id) };
}

export function blocksWindow(b) {
	const day = (d) => new Date(Date.now() + d * 86400000).toISOString().slice(0, 10);
	const from = day(-400);
	const to = day(800);
	const rows = b.blocks.filter((x) => x.arrival < to && x.departure > from).sort(byStay);
	return { from, to, ids: rows.map((r) => r.id) };
}

/** Requests a server saw while a node ran (by arrival time), on a path. */
export function requestsDuring(server, task, pathRe) {
	const end = task.startTime + task.executionTime;
	return server.requests.filter((r) => r.at >= task.startTime && r.at <= end && pathRe.test(r.path)).length;
}

export function sameOrder(a, b) {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

/** Times `inst.start()` to readiness, polling /healthz/readiness every 50 ms beside it. */
export async function timedStart(inst) {
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

