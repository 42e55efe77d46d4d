'use strict';
/*
 * Child processes of the n8n harness (each in its own process group, bounded, killed at the
 * latest when this process exits), timing, bounded waits and local fetch with retries.
 */
const { spawn } = require('node:child_process');
const net = require('node:net');

const ANSI = /\x1b\[[0-9;]*m/g;

/* ------------------------------------------------------------------ timing */

function fmt(ms) {
	return `${(ms / 1000).toFixed(1)}s`;
}

async function phase(label, fn, sink) {
	const t0 = Date.now();
	try {
		return await fn();
	} finally {
		const ms = Date.now() - t0;
		process.stderr.write(`[e2e] ${label}: ${fmt(ms)}\n`);
		if (sink) sink.push({ phase: label, ms });
	}
}

/* ------------------------------------------------------- child processes */

const liveChildren = new Set();

/**
 * Signals the child's process group (each child leads its own: spawned detached). With
 * `evenIfExited`, also after the leader exited, for what it left behind (n8n's task runner);
 * only call it that way right after the exit, while the group id cannot have been reused.
 */
function killGroup(child, signal, { evenIfExited = false } = {}) {
	if (!child?.pid) return;
	const exited = child.exitCode !== null || child.signalCode !== null;
	if (exited && !evenIfExited) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		if (!exited) {
			try {
				child.kill(signal);
			} catch {
				/* already gone */
			}
		}
	}
}

function killAllChildren() {
	for (const child of liveChildren) killGroup(child, 'SIGKILL');
}

// Last resort: the jest worker is exiting (also after a failed or timed-out test), or is being
// stopped by a signal (children in their own process groups do not get the terminal's Ctrl-C).
process.on('exit', killAllChildren);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.once(signal, () => {
		killAllChildren();
		if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
	});
}

function spawnTracked(cmd, args, options, owner) {
	const child = spawn(cmd, args, { ...options, detached: true });
	child.owner = owner; // the instance that started it, so its cleanup() kills only its own
	liveChildren.add(child);
	child.on('exit', () => liveChildren.delete(child));
	child.on('error', () => liveChildren.delete(child));
	return child;
}

/** Runs a command to its end, bounded: SIGTERM at timeoutMs, SIGKILL 5 s later. */
function runBounded(cmd, args, { env, cwd, timeoutMs, stderrInherit = false, owner }) {
	return new Promise((resolve, reject) => {
		const child = spawnTracked(
			cmd,
			args,
			{ env, cwd, stdio: ['ignore', 'pipe', stderrInherit ? 'inherit' : 'pipe'] },
			owner,
		);
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout.on('data', (d) => (stdout += d));
		if (child.stderr) child.stderr.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child, 'SIGTERM');
			setTimeout(() => killGroup(child, 'SIGKILL'), 5000).unref();
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr, timedOut });
		});
	});
}

/** Resolves `fallback` after ms, or earlier with what `promise` resolves to; leaves no timer. */
function within(promise, ms, fallback = 'timeout') {
	let timer;
	const t = new Promise((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
	return Promise.race([promise, t]).finally(() => clearTimeout(timer));
}

/** What a failed fetch() says, with its cause (Node's fetch hides it: "TypeError: fetch failed"). */
function describeFetchError(error) {
	const cause = error?.cause;
	const detail = cause ? ` (${[cause.code, cause.message].filter(Boolean).join(': ')})` : '';
	return `${error?.name === 'TimeoutError' ? 'timed out' : error?.message ?? String(error)}${detail}`;
}

/**
 * fetch() against the local n8n, retried (4 tries, 0.5-4 s apart) when the connection fails
 * before any answer: a loaded machine can reset or refuse a connection now and then. An answer,
 * whatever its status, is returned as it is. The last failure names its cause.
 */
async function fetchLocal(url, init, { what = url, tries = 4 } = {}) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await fetch(url, { ...init, signal: AbortSignal.timeout(30 * 1000) });
		} catch (error) {
			if (attempt >= tries) {
				throw new Error(`${what}: no answer from n8n after ${tries} tries: ${describeFetchError(error)}`);
			}
			await new Promise((r) => setTimeout(r, 500 * 2 ** (attempt - 1)));
		}
	}
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/* ----------------------------------------------------------- ensure n8n */

module.exports = { ANSI, fmt, phase, liveChildren, killGroup, killAllChildren, spawnTracked, runBounded, within, describeFetchError, fetchLocal, freePort };
