#!/usr/bin/env node
// Runs every test suite and ends with the plain line `N passed, N failed` summed over them.
//   node scripts/run-tests.mjs          unit, then e2e, then e2e-1x
//   node scripts/run-tests.mjs unit     one suite (also: e2e, e2e-1x)
// Installs the dev dependencies when they are missing and always builds first, so that it
// works on a fresh clone. The e2e suites install their own n8n (scripts/ensure-n8n.sh).
// e2e-1x is the jest project e2e again, against the newest n8n 1.x and the Node it runs on
// (the package stays compatible with 1.x); its first run installs that n8n (about 4-5 minutes).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// suite name -> jest project and the environment it runs with
const SUITES = {
	unit: { project: 'unit' },
	e2e: { project: 'e2e' },
	'e2e-1x': { project: 'e2e', env: { E2E_N8N_VERSION: '1.123.81', E2E_NODE_VERSION: '22.23.3' } },
};
const suites = process.argv.slice(2).length ? process.argv.slice(2) : ['unit', 'e2e', 'e2e-1x'];
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

if (!existsSync(join(root, 'node_modules', '.bin', 'jest'))) {
	if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) process.exit(1);
}
if (process.env.SKIP_BUILD !== '1' && run('npm', ['run', 'build', '--silent']) !== 0) {
	console.log('0 passed, 1 failed');
	process.exit(1);
}

const outDir = join(root, '.tmp');
mkdirSync(outDir, { recursive: true });
let passed = 0;
let failed = 0;
let exitCode = 0;
for (const suite of suites) {
	const { project, env } = SUITES[suite];
	const out = join(outDir, `jest-${suite}.json`);
	rmSync(out, { force: true });
	const t = Date.now();
	if (env) console.log(`[test] suite ${suite}: ${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')}`);
	const code = run(
		join(root, 'node_modules', '.bin', 'jest'),
		[
			'--selectProjects',
			project,
			'--json',
			'--forceExit',
			`--outputFile=${out}`,
			...(project === 'e2e' ? ['--runInBand'] : []),
		],
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
