// The bench's drains outside n8n (rezStream, Node 24 children of scripts/bench/drain-child.js):
// the trigger's poll and a raw fetch loop over the same cursor pages, the same at 4x the backlog,
// the trigger with Fetch Full Reservation, and the heap of a Return All.
import path from 'node:path';
import {
	dev, ROOT, LATENCIES, N, FROM, TRIGGER_REPS, SCALE_N, SCALE_REPS, FETCH_FULL_N, HEAP_N, data, broken, fmtInt, progress, runChild,
} from './settings.mjs';

const { startRezStreamStandIn } = dev('standin', 'rezstream');

/** While the rezStream servers `S` (per latency) still run: trigger vs raw fetch, and at scale. */
export async function runDrains(n8nInfo, { S, tokens }) {
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

	return drains;
}

/** With their own stand-ins: the Fetch Full drain and the heap. */
export async function runFetchFullAndHeap(n8nInfo) {
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

}
