'use strict';
/**
 * Small helpers of the benchmark (scripts/bench.mjs): statistics, formatting, progress on
 * stderr, and a bounded child process that prints one `RESULT <json>` line.
 */
const { spawn } = require('node:child_process');

const started = Date.now();

/** Progress goes to stderr, with the seconds since the bench started. */
function progress(text) {
	process.stderr.write(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${text}\n`);
}

function median(values) {
	const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
	if (v.length === 0) return NaN;
	const mid = Math.floor(v.length / 2);
	return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : 'n/a');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
const fx = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}x` : 'n/a');

function bytes(n) {
	if (!Number.isFinite(n)) return 'n/a';
	if (Math.abs(n) >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
	if (Math.abs(n) >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
	return `${n} B`;
}

/**
 * Runs `cmd args` in its own process group, bounded by timeoutMs (SIGKILL of the group),
 * stderr passed through, and resolves the JSON of its last `RESULT ` line.
 */
function runChild(cmd, args, { timeoutMs = 5 * 60 * 1000, env = process.env, cwd } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
		let stdout = '';
		let timedOut = false;
		child.stdout.on('data', (d) => (stdout += d));
		const kill = () => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		};
		const timer = setTimeout(() => {
			timedOut = true;
			kill();
		}, timeoutMs);
		const onExit = () => kill();
		process.once('exit', onExit);
		child.on('error', (e) => {
			clearTimeout(timer);
			process.removeListener('exit', onExit);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			process.removeListener('exit', onExit);
			const line = stdout
				.split('\n')
				.reverse()
				.find((l) => l.startsWith('RESULT '));
			if (timedOut) return reject(new Error(`${args.join(' ').slice(0, 200)}: timed out after ${timeoutMs} ms`));
			if (code !== 0 || !line) {
				return reject(new Error(`child ${args[0]} failed (code ${code}, signal ${signal}):\n${stdout.slice(-3000)}`));
			}
			resolve(JSON.parse(line.slice('RESULT '.length)));
		});
	});
}

module.exports = { progress, median, ms, ratio, fx, bytes, runChild };
