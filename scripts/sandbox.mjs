#!/usr/bin/env node
// `npm start`: a local sandbox of this package inside a real n8n, with a rezStream stand-in.
//
//   npm start                          demo mode: builds, starts the rezStream stand-in with demo
//                                      data (a small inn whose reservations keep changing), starts
//                                      n8n with the package loaded, imports demo credentials and
//                                      the example workflows, creates a demo login
//   npm start -- --no-demo             (or SANDBOX_DEMO=0) n8n with the package only, for real use
//   npm start -- --reset-examples      re-import the example workflows over your edited copies
//   npm start -- --queue               the same in n8n's queue mode: Redis + PostgreSQL (Debian
//                                      packages, apt-get as root when missing), main, 2 workers,
//                                      webhook processor; throw-away (scripts/sandbox/queue.mjs)
//   node scripts/sandbox.mjs --screenshot docs/sandbox-workflow.png
//                                      starts a throw-away demo sandbox on free ports, runs the
//                                      "read" example in headless Chromium, saves a PNG, stops.
//                                      Needs Debian's chromium (/usr/bin/chromium, or CHROMIUM=path);
//                                      run as root it installs it with apt-get when missing.
//
// Environment
//   N8N_PORT          n8n's port (default 5678); the sandbox stops with a message if it is taken
//   SANDBOX_API_PORT  the stand-in's port (default 5679, a free one when 5679 is taken)
//   SANDBOX_DIR       n8n's user folder (kept between runs: your workflows and credentials live
//                     there). Default ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-hospitality-connectors/
//                     sandbox-user, or .../sandbox-user-no-demo with --no-demo
//   SANDBOX_DEMO=0    the same as --no-demo
//   other N8N_*       passed on to n8n (for example N8N_LOG_LEVEL=debug, GENERIC_TIMEZONE)
//
// n8n itself (2.41.1 and the Node.js 24 it needs) comes from dev/n8n ensureN8n(), a
// cached install outside the checkout. The package is installed into the user folder from the
// fresh build at every start, the way n8n's community-package installer lays it out. Everything
// listens on 127.0.0.1 only. Ctrl-C stops n8n and the stand-in.
//
// Layout: scripts/sandbox/util.mjs (paths, ports, output), n8n.mjs (environment, package, demo
// owner), vendors/ (one module per demo vendor: stand-in, credentials, banner lines),
// screenshot.mjs, queue.mjs (--queue). The harness, stand-ins and credential builders are the
// dev library's (dev/), shared with the tests.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, PKG, CACHE, dev, t0, secs, say, phase, run, portFree, envPort, readExamples } from './sandbox/util.mjs';
import { n8nEnv, sandboxInstance, setupDemoOwner, installInto, DEMO_OWNER } from './sandbox/n8n.mjs';
import { screenshot } from './sandbox/screenshot.mjs';
import VENDORS from './sandbox/vendors/index.mjs';
import { CHURN_EVERY_MS } from './sandbox/vendors/rezstream.mjs';

const harness = dev('n8n');
// The harness installs SIGINT/SIGTERM/SIGHUP handlers that SIGKILL every child at once (right for
// a jest worker). The sandbox stops n8n cleanly itself; it keeps the harness's 'exit' handler as
// the last resort.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeAllListeners(signal);
// The harness prints its phases as `[e2e] …`; in the sandbox they are sandbox phases.
const stderrWrite = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) =>
	stderrWrite(typeof chunk === 'string' ? chunk.replace(/^\[e2e\] /gm, '[sandbox] ') : chunk, ...rest);

/* ------------------------------------------------------------------ arguments */

function parseArgs(argv) {
	const out = { demo: !['0', 'false', 'no', 'off'].includes(String(process.env.SANDBOX_DEMO ?? '').toLowerCase()), screenshot: null, resetExamples: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--no-demo') out.demo = false;
		else if (a === '--demo') out.demo = true;
		else if (a === '--reset-examples') out.resetExamples = true;
		else if (a === '--queue') out.queue = true;
		else if (a === '--screenshot') out.screenshot = argv[++i] || 'docs/sandbox-workflow.png';
		else if (a.startsWith('--screenshot=')) out.screenshot = a.slice('--screenshot='.length);
		else if (a === '-h' || a === '--help') out.help = true;
		else throw new Error(`unknown argument ${a} (try --help)`);
	}
	if (out.screenshot) out.demo = true;
	return out;
}

