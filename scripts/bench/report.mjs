// The bench's report (scripts/bench.mjs): ratio lines with goals, details on stderr, and the
// Markdown for the README (.tmp/bench.md; raw data in .tmp/bench.json).
import fs from 'node:fs';
import path from 'node:path';
import {
	ROOT, REPS, TRIGGER_REPS, LATENCIES, GOAL_LATENCY, N, HEAP_N, SCALE_N, FETCH_FULL_N, OAUTH_EXPIRE_AT, GOALS, data, errors,
	fmtInt, median, ms, ratio, fx, bytes,
} from './settings.mjs';

function verdict(r, goal) {
	if (!Number.isFinite(r)) return 'n/a';
	return r <= goal ? 'PASS' : 'MISS';
}

/** Prints the results and writes .tmp/bench.md and .tmp/bench.json. `pairs`: every vendor's timed pairs. */
export function report(counts, timed, drains, start, pairs) {
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
	cmp('Cursor drain: node Return All (in n8n) vs raw fetch loop (Node 24)', GOALS.raw, (L) => ratio(med(timed[L]?.cursor?.ours), med(drains[L]?.raw.map((r) => r.ms))));
	const triggerCmp = comparisons.length;
	cmp('Cursor drain: trigger poll (unit harness, outside n8n) vs raw fetch loop', GOALS.raw, (L) => ratio(med(drains[L]?.poll.map((r) => r.ms)), med(drains[L]?.raw.map((r) => r.ms))));
	// Every vendor's [our node, HTTP Request node] pair (scripts/bench/vendors/).
	for (const p of pairs) cmp(p.label, p.goal, (L) => ratio(med(timed[L]?.[p.key]?.ours), med(timed[L]?.[p.key]?.http)));

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
	line(`${scaleLabel} (0 ms): ${fx(scaleRatio)} (no goal; at ${fmtInt(N)}: ${fx(comparisons[triggerCmp].values[0])})`);
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
		for (const { key, ours } of pairs) {
			const x = timed[L]?.[key];
			if (!x) continue;
			details.push(
				`${L} ms ${key}: ${ours.name} ${ms(med(x.ours))} [${x.ours.map(Math.round).join(', ')}] (${x.oursRequests.join('/')} req), HTTP Request ${ms(med(x.http))} [${x.http.map(Math.round).join(', ')}] (${x.httpRequests.join('/')} req), orders ${(x.variants ?? []).join('')}`,
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

