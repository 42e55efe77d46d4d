'use strict';
/**
 * Child process of the benchmark, run with n8n's Node 24 (`ensureN8n().nodeBin`). It runs the
 * node code OUTSIDE n8n, through the unit harness (test/support/n8n-context.js, real HTTP), and
 * a raw `fetch` loop over the same pages, and prints one line `RESULT <json>`.
 *
 *   node drain-child.js '<json config>'
 *   config.mode = 'drains': { baseUrl, token, from, reps }
 *       times the raw fetch loop and the trigger's poll (startAt: dateTime = from), alternating
 *       which goes first, after one untimed warm-up of each.
 *   config.mode = 'fetchFull': { reservations, latencyMs, budgetMs }
 *       its own stand-in (latencyMs per answer); the trigger with Fetch Full Reservation polls
 *       from the start of the history until a poll finds nothing new: time, polls, the slowest
 *       poll, and requests per reservation (list pages and detail fetches together).
 *   config.mode = 'heap' (run with --expose-gc): { baseUrl, token, from }
 *       heapUsed after gc before and after holding the output of the node's Return All.
 */
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const ROOT = path.resolve(__dirname, '..', '..');
const { createHarness } = require(path.join(ROOT, 'dev', 'context'));

const cfg = JSON.parse(process.argv[2]);
const credentials = { rezStreamApi: { accessToken: cfg.token, tenantId: '', apiVersion: '', baseUrl: cfg.baseUrl } };
const noTenant = { __rl: true, mode: 'list', value: '' };

/** A plain loop: fetch, parse JSON, follow the `next` link, stop at an empty page or no link. */
async function rawDrain(firstUrl, token) {
	const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
	let url = firstUrl;
	let requests = 0;
	const items = [];
	for (let guard = 0; url && guard < 100000; guard++) {
		const res = await fetch(url, { headers });
		if (!res.ok) throw new Error(`raw fetch: HTTP ${res.status} for ${url}`);
		const page = await res.json();
		requests++;
		for (const item of page) items.push(item);
		const next = /<([^>]*)>\s*;\s*rel="next"/.exec(res.headers.get('link') ?? '');
		url = page.length > 0 && next ? next[1] : undefined;
	}
	return { items, requests };
}

function firstUrl() {
	const u = new URL('/reservations/updated', cfg.baseUrl);
	u.searchParams.set('from', cfg.from);
	u.searchParams.set('limit', '100');
	return u.toString();
}

async function timeRaw() {
	const t0 = performance.now();
	const r = await rawDrain(firstUrl(), cfg.token);
	return { ms: performance.now() - t0, items: r.items.length, requests: r.requests };
}

async function timePoll() {
	const h = createHarness({
		nodeName: 'RezStreamTrigger',
		parameters: {
			authentication: 'accessToken',
			event: 'newOrUpdated',
			startAt: 'dateTime',
			startDateTime: cfg.from,
			tenant: noTenant,
			options: {},
		},
		credentials,
	});
	const t0 = performance.now();
	// n8n's default poll budget (5 min): the drain is not cut short.
	const out = await h.poll({ mode: 'trigger', pollBudgetMs: 5 * 60 * 1000 });
	const elapsed = performance.now() - t0;
	const items = out ? out[0] : [];
	return { ms: elapsed, items: items.length, unique: new Set(items.map((i) => i.json.id)).size };
}

async function drains() {
	await timeRaw(); // warm-up, untimed
	await timePoll();
	const raw = [];
	const poll = [];
	for (let rep = 0; rep < cfg.reps; rep++) {
		if (rep % 2 === 0) {
			raw.push(await timeRaw());
			poll.push(await timePoll());
		} else {
			poll.push(await timePoll());
			raw.push(await timeRaw());
		}
	}
	return { raw, poll };
}

async function fetchFull() {
	const { startRezStreamStandIn } = require(path.join(ROOT, 'dev', 'standin', 'rezstream'));
	const s = await startRezStreamStandIn({ data: { reservations: cfg.reservations }, latencyMs: cfg.latencyMs, maxPageSize: 100 });
	try {
		const h = createHarness({
			nodeName: 'RezStreamTrigger',
			parameters: {
				authentication: 'accessToken',
				event: 'newOrUpdated',
				startAt: 'dateTime',
				startDateTime: '2000-01-01T00:00:00Z',
				tenant: noTenant,
				options: { fetchFullReservation: true },
				simplify: false,
			},
			credentials: { rezStreamApi: { accessToken: s.issueManualToken(), tenantId: '', apiVersion: '', baseUrl: s.url } },
		});
		s.clearRequests();
		const ids = new Set();
		let emitted = 0;
		let polls = 0;
		let slowest = 0;
		const t0 = performance.now();
		// Bounded: a 2 s budget drains at least a few dozen reservations a poll.
		for (let p = 0; p < 500; p++) {
			const t = performance.now();
			const out = await h.poll({ mode: 'trigger', pollBudgetMs: cfg.budgetMs });
			slowest = Math.max(slowest, performance.now() - t);
			polls++;
			const items = out ? out[0] : [];
			for (const item of items) ids.add(item.json.id);
			emitted += items.length;
			if (items.length === 0) break;
		}
		const ms = performance.now() - t0;
		const requests = s.apiRequests().length;
		return { ms, polls, slowestPollMs: slowest, emitted, unique: ids.size, requests, requestsPerReservation: requests / Math.max(1, ids.size) };
	} finally {
		await s.close();
	}
}

function gcAll() {
	for (let i = 0; i < 4; i++) global.gc();
}

async function heap() {
	if (typeof global.gc !== 'function') throw new Error('run with --expose-gc');
	const harness = (parameters) =>
		createHarness({
			nodeName: 'RezStream',
			parameters: {
				authentication: 'accessToken',
				resource: 'reservation',
				operation: 'getManyUpdated',
				updatedSince: cfg.from,
				tenant: noTenant,
				...parameters,
			},
			credentials,
		});
	// Warm-up: loads and compiles the code paths, so that the measurement sees only data.
	await harness({ returnAll: false, limit: 150 }).execute();
	const h = harness({ returnAll: true });
	gcAll();
	const before = process.memoryUsage().heapUsed;
	const t0 = performance.now();
	const output = await h.execute();
	const elapsed = performance.now() - t0;
	gcAll();
	const after = process.memoryUsage().heapUsed;
	const items = output[0];
	const jsonBytes = JSON.stringify(items).length;
	const jsonOnlyBytes = JSON.stringify(items.map((i) => i.json)).length;
	return { before, after, extra: after - before, items: items.length, jsonBytes, jsonOnlyBytes, ms: elapsed };
}

(async () => {
	const result = cfg.mode === 'heap' ? await heap() : cfg.mode === 'fetchFull' ? await fetchFull() : await drains();
	process.stdout.write(`RESULT ${JSON.stringify({ node: process.version, ...result })}\n`);
})().catch((error) => {
	process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
	process.exit(1);
});