const cleanups = []; // run in reverse order when stopping
let stopping = null;
function stopAll(code) {
	if (!stopping) {
		stopping = (async () => {
			for (const fn of cleanups.reverse()) {
				try {
					await fn();
				} catch (e) {
					say(`while stopping: ${e.message}`);
				}
			}
		})().finally(() => process.exit(code));
	}
	return stopping;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		const lines = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
		const usage = lines.slice(1, lines.findIndex((l, i) => i > 0 && !l.startsWith('//')));
		process.stdout.write(usage.map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
		return;
	}
	const shot = args.screenshot ? path.resolve(process.cwd(), args.screenshot) : null;
	let signals = 0;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(signal, () => {
			if (++signals > 1) {
				say('stopping at once');
				process.exit(130); // the harness's exit handler SIGKILLs n8n
			}
			say(`${signal}: stopping n8n${args.demo ? ' and the stand-in' : ''} …`);
			stopAll(signal === 'SIGINT' ? 130 : 143);
		});
	}

	// Fail early on a taken n8n port (the screenshot uses free ports and a throw-away folder).
	const requested = envPort('N8N_PORT', 5678);
	const port = shot ? await harness.freePort() : requested.port;
	if (!shot && !(await portFree(port))) {
		throw new Error(`port ${port} on 127.0.0.1 is taken (another n8n or sandbox?). Stop it, or choose another port: N8N_PORT=5680 npm start`);
	}

	if (!fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'n8n-node'))) {
		await phase('npm ci', async () => run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund']));
	}
	await phase('build (npm run build)', async () => run('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] }));
	const n8n = await harness.ensureN8n({ install: true });
	if (args.queue && !shot) return await queueSandbox(args, port);

	const userFolder = shot
		? await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-sandbox-shot-'))
		: path.resolve(process.env.SANDBOX_DIR || path.join(CACHE, args.demo ? 'sandbox-user' : 'sandbox-user-no-demo'));
	if (shot) cleanups.push(() => fsp.rm(userFolder, { recursive: true, force: true, maxRetries: 3 }));
	await fsp.mkdir(userFolder, { recursive: true });
	await fsp.rm(path.join(userFolder, 'logs'), { recursive: true, force: true }); // this run's logs only
	const firstStart = !fs.existsSync(path.join(userFolder, '.n8n', 'database.sqlite'));
	const env = n8nEnv(n8n, userFolder, port);
	const inst = sandboxInstance({ n8n, userFolder, env, port });
	const packageFiles = await phase(`install ${PKG.name} from dist/ into n8n`, () => installInto(userFolder, env));

	const demo = []; // [vendor, its stand-in]
	let creds = [];
	let examples = [];
	if (args.demo) {
		for (const vendor of VENDORS) {
			const standIn = await phase(vendor.phase, () => vendor.start({ fixedPort: !shot }));
			cleanups.push(() => standIn.close());
			demo.push([vendor, standIn]);
		}
		creds = demo.flatMap(([vendor, standIn]) => vendor.credentials(standIn));
		examples = readExamples();
		await inst.importCredentials(creds);
		if (firstStart || args.resetExamples) await inst.importWorkflow(examples.map((e) => e.workflow));
		await fsp.rm(path.join(userFolder, 'tmp'), { recursive: true, force: true }); // import files hold tokens
	}

	cleanups.push(() => inst.stop());
	await inst.start();
	let owner = null;
	let reimported = 0;
	if (args.demo) {
		owner = await phase('demo login', () => setupDemoOwner(inst));
		inst.ownerReady = owner !== 'changed';
		if (!firstStart && !args.resetExamples && owner !== 'changed') {
			const missing = [];
			for (const e of examples) {
				const { exists } = await inst.rest('GET', `/rest/workflows/${e.workflow.id}/exists`);
				if (!exists) missing.push(e.workflow);
			}
			if (missing.length) {
				reimported = missing.length;
				await inst.importWorkflow(missing);
				await fsp.rm(path.join(userFolder, 'tmp'), { recursive: true, force: true });
			}
		}
	}

	if (shot) {
		const read = examples.find((e) => e.file === 'rezstream-read.json') ?? examples[0];
		const r = await phase('screenshot in headless Chromium', () => screenshot(inst, read.workflow.id, shot, DEMO_OWNER));
		say(`saved ${path.relative(process.cwd(), shot) || shot} (${r.nodeCount} nodes of "${read.workflow.name}", executed)`);
		await stopAll(0);
		return;
	}

	// n8n's own output from now on (the startup part is in the log file).
	const child = inst.server.child;
	const prefix = (d) => d.toString().replace(/^(?=.)/gm, '[n8n] ');
	child.stdout.on('data', (d) => process.stdout.write(prefix(d)));
	child.stderr.on('data', (d) => process.stderr.write(prefix(d)));
	inst.server.exitPromise.then((exit) => {
		if (stopping) return;
		say(`n8n exited unexpectedly (${JSON.stringify(exit)}); see ${path.join(userFolder, 'logs')}`);
		stopAll(1);
	});

	const line = '─'.repeat(78);
	const out = [
		'',
		line,
		`  sandbox ready in ${secs(Date.now() - t0)}${args.demo ? '' : '  (no demo: real use)'}`,
		'',
		`  n8n editor    ${inst.url}`,
	];
	if (args.demo) {
		out.push(
			owner === 'changed'
				? `  login         ${DEMO_OWNER.email} (the demo password was changed in n8n; use yours)`
				: `  login         ${DEMO_OWNER.email}  /  ${DEMO_OWNER.password}`,
			...demo.flatMap(([vendor, standIn]) => vendor.banner(standIn)),
			'  credentials   (re-imported at every start: the stand-ins issue new tokens)',
			...creds.map((c) => `                "${c.name}"  ${c.type}  id ${c.id}`),
			`  workflows     (${
				firstStart || args.resetExamples
					? 'imported now'
					: `imported on the first start${reimported ? ` (${reimported} you deleted: again now)` : ''}; kept as you edited them, --reset-examples re-imports`
			})`,
			...examples.map((e) => `                ${inst.url}/workflow/${e.workflow.id}  ${e.workflow.name}`),
			'',
			`  try first     log in, open "${(examples.find((e) => e.file === 'rezstream-read.json') ?? examples[0])?.workflow.name}"`,
			'                and click Execute workflow; then publish the trigger workflow and watch the',
			`                reservations that change every ${CHURN_EVERY_MS / 1000} s arrive in its executions`,
		);
	} else {
		out.push(
			`  login         ${firstStart ? 'open the editor and create the owner account' : 'the owner account you created in this folder'}`,
			'  credentials   create a "rezStream API" or "rezStream OAuth2 API" credential with your own token or client',
		);
	}
	out.push(
		`  package       ${PKG.name}@${PKG.version} (${packageFiles} files from dist/, installed as a community package)`,
		`  n8n folder    ${userFolder}  (kept between runs; logs in logs/)`,
		'',
		`  Stop with Ctrl-C: it stops n8n${args.demo ? ' and the stand-in' : ''}.`,
		line,
		'',
	);
	process.stdout.write(out.join('\n'));
}

/** `--queue`: scripts/sandbox/queue.mjs with this sandbox's demo content. */
async function queueSandbox(args, port) {
	const { startQueueSandbox } = await import('./sandbox/queue.mjs');
	const apiPort = envPort('SANDBOX_API_PORT', 5679);
	const demo = args.demo
		? { credentials: VENDORS[0].credentials, examples: readExamples, login: DEMO_OWNER, churnMs: CHURN_EVERY_MS, apiPort: (await portFree(apiPort.port)) ? apiPort.port : 0 }
		: null;
	const lines = await startQueueSandbox({ port, demo, cleanups, phase, stopAll, say });
	const line = '─'.repeat(78);
	process.stdout.write([``, line, `  rezStream sandbox in queue mode, ready in ${secs(Date.now() - t0)}`, '', ...lines, '', '  Stop with Ctrl-C.', line, ''].join('\n'));
}

main().catch((error) => {
	process.stderr.write(`[sandbox] failed: ${error.message}\n`);
	stopAll(1);
});
