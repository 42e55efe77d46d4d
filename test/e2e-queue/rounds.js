'use strict';
/**
 * What the token cases share: production webhook calls fired `atOnce` at a time, round after
 * round, until at least `minRounds` rounds and `lifetimes` token lifetimes have passed (a fast
 * machine would otherwise finish inside one lifetime), bounded at `maxRounds`.
 */

/** GET url; { status, body (parsed JSON or null), text (the start of a non-JSON answer) }. */
async function call(url, init = {}) {
	const res = await fetch(url, { signal: AbortSignal.timeout(5 * 60 * 1000), ...init });
	const text = await res.text();
	let body = null;
	try {
		body = JSON.parse(text);
	} catch {
		/* not JSON: reported through status and text */
	}
	return { status: res.status, body, text: body ? '' : text.slice(0, 300) };
}

async function rounds({ url, atOnce, lifeMs, minRounds, lifetimes = 2.5, maxRounds = 60 }) {
	const t0 = Date.now();
	const answers = [];
	let round = 0;
	for (; round < maxRounds && (round < minRounds || Date.now() - t0 < lifetimes * lifeMs); round++) {
		answers.push(...(await Promise.all(Array.from({ length: atOnce }, () => call(url)))));
	}
	const elapsedMs = Date.now() - t0;
	return { answers, rounds: round, elapsedMs, lifetimes: elapsedMs / lifeMs };
}

/**
 * n8n 2.41's webhook processor now and then answers a successful execution without its data
 * ("... the last node did not return any data", see cases/logs.js): such an answer is judged by
 * the execution the worker stored, not counted as a failed call.
 */
const NO_DATA = 'Workflow executed successfully but the last node did not return any data';
const answeredWithoutData = (a) => a.status === 200 && a.body?.message === NO_DATA;

/**
 * n8n 2.41 checks a node's parameters before the workflow runs, and tests resource-locator ID
 * patterns (the Kaizala group's) in a vm with a 250 ms wall-clock limit (n8n-workflow
 * safe-regex.ts). On a starved machine (load 14 on 2 cores, seen once) that trivial pattern
 * "times out" and n8n fails the execution before any node ran: no call, no token. Counted and
 * reported apart, never taken for a token failure (README, queue mode).
 */
const REGEX_TIMEOUT = 'Regular expression execution timed out';
const starvedByN8n = (e) => e.status !== 'success' && e.error?.message === REGEX_TIMEOUT;

/** Names of the worker processes that ran these executions (from the workers' own logs). */
function workersUsed(q, executions) {
	const runs = q.workerRuns();
	return [...new Set(executions.flatMap((e) => runs.get(e.id) ?? []))].sort();
}

module.exports = { call, rounds, answeredWithoutData, starvedByN8n, workersUsed };
