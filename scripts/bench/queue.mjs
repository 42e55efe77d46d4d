/**
 * Queue-mode scale figure for `npm run bench` (also alone: `node scripts/bench/queue.mjs`):
 * executions per minute that trigger-started workflows reach in n8n's queue mode with one worker
 * and with two, at a 30 ms round trip to the API.
 *
 * Layout: dev/queue (Redis, PostgreSQL, main, webhook processor, workers with
 * n8n's default concurrency of 10). The workflow is a production Webhook trigger followed by the
 * rezStream node reading 100 updated reservations in pages of 25 (5 requests, each answered after
 * 30 ms) — a trigger starts every execution, through the webhook processor, as in production. A
 * polling trigger cannot measure workers: n8n polls each workflow at most once a minute.
 * CLIENTS callers keep calling the webhook for SECONDS each measurement (after a warm-up), so
 * that jobs always wait in the queue: the figure is what the workers sustain. First with worker-1
 * only, then with worker-2 started too. Every call must answer 200 with the 100 reservations:
 * failed calls are counted and reported.
 *
 * Settings: BENCH_QUEUE_SECONDS (default 45), BENCH_QUEUE_CLIENTS (default 20).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { startQueueCluster } = require('../../dev/queue');
const { startRezStreamStandIn } = require('../../dev/standin/rezstream');
const { importable } = require('../../dev/fixtures/ids');
const { rezStreamCredential, rezStreamNode } = require('../../dev/fixtures/rezstream');
// The queue suite's workflow builder (dev/queue, shared with test/e2e-queue).
const { webhookWorkflow } = require('../../dev/queue/workflows.js');
const { machineInfo } = require('./machine.js');

const LATENCY_MS = 30;
const RESERVATIONS = 100;
const PAGE = 25;

function log(text) {
	process.stderr.write(`[bench queue] ${text}\n`);
}

async function callOnce(url) {
	try {
		const res = await fetch(url, { signal: AbortSignal.timeout(120 * 1000) });
		const body = await res.json().catch(() => null);
		return res.status === 200 && Array.isArray(body) && body.length === RESERVATIONS;
	} catch {
		return false;
	}
}

/** `clients` loops calling `url` until `seconds` are over; counts answers, good and bad. */
async function drive(url, { clients, seconds }) {
	const t0 = Date.now();
	const end = t0 + seconds * 1000;
	let ok = 0;
	let failed = 0;
	await Promise.all(
		Array.from({ length: clients }, async () => {
			// bounded: at most one call per 10 ms of the window per client
			for (let i = 0; i < seconds * 100 && Date.now() < end; i++) {
				if (await callOnce(url)) ok++;
				else failed++;
			}
		}),
	);
	const elapsed = Date.now() - t0; // includes the calls in flight when the window closed
	return { ok, failed, elapsedMs: elapsed, perMinute: (ok / elapsed) * 60000 };
}

export async function benchQueue({
	seconds = Number(process.env.BENCH_QUEUE_SECONDS) || 45,
	clients = Number(process.env.BENCH_QUEUE_CLIENTS) || 20,
} = {}) {
	const t0 = Date.now();
	const s = await startRezStreamStandIn({ data: { reservations: RESERVATIONS }, maxPageSize: PAGE, latencyMs: LATENCY_MS });
	let q;
	try {
		const cred = rezStreamCredential(s, 'accessToken');
		const hook = webhookWorkflow({
			name: 'bench queue',
			nodes: [rezStreamNode('List', 'accessToken', cred, { resource: 'reservation', operation: 'getManyUpdated', updatedSince: '2000-01-01T00:00:00Z', returnAll: true })],
		});
		log('starting Redis, PostgreSQL and the n8n processes (minutes on a busy machine)');
		// info, not the suite's debug: logging is part of what an execution costs
		q = await startQueueCluster({ start: false, env: { N8N_LOG_LEVEL: 'info' } });
		await q.main.importCredentials([importable(cred)]);
		await q.main.importWorkflow(hook);
		await q.main.publishWorkflow(hook.id);
		await q.main.start({ timeoutMs: 300 * 1000 });
		await Promise.all([q.webhook.start({ timeoutMs: 300 * 1000 }), q.workers[0].start({ timeoutMs: 300 * 1000 })]);
		await q.main.waitForActivation(hook.id);
		const url = q.webhookUrl(hook.path);

		const results = {};
		for (const workers of [1, 2]) {
			if (workers === 2) await q.workers[1].start({ timeoutMs: 300 * 1000 });
			log(`${workers} worker(s): warm-up`);
			await drive(url, { clients, seconds: 5 });
			log(`${workers} worker(s): ${clients} callers for ${seconds} s`);
			results[workers] = await drive(url, { clients, seconds });
			log(`${workers} worker(s): ${results[workers].ok} executions (${results[workers].failed} failed) in ${(results[workers].elapsedMs / 1000).toFixed(1)} s`);
		}
		const runs = q.workerRuns();
		const perWorker = {};
		for (const names of runs.values()) for (const n of names) perWorker[n] = (perWorker[n] ?? 0) + 1;
		const machine = machineInfo({ nodeBin: q.main.n8n.nodeBin, n8nDir: q.main.n8n.dir });
		return { latencyMs: LATENCY_MS, clients, seconds, results, perWorker, machine, totalMs: Date.now() - t0 };
	} finally {
		if (q) await q.cleanup().catch((e) => log(`cleanup: ${e.message}`));
		await s.close();
	}
}

/** Report lines (stdout) and the README paragraph (.tmp/bench-queue.md). */
export function reportQueue(r) {
	const one = r.results[1];
	const two = r.results[2];
	const scale = two.perMinute / one.perMinute;
	const lines = [
		'## Queue mode (n8n 2.41.1: Redis, PostgreSQL, main, webhook processor, workers at concurrency 10)',
		`Trigger-started executions per minute at a ${r.latencyMs} ms round trip: 1 worker ${Math.round(one.perMinute)}/min, 2 workers ${Math.round(two.perMinute)}/min (${scale.toFixed(2)}x); failed calls ${one.failed + two.failed}`,
	];
	const md = [
		`| Workers | Executions per minute (${r.latencyMs} ms round trip) | Failed calls |`,
		'| ---: | ---: | ---: |',
		`| 1 | ${Math.round(one.perMinute)} | ${one.failed} |`,
		`| 2 | ${Math.round(two.perMinute)} (${scale.toFixed(2)}x) | ${two.failed} |`,
		'',
		`Measured by \`npm run bench\` on ${r.machine.cpu}, ${r.machine.nproc} cores: ${r.clients} callers kept a production webhook busy for ${r.seconds} s per row (after a 5 s warm-up); each execution reads ${RESERVATIONS} reservations in ${RESERVATIONS / PAGE + 1} requests. Executions per worker process over the run: ${Object.entries(r.perWorker).map(([k, v]) => `${k} ${v}`).join(', ')}. Total bench time ${(r.totalMs / 1000).toFixed(0)} s.`,
	];
	process.stdout.write(`${lines.join('\n')}\n\n${md.join('\n')}\n`);
	fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
	fs.writeFileSync(path.join(ROOT, '.tmp', 'bench-queue.md'), `${md.join('\n')}\n`);
	fs.writeFileSync(path.join(ROOT, '.tmp', 'bench-queue.json'), JSON.stringify(r, null, 2));
	return { scale, failed: one.failed + two.failed };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	let code = 0;
	try {
		reportQueue(await benchQueue());
	} catch (error) {
		log(`FAILED: ${error?.stack ?? error}`);
		code = 1;
	}
	process.exit(code);
}
