#!/usr/bin/env node
// Runs every test suite and ends with the plain line `N passed, N failed` summed over them.
//   node scripts/run-tests.mjs          unit, setup, e2e, e2e-1x, queue (QUEUE_REPS=2)
//   node scripts/run-tests.mjs unit     one suite (also: setup, e2e, e2e-1x, queue)
// Installs the dev dependencies when they are missing and always builds first (SKIP_BUILD=1
// skips the build), so that it works on a fresh clone. Every n8n the chosen suites need is
// installed up front by scripts/ensure-n8n.sh, before any test starts, each with its own
// progress lines (the 2.x and 1.x installs run side by side): no test waits on an install.
//   unit    the node code over real HTTP against the stand-ins (seconds)
//   setup   the installer's own steps into an empty folder, under the npm configuration this
//           script was started with (a fresh-machine check a cached install cannot hide), and
//           the published file list (a few minutes)
//   e2e     the built package inside a real n8n 2.x
//   e2e-1x  the same e2e files against the newest n8n 1.x and the Node it runs on
//   queue   n8n 2.x in queue mode: Redis, PostgreSQL (apt-get when missing), main, 2 workers,
//           webhook processor (test/e2e-queue/, QUEUE_REPS rounds, default 4)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const N8N_2X = { E2E_N8N_VERSION: '2.41.1', E2E_NODE_VERSION: '24.21.0' };
const N8N_1X = { E2E_N8N_VERSION: '1.123.81', E2E_NODE_VERSION: '22.23.3' };
// suite name -> jest project, the environment it runs with, and the n8n it needs installed
const SUITES = {
	unit: { project: 'unit' },
	setup: { project: 'setup' },
	e2e: { project: 'e2e', env: N8N_2X, n8n: N8N_2X },
	'e2e-1x': { project: 'e2e', env: N8N_1X, n8n: N8N_1X },
	// n8n 2.x in queue mode (Redis + PostgreSQL from apt, main, 2 workers, webhook processor).
	// `npm test` runs it with QUEUE_REPS=2 (CI budget); `npm run test:queue` with the full count.
	queue: { project: 'queue', env: N8N_2X, n8n: N8N_2X },
};
const DEFAULT_SUITES = ['unit', 'setup', 'e2e', 'e2e-1x', 'queue'];
const suites = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT_SUITES;
// The full run (`npm test`, CI) keeps the queue suite's repetitions low; `npm run test:queue`
// (suite named explicitly) runs the full count unless QUEUE_REPS says otherwise.
if (!process.argv.slice(2).length && !process.env.QUEUE_REPS) process.env.QUEUE_REPS = '2';
const unknown = suites.filter((s) => !SUITES[s]);
if (unknown.length) {
	console.log(`[test] unknown suite(s) ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}`);
	console.log('0 passed, 1 failed');
	process.exit(1);
}
const started = Date.now();
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1);

function run(command, args, options = {}) {
	const t = Date.now();
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
	console.log(`[test] ${command} ${args.join(' ')}: exit ${result.status} in ${seconds(t)} s`);
	return result.status ?? 1;
}

/** scripts/ensure-n8n.sh for one n8n version; resolves to its exit code. */
function install({ E2E_N8N_VERSION: n8n, E2E_NODE_VERSION: node }) {
	const t = Date.now();
	return new Promise((resolve) => {
		const child = spawn('bash', [join(root, 'scripts', 'ensure-n8n.sh')], {
			cwd: root,
			env: { ...process.env, N8N_VERSION: n8n, NODE_VERSION: node },
			stdio: ['ignore', 'ignore', 'inherit'],
		});
		child.on('error', () => resolve(1));
		child.on('close', (code) => {
			console.log(`[test] n8n ${n8n} (node ${node}): ${code === 0 ? 'ready' : `install failed (exit ${code})`} after ${seconds(t)} s`);
			resolve(code ?? 1);
		});
	});
}

if (!existsSync(join(root, 'node_modules', '.bin', 'jest'))) {
	if (run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund']) !== 0) process.exit(1);
}
if (process.env.SKIP_BUILD !== '1' && run('npm', ['run', 'build', '--silent']) !== 0) {
	console.log('0 passed, 1 failed');
	process.exit(1);
}

const needed = [...new Map(suites.filter((s) => SUITES[s].n8n).map((s) => [SUITES[s].n8n.E2E_N8N_VERSION, SUITES[s].n8n])).values()];
const installFailed = new Set();
if (needed.length) {
	console.log(`[test] installing what the e2e suites need (first run on a machine: several minutes; later runs reuse it): ${needed.map((v) => `n8n ${v.E2E_N8N_VERSION}`).join(', ')}`);
	const t = Date.now();
	const codes = await Promise.all(needed.map(install));
	needed.forEach((v, i) => codes[i] !== 0 && installFailed.add(v.E2E_N8N_VERSION));
	console.log(`[test] installs done in ${seconds(t)} s`);
}

const outDir = join(root, '.tmp');
mkdirSync(outDir, { recursive: true });
let passed = 0;
let failed = 0;
let exitCode = 0;
for (const suite of suites) {
	const { project, env, n8n } = SUITES[suite];
	if (n8n && installFailed.has(n8n.E2E_N8N_VERSION)) {
		console.log(`[test] suite ${suite}: not run, n8n ${n8n.E2E_N8N_VERSION} did not install (see above): 0 passed, 1 failed`);
		failed += 1;
		exitCode = 1;
		continue;
	}
	const out = join(outDir, `jest-${suite}.json`);
	rmSync(out, { force: true });
	const t = Date.now();
	if (env) console.log(`[test] suite ${suite}: ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}`);
	const code = run(
		join(root, 'node_modules', '.bin', 'jest'),
		['--selectProjects', project, '--json', '--forceExit', `--outputFile=${out}`, ...(project === 'unit' ? [] : ['--runInBand'])],
		env ? { env: { ...process.env, ...env } } : {},
	);
	let report;
	try {
		report = JSON.parse(readFileSync(out, 'utf8'));
	} catch {
		report = undefined;
	}
	const p = report?.numPassedTests ?? 0;
	// A suite that could not run at all (no report, or a file that failed to load) counts as a failure.
	const f = (report?.numFailedTests ?? 0) + (report ? report.numRuntimeErrorTestSuites ?? 0 : 1);
	console.log(`[test] suite ${suite}: ${p} passed, ${f} failed in ${seconds(t)} s`);
	passed += p;
	failed += f;
	if (code !== 0) exitCode = 1;
}
console.log(`[test] total time ${seconds(started)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : exitCode);
