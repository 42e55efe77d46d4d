'use strict';
/**
 * Real-n8n end-to-end harness: runs the BUILT package (`dist/`) inside a real n8n, installed the
 * way n8n's community-package installer installs it, in a throw-away user folder per instance.
 * A new vendor adds a stand-in server and test cases under test/e2e/, not a new harness.
 *
 *   const { createInstance } = require('../support/n8n');
 *   const n8n = await createInstance();          // ensures n8n, new user folder, installs the package
 *   afterAll(() => n8n.cleanup());               // stops the server, kills children, removes the folder
 *   await n8n.importCredentials([{ id, name, type, data }]);
 *   await n8n.importWorkflow(workflow);          // workflow.id: 16 characters
 *   const r = await n8n.execute(workflow.id);    // { code, signal, run, items(node), error, stdout, stderr }
 *   await n8n.publishWorkflow(id); await n8n.start(); await n8n.executions({ workflowId });
 *
 * Which n8n: E2E_N8N_VERSION (default 2.41.1) on the Node E2E_NODE_VERSION (default 24.21.0 for
 * n8n 2.x, 22.23.3 for 1.x), both handed to scripts/ensure-n8n.sh, which caches one install per
 * pair. The same tests run on both lines (`node scripts/run-tests.mjs e2e-1x` runs them on
 * 1.123.81); a test that cannot hold on one line is skipped there with `N8N_MAJOR` and a reason.
 *
 * API
 *   N8N_VERSION, N8N_MAJOR, NODE_VERSION   what this process runs against (from the env above)
 *   ensureN8n({ install = false }) -> Promise<{ dir, nodeBin, n8nBin, version, major, nodeVersion }>
 *     finds the install of scripts/ensure-n8n.sh once per process; tests never install (npm test
 *     does that before the suites), the sandbox and the bench pass install: true. nodeBin is
 *     the Node NODE_VERSION, n8nBin is n8n's bin script.
 *   createInstance({ packageDir = repo root, env = {}, installPackage = true, port = a free one }) -> N8nInstance
 *   N8nInstance
 *     .userFolder, .port, .url (http://127.0.0.1:<port>), .env (what every n8n child gets)
 *     .cli(args, { timeoutMs = 120 s, env }) -> { code, signal, stdout, stderr, timedOut }
 *     .importCredentials(array of { id, name, type, data })   data is plain; n8n encrypts it
 *     .importWorkflow(workflow | workflow[]) -> id(s)          fills active:false, settings, etc.
 *     .execute(workflowId, { timeoutMs }) -> { code, signal, run, items(nodeName, output = 0,
 *         runIndex = 0) -> json[], error (data.resultData.error or null), status, stdout, stderr }
 *     .exportCredential(id) -> decrypted credential { id, name, type, data, ... }
 *     .publishWorkflow(id)                  activates it for the next start()
 *     .start({ timeoutMs = 180 s })         `n8n start`, waits for GET /healthz/readiness = 200
 *                                           (1.x: and for its REST API, see restReady())
 *     .command, .healthUrl, .serverEnv, .wrapper, .name   what start() runs (['start']), where it
 *                                           asks for readiness (.url), extra env of the server
 *                                           only, a command prefix, a label for timings; set by
 *                                           test/support/n8n-queue.js for workers/webhook (queue mode)
 *     .stop({ timeoutMs = 30 s })           SIGTERM, then SIGKILL of its process group
 *     .restart()
 *     .waitForLog(pattern, { timeoutMs })  until the running server's output matches
 *     .waitForActivation(workflowId)       until n8n has activated a published workflow (first
 *                                           start of a folder; activation is asynchronous in 2.41;
 *                                           1.x: read from its log, it has no publication status)
 *     .rest(method, path, body)             n8n's internal REST API with an owner session
 *                                           (owner set up on first use, login after that)
 *     .executions({ workflowId, status, includeData = true }) -> finished executions, oldest
 *         first: { id, status, mode, startedAt, stoppedAt, run, items(nodeName), error }
 *     .logText()                            everything n8n printed so far (server and CLI runs)
 *     .timings                              [{ phase, ms }] measured by this instance
 *     .cleanup()                            stop, kill CLI children, remove the user folder
 *                                           (kept when E2E_KEEP_TMP=1, path printed)
 *   phase(label, fn)   times fn, prints `[e2e] <label>: 1.2s` to stderr
 *
 * How the package gets into n8n (read in n8n 2.41.1's code, modules/community-packages/):
 *   - The UI installer (CommunityPackagesService.downloadPackage) `npm pack`s the package, unpacks
 *     it to <N8N_USER_FOLDER>/.n8n/nodes/node_modules/<name>/, rewrites its package.json WITHOUT
 *     devDependencies, peerDependencies and optionalDependencies, runs `npm install` there (only
 *     `dependencies`), and records `<name>: <version>` in <...>/.n8n/nodes/package.json (the
 *     "ledger", { name: 'installed-nodes', private: true, dependencies }). We do the same: the
 *     files are exactly those `npm pack --dry-run` would publish.
 *   - n8n-workflow is therefore NOT installed beside the package (its peerDependency is stripped
 *     before `npm install`). It resolves from n8n's own node_modules, because
 *     LoadNodesAndCredentials.init() puts n8n's module paths into NODE_PATH. We reproduce that
 *     by not adding one: a copy beside the package would hide a wrong import that users would hit.
 *   - Loading does not need a row in installed_packages/installed_nodes: at every start and CLI
 *     command, CommunityPackagesModule.nodeLoaders() scans nodes/node_modules for `n8n-nodes-*`
 *     and `@*\/n8n-nodes-*` folders (scanDirectoryForPackages, LazyPackageDirectoryLoader). The rows
 *     only feed Settings > Community nodes and the reinstall-missing-packages check, so none are
 *     written here.
 *
 * Environment of every n8n child (see createInstance): a fresh N8N_USER_FOLDER, a fixed
 * N8N_ENCRYPTION_KEY, sqlite, 127.0.0.1 and free ports (N8N_PORT per instance, a fresh
 * N8N_RUNNERS_BROKER_PORT per process, so a CLI run beside the server does not take its port),
 * log level info (`execute --rawOutput` prints the run at info), the Node it runs on first on PATH, and
 * nothing inherited from the caller's N8N_*, DB_*, NODE_ENV (jest sets "test", and n8n then
 * refuses to load nodes), NODE_OPTIONS or NODE_PATH. Nothing calls out of the machine: diagnostics,
 * version notifications, templates and the MCP registry module (which fetches api.n8n.io at
 * start) are off; checked with strace (no connect() to anything but 127.0.0.1), on 2.41.1 and on
 * 1.123.81 (`n8n start`, 45 s).
 *
 * n8n 1.x (1.123.81, read in its installed code; everything else the harness does is the same there):
 *   - publish:workflow does not exist: publishWorkflow() runs `update:workflow --id=X --active=true`,
 *     which sets the same activeVersionId (import:workflow writes the workflow_history row).
 *   - `n8n start` listens and answers readiness 200 once the DB is migrated, but registers /rest/*
 *     only after that (404 until then): start() also waits for its `Version: <version>` line.
 *   - No publication-status endpoint: waitForActivation() waits for the log line
 *     `Activated workflow "<name>" (ID: <id>)` (or fails on `Issue on initial workflow activation`).
 *     As in 2.41, the workflows are activated after readiness, and activation includes one poll.
 *   - GET /rest/executions pages by `lastId`, not by cursor.
 *   - N8N_DISABLED_MODULES=mcp-registry is left out (1.x has no such module, and an unknown name
 *     stops every command at boot); N8N_RUNNERS_ENABLED=true (off by default in 1.x, always on in 2.x).
 *   - Same as 2.41: community packages load from <user folder>/.n8n/nodes/node_modules (the
 *     community-packages module's loadDir(); downloadPackage() strips dev/peer/optional
 *     dependencies the same way), n8n-workflow resolves through NODE_PATH, owner setup and login
 *     (`emailOrLdapLoginId`), /rest/oauth2-credential/*, /types/*.json, `execute --rawOutput`
 *     (the run as pretty JSON through the logger at info), import/export commands.
 *   - Node: 1.123's engines allow ">=20.19 <= 24.x", but its default expression engine ("vm",
 *     isolated-vm 6.2.0: engines node >= 22, prebuilt for Node 22 and 24 only) makes `n8n start`
 *     and `n8n execute` exit at boot on Node 20 ("No native build was found ... abi=115").
 *
 * Measured here (2 cores): a CLI command costs 4-6 s (n8n boots each time; the first one on a new
 * folder also runs the DB migrations, +3-4 s), `n8n start` is ready in 10-15 s, stop < 1 s.
 * Rarely (once in about 30 runs here) `n8n execute` dies of SIGSEGV while exiting, after its run:
 * execute() then returns the run with `signal: 'SIGSEGV'`; judge a run by `error`, not only `code`.
 *
 * Every child process runs in its own process group, is bounded by a timeout, and is killed by
 * stop()/cleanup() or, at the latest, when the jest worker exits or is stopped by a signal.
 * E2E_KEEP_TMP=1 keeps the user folder (logs/cli.log, logs/server-N.log, the sqlite DB).
 *
 * Adding a vendor: a stand-in server in test/support/, credential/node builders in
 * test/e2e/fixtures/<vendor>.js on top of fixtures/workflows.js (manualWorkflow, triggerWorkflow,
 * id16), and test/e2e/<vendor>-*.test.js. load.test.js already covers every node and credential
 * listed in package.json.
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { createRequire } = require('node:module');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** The n8n the suite runs against (E2E_N8N_VERSION), and the Node.js it runs on (E2E_NODE_VERSION). */
const N8N_VERSION = process.env.E2E_N8N_VERSION || '2.41.1';
const N8N_MAJOR = Number(N8N_VERSION.split('.')[0]);
// n8n 2.x needs Node >= 24. n8n 1.123's engines say ">=20.19 <= 24.x", but on Node 20 its
// default expression engine ("vm": isolated-vm 6.2.0, engines node >= 22, prebuilt only for Node
// 22 and 24) stops `n8n start` and `n8n execute` at boot: Node 22 for 1.x.
const NODE_VERSION = process.env.E2E_NODE_VERSION || (N8N_MAJOR >= 2 ? '24.21.0' : '22.23.3');
const ENCRYPTION_KEY = 'e2e-harness-fixed-encryption-key';
const OWNER = {
	email: 'e2e-owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Owner-password-1',
};
const BROWSER_ID = 'e2e-harness-browser';
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

let ensured;

/**
 * Finds n8n N8N_VERSION + Node NODE_VERSION in the cache of scripts/ensure-n8n.sh, once per
 * process. Tests never install (`npm test` installs every n8n it needs before the suites start):
 * without an install they fail at once with the command that installs it. The sandbox and the
 * bench pass { install: true }, which installs when missing (with the installer's progress).
 */
function ensureN8n({ install = false } = {}) {
	if (!ensured) {
		const label = install ? 'install check' : 'find the installed n8n';
		ensured = phase(`${label} (scripts/ensure-n8n.sh, n8n ${N8N_VERSION}, node ${NODE_VERSION})`, async () => {
			const args = [path.join(REPO_ROOT, 'scripts', 'ensure-n8n.sh'), ...(install ? [] : ['--check'])];
			const r = await runBounded('bash', args, {
				env: { ...process.env, N8N_VERSION, NODE_VERSION },
				cwd: REPO_ROOT,
				timeoutMs: (install ? 40 : 1) * 60 * 1000,
				stderrInherit: true,
			});
			const dir = r.stdout.trim().split('\n').pop();
			if (r.code === 3 && !install) {
				throw new Error(
					`n8n ${N8N_VERSION} (node ${NODE_VERSION}) is not installed. Run the suites through \`npm test\` (it installs n8n first), or install it once: N8N_VERSION=${N8N_VERSION} NODE_VERSION=${NODE_VERSION} bash scripts/ensure-n8n.sh`,
				);
			}
			if (r.code !== 0 || !dir) {
				throw new Error(`scripts/ensure-n8n.sh failed (code ${r.code}, signal ${r.signal})`);
			}
			const nodeBin = path.join(dir, 'node', 'node_modules', 'node', 'bin', 'node');
			const n8nBin = path.join(dir, 'n8n', 'node_modules', 'n8n', 'bin', 'n8n');
			for (const f of [nodeBin, n8nBin]) {
				if (!fs.existsSync(f)) throw new Error(`ensure-n8n.sh printed ${dir}, but ${f} is missing`);
			}
			const installed = JSON.parse(fs.readFileSync(path.join(dir, 'n8n', 'node_modules', 'n8n', 'package.json'), 'utf8')).version;
			if (installed !== N8N_VERSION) throw new Error(`ensure-n8n.sh printed ${dir}, which holds n8n ${installed}, not ${N8N_VERSION}`);
			return { dir, nodeBin, n8nBin, version: N8N_VERSION, major: N8N_MAJOR, nodeVersion: NODE_VERSION };
		});
		ensured.catch(() => (ensured = undefined));
	}
	return ensured;
}

/* ------------------------------------------------- package installation */

/** The files `npm pack` would publish, relative to packageDir. */
async function packedFiles(packageDir) {
	const r = await runBounded('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		env: { ...process.env, npm_config_loglevel: 'error' },
		cwd: packageDir,
		timeoutMs: 120 * 1000,
	});
	if (r.code !== 0) throw new Error(`npm pack --dry-run failed in ${packageDir}:\n${r.stderr}`);
	const [pack] = JSON.parse(r.stdout);
	return pack.files.map((f) => f.path);
}

async function installPackage(packageDir, nodesDir, env) {
	const pkg = JSON.parse(await fsp.readFile(path.join(packageDir, 'package.json'), 'utf8'));
	const declared = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = declared.filter((f) => !fs.existsSync(path.join(packageDir, f)));
	if (missing.length) {
		throw new Error(
			`The package is not built: ${missing.join(', ')} missing. Run \`npm run build\` first.`,
		);
	}
	const target = path.join(nodesDir, 'node_modules', ...pkg.name.split('/'));
	await fsp.mkdir(target, { recursive: true });
	for (const rel of await packedFiles(packageDir)) {
		await fsp.mkdir(path.dirname(path.join(target, rel)), { recursive: true });
		await fsp.copyFile(path.join(packageDir, rel), path.join(target, rel));
	}
	// As n8n's downloadPackage(): drop dev/peer/optional dependencies, then install the rest.
	const { devDependencies, peerDependencies, optionalDependencies, ...installed } = pkg;
	await fsp.writeFile(path.join(target, 'package.json'), JSON.stringify(installed, null, 2));
	if (Object.keys(installed.dependencies ?? {}).length > 0) {
		const r = await runBounded(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ env, cwd: target, timeoutMs: 10 * 60 * 1000 },
		);
		if (r.code !== 0) throw new Error(`npm install of the package's dependencies failed:\n${r.stderr}`);
	}
	// n8n's ledger of installed community packages.
	await fsp.writeFile(
		path.join(nodesDir, 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [pkg.name]: pkg.version } },
			null,
			2,
		),
	);
	return { name: pkg.name, version: pkg.version, dir: target };
}

/* ------------------------------------------------------------ the runs */

function parseRun(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((l) => l === '{');
	if (start === -1) return null;
	const end = lines.findIndex((l, i) => i > start && l === '}');
	if (end === -1) return null;
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return null;
	}
}

function itemsOf(run, nodeName, output = 0, runIndex = 0) {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs) return [];
	const out = runs[runIndex]?.data?.main?.[output];
	return (out ?? []).map((i) => i.json);
}

function tail(text, n = 60) {
	return text.split('\n').slice(-n).join('\n');
}

/* ------------------------------------------------------------ instance */

class N8nInstance {
	constructor({ n8n, userFolder, env, port, packageInfo }) {
		this.n8n = n8n;
		this.userFolder = userFolder;
		this.env = env;
		this.port = port;
		this.url = `http://127.0.0.1:${port}`;
		this.packageInfo = packageInfo;
		this.timings = [];
		this.workflowNames = new Map();
		this.server = null;
		this.cookie = null;
		this.ownerReady = false;
		this.logChunks = [];
		this.cliCount = 0;
		this.serverCount = 0;
		this.logDir = path.join(userFolder, 'logs');
		fs.mkdirSync(this.logDir, { recursive: true });
		// What start() runs and where it asks for readiness: `n8n start` on this.url by default;
		// test/support/n8n-queue.js sets them for `n8n worker` (its health port) and `n8n webhook`.
		// serverEnv: extra environment of the server only (not of CLI commands); wrapper: a command
		// prefix for the server (n8n-queue.js gives each process its own hostname with it).
		this.command = ['start'];
		this.healthUrl = this.url;
		this.serverEnv = {};
		this.wrapper = [];
		this.name = 'n8n';
	}

	log(source, text) {
		this.logChunks.push(`----- ${source} -----\n${text}`);
	}

	/** Everything n8n printed so far (CLI runs and servers, in order), without colour codes. */
	logText() {
		const live = this.server ? [`----- n8n start #${this.server.n} (running) -----\n${this.server.output}`] : [];
		return [...this.logChunks, ...live].join('\n').replace(ANSI, '');
	}

	async childEnv(extra = {}) {
		// A fresh task-broker port per process: a CLI run beside the server must not take its port.
		return { ...this.env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...extra };
	}

	/** Runs `n8n <args>` with Node 24, bounded. */
	async cli(args, { timeoutMs = 120 * 1000, env } = {}) {
		const n = ++this.cliCount;
		const r = await runBounded(this.n8n.nodeBin, [this.n8n.n8nBin, ...args], {
			env: await this.childEnv(env),
			cwd: this.userFolder,
			timeoutMs,
			owner: this,
		});
		const header = `n8n ${args.join(' ')} (#${n}: code ${r.code}${r.signal ? `, signal ${r.signal}` : ''}${r.timedOut ? ', TIMED OUT' : ''})`;
		const text = `${r.stdout}${r.stderr ? `\n[stderr]\n${r.stderr}` : ''}`;
		this.log(header, text);
		await fsp.appendFile(path.join(this.logDir, 'cli.log'), `===== ${header}\n${text}\n`);
		if (r.timedOut) {
			throw new Error(`${header} did not finish within ${fmt(timeoutMs)}\n${tail(text)}`);
		}
		return r;
	}

	/** cli() that must succeed; for idempotent commands (import, export, publish) only. */
	async cliOk(args, opts) {
		let r = await this.cli(args, opts);
		if (r.signal) {
			// the rare crash of n8n while it exits (see above): these commands can simply run again
			process.stderr.write(`[e2e] note: n8n ${args[0]} exited by ${r.signal}; running it again\n`);
			r = await this.cli(args, opts);
		}
		if (r.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} failed (code ${r.code}, signal ${r.signal}):\n${tail(r.stdout + r.stderr)}`);
		}
		return r;
	}

	async writeTemp(name, value) {
		const file = path.join(this.userFolder, 'tmp', `${Date.now()}-${Math.random().toString(36).slice(2)}-${name}`);
		await fsp.mkdir(path.dirname(file), { recursive: true });
		await fsp.writeFile(file, JSON.stringify(value, null, 2));
		return file;
	}

	async importCredentials(credentials) {
		const list = Array.isArray(credentials) ? credentials : [credentials];
		for (const c of list) {
			if (!c.id || !c.name || !c.type || typeof c.data !== 'object') {
				throw new Error(`importCredentials: each credential needs id, name, type, data (got ${JSON.stringify(c)})`);
			}
		}
		const file = await this.writeTemp('credentials.json', list);
		await phase(`import ${list.length} credential(s)`, () => this.cliOk(['import:credentials', `--input=${file}`]), this.timings);
	}

	async importWorkflow(workflows) {
		const list = (Array.isArray(workflows) ? workflows : [workflows]).map((w) => {
			if (typeof w.id !== 'string' || w.id.length !== 16) {
				throw new Error(`importWorkflow: workflow ids are 16 characters (got ${JSON.stringify(w.id)})`);
			}
			return {
				active: false,
				connections: {},
				settings: { executionOrder: 'v1' },
				pinData: {},
				...w,
			};
		});
		for (const w of list) this.workflowNames.set(w.id, w.name);
		const file = await this.writeTemp('workflows.json', list);
		await phase(`import ${list.length} workflow(s)`, () => this.cliOk(['import:workflow', `--input=${file}`]), this.timings);
		return Array.isArray(workflows) ? list.map((w) => w.id) : list[0].id;
	}

	/** Runs a workflow that starts with a Manual Trigger, through `n8n execute --rawOutput`. */
	async execute(workflowId, { timeoutMs = 180 * 1000 } = {}) {
		const name = this.workflowNames.get(workflowId);
		const r = await phase(
			`execute ${workflowId}${name ? ` "${name}"` : ''}`,
			() => this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], { timeoutMs }),
			this.timings,
		);
		const run = parseRun(r.stdout);
		if (!run) {
			throw new Error(
				`n8n execute --id=${workflowId} printed no run (code ${r.code}, signal ${r.signal}):\n${tail(r.stdout + '\n' + r.stderr)}`,
			);
		}
		if (r.signal) {
			process.stderr.write(`[e2e] note: n8n execute exited by ${r.signal} after printing its run\n`);
		}
		return {
			code: r.code,
			signal: r.signal,
			run,
			status: run.status,
			error: run.data?.resultData?.error ?? null,
			items: (nodeName, output = 0, runIndex = 0) => itemsOf(run, nodeName, output, runIndex),
			stdout: r.stdout,
			stderr: r.stderr,
		};
	}

	async exportCredential(id) {
		const file = path.join(this.userFolder, 'tmp', `credential-${id}-${Date.now()}.json`);
		await fsp.mkdir(path.dirname(file), { recursive: true });
		await phase(
			`export credential ${id}`,
			() => this.cliOk(['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`]),
			this.timings,
		);
		const list = JSON.parse(await fsp.readFile(file, 'utf8'));
		await fsp.rm(file, { force: true });
		const cred = Array.isArray(list) ? list[0] : list;
		if (!cred) throw new Error(`credential ${id} not found`);
		return cred;
	}

	async publishWorkflow(id) {
		// n8n 1.x has no publish:workflow; `update:workflow --active=true` (deprecated in 2.x) sets
		// the same activeVersionId that the next `n8n start` activates.
		const args = this.n8n.major >= 2 ? ['publish:workflow', `--id=${id}`] : ['update:workflow', `--id=${id}`, '--active=true'];
		await phase(`publish ${id}`, () => this.cliOk(args), this.timings);
	}

	/** `n8n start`; resolves when GET /healthz/readiness answers 200. */
	async start({ timeoutMs = 180 * 1000 } = {}) {
		if (this.server) throw new Error('n8n is already running');
		const n = ++this.serverCount;
		const logFile = path.join(this.logDir, `server-${n}.log`);
		await phase(
			`start ${this.name}`,
			async () => {
				const argv = [...this.wrapper, this.n8n.nodeBin, this.n8n.n8nBin, ...this.command];
				const child = spawnTracked(argv[0], argv.slice(1), {
					env: await this.childEnv(this.serverEnv),
					cwd: this.userFolder,
					stdio: ['ignore', 'pipe', 'pipe'],
				}, this);
				const server = { child, output: '', logFile, n, exited: null };
				server.exitPromise = new Promise((resolve) => {
					child.on('close', (code, signal) => {
						server.exited = { code, signal };
						resolve(server.exited);
					});
				});
				const onData = (d) => {
					server.output += d;
					fs.appendFileSync(logFile, d);
				};
				child.stdout.on('data', onData);
				child.stderr.on('data', onData);
				this.server = server;
				const deadline = Date.now() + timeoutMs;
				for (;;) {
					if (server.exited) {
						this.server = null;
						this.log(`n8n start #${n} (exited ${JSON.stringify(server.exited)})`, server.output);
						throw new Error(`n8n start exited before it was ready (${JSON.stringify(server.exited)}):\n${tail(server.output)}`);
					}
					if (Date.now() > deadline) {
						await this.stop();
						throw new Error(`n8n was not ready within ${fmt(timeoutMs)}:\n${tail(server.output)}`);
					}
					try {
						const res = await fetch(`${this.healthUrl}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
						if (res.status === 200 && this.restReady(server)) break;
					} catch {
						/* not listening yet */
					}
					await new Promise((r) => setTimeout(r, 500));
				}
			},
			this.timings,
		);
	}

	/**
	 * n8n 1.x listens, and answers readiness once the DB is migrated, BEFORE it registers its REST
	 * controllers (AbstractServer.init() vs start()): /rest/* answers 404 until start() has logged
	 * `Version: <version>` at its end. (2.41: REST is up when readiness says 200.)
	 */
	restReady(server) {
		if (this.n8n.major >= 2) return true;
		return server.output.replace(ANSI, '').includes(`Version: ${this.n8n.version}`);
	}

	async stop({ timeoutMs = 30 * 1000 } = {}) {
		const server = this.server;
		if (!server) return;
		await phase(
			`stop ${this.name}`,
			async () => {
				if (!server.exited) {
					try {
						server.child.kill('SIGTERM'); // n8n shuts its task runner down itself
					} catch {
						/* gone */
					}
					const result = await within(server.exitPromise, timeoutMs);
					if (result === 'timeout') {
						process.stderr.write(`[e2e] n8n did not stop within ${fmt(timeoutMs)}: SIGKILL\n`);
					}
				}
				killGroup(server.child, 'SIGKILL', { evenIfExited: true }); // leftovers (task runner)
				await within(server.exitPromise, 5000);
			},
			this.timings,
		);
		this.log(`n8n start #${server.n} (stopped ${JSON.stringify(server.exited)})`, server.output);
		this.server = null;
	}

	/**
	 * Waits until the running server's output (since its start) matches `pattern`, e.g.
	 * /Activated workflow .* \(ID: abc\)/ once n8n has activated a workflow (for a polling
	 * trigger: after its activation poll). Resolves to the match.
	 */
	async waitForLog(pattern, { timeoutMs = 60 * 1000 } = {}) {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const server = this.server;
			if (!server) throw new Error(`waitForLog(${pattern}): n8n is not running`);
			const match = server.output.replace(ANSI, '').match(pattern);
			if (match) return match;
			if (server.exited) throw new Error(`n8n exited while waiting for ${pattern}:\n${tail(server.output)}`);
			if (Date.now() > deadline) {
				throw new Error(`n8n did not log ${pattern} within ${fmt(timeoutMs)}:\n${tail(server.output)}`);
			}
			await new Promise((r) => setTimeout(r, 250));
		}
	}

	/**
	 * Waits until n8n has activated a published workflow's triggers (GET
	 * /rest/workflows/:id/publication-status says "published", every trigger "activated").
	 * In n8n 2.41 activation is asynchronous: `n8n start` is ready first, and an outbox consumer
	 * and a reconciler (every 10 s) activate published workflows after that; for a polling
	 * trigger, activation includes n8n's activation poll. Only meaningful on the first start of a
	 * folder: after a restart the stored status says "published" before the triggers run again.
	 */
	async waitForActivation(workflowId, { timeoutMs = 90 * 1000 } = {}) {
		if (this.n8n.major < 2) return await this.waitForActivationV1(workflowId, { timeoutMs });
		const deadline = Date.now() + timeoutMs;
		let status;
		return await phase(`activation of ${workflowId}`, async () => {
			for (;;) {
				status = await this.rest('GET', `/rest/workflows/${workflowId}/publication-status`);
				const triggers = status.triggers ?? [];
				if (status.status === 'published' && triggers.length > 0 && triggers.every((t) => t.status === 'activated')) {
					return status;
				}
				if (['failed', 'partial'].includes(status.status)) {
					throw new Error(`n8n could not activate ${workflowId}: ${JSON.stringify(status)}`);
				}
				if (Date.now() > deadline) {
					throw new Error(`${workflowId} was not activated within ${fmt(timeoutMs)}: ${JSON.stringify(status)}`);
				}
				await new Promise((r) => setTimeout(r, 500));
			}
		}, this.timings);
	}

	/**
	 * n8n 1.x has no publication status. `n8n start` is ready (GET /healthz/readiness) before
	 * ActiveWorkflowManager.init() activates the active workflows, which then logs, per workflow,
	 * `Activated workflow "<name>" (ID: <id>)` after its triggers and pollers were added (for a
	 * polling trigger: after its activation poll), or `Issue on initial workflow activation try of
	 * "<name>" (ID: <id>) (startup)` when that failed.
	 */
	async waitForActivationV1(workflowId, { timeoutMs }) {
		const id = workflowId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		return await phase(`activation of ${workflowId}`, async () => {
			const [line] = await this.waitForLog(
				new RegExp(`(Activated workflow|Issue on initial workflow activation try of) .*\\(ID: ${id}\\).*`),
				{ timeoutMs },
			);
			if (!line.startsWith('Activated workflow')) throw new Error(`n8n could not activate ${workflowId}: ${line}`);
			return { status: 'published', log: line };
		}, this.timings);
	}

	async restart(opts) {
		await this.stop();
		await this.start(opts);
	}

	/** n8n's internal REST API (/rest/...), with an owner session. */
	async rest(method, urlPath, body, { retryAuth = true } = {}) {
		if (!this.server) throw new Error('rest(): n8n is not running; call start() first');
		if (!this.cookie) await this.login();
		const res = await fetchLocal(
			`${this.url}${urlPath}`,
			{
				method,
				headers: {
					cookie: this.cookie,
					'browser-id': BROWSER_ID,
					...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				},
				body: body !== undefined ? JSON.stringify(body) : undefined,
			},
			// Only reads are repeated: a write whose answer was lost may already have been applied.
			{ what: `${method} ${urlPath}`, tries: method === 'GET' ? 4 : 1 },
		);
		if (res.status === 401 && retryAuth) {
			this.cookie = null;
			return this.rest(method, urlPath, body, { retryAuth: false });
		}
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${urlPath}: HTTP ${res.status} ${text.slice(0, 500)}`);
		const json = text ? JSON.parse(text) : null;
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	async login() {
		const post = (p, body) =>
			fetchLocal(
				`${this.url}${p}`,
				{
					method: 'POST',
					headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
					body: JSON.stringify(body),
				},
				{ what: `POST ${p}` },
			);
		let res;
		if (!this.ownerReady) {
			res = await post('/rest/owner/setup', OWNER);
			if (res.ok) this.ownerReady = true;
		}
		if (!res || !res.ok) {
			res = await post('/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
			if (!res.ok) throw new Error(`n8n login failed: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
			this.ownerReady = true;
		}
		const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
		this.cookie = cookies.join('; ');
		await res.arrayBuffer();
	}

	/** Finished executions (oldest first), read from the running server's REST API. */
	async executions({ workflowId, status, includeData = true } = {}) {
		const filter = {};
		if (workflowId) filter.workflowId = workflowId;
		if (status) filter.status = Array.isArray(status) ? status : [status];
		const summaries = [];
		let cursor;
		let lastId;
		for (let page = 0; page < 100; page++) {
			const q = new URLSearchParams({ limit: '100', filter: JSON.stringify(filter) });
			if (cursor) q.set('cursor', cursor);
			if (lastId) q.set('lastId', lastId);
			const data = await this.rest('GET', `/rest/executions?${q}`);
			summaries.push(...data.results);
			cursor = data.nextCursor;
			if (this.n8n.major < 2 && data.results.length >= 100) {
				// n8n 1.x pages by id, not by cursor: the next page is older than this one's oldest
				q.delete('cursor');
				cursor = undefined;
				lastId = String(Math.min(...data.results.map((e) => Number(e.id))));
				continue;
			}
			if (!cursor || data.results.length === 0) break;
		}
		const finished = summaries
			.filter((e) => !['new', 'running', 'waiting'].includes(e.status))
			.sort((a, b) => Number(a.id) - Number(b.id) || String(a.startedAt).localeCompare(String(b.startedAt)));
		if (!includeData) return finished;
		const flatted = createRequire(path.join(this.n8n.dir, 'n8n', 'node_modules', 'n8n', 'package.json'))('flatted');
		const out = [];
		for (const e of finished) {
			const full = await this.rest('GET', `/rest/executions/${e.id}`);
			const data = typeof full.data === 'string' ? flatted.parse(full.data) : full.data;
			const run = { ...full, data };
			out.push({
				id: e.id,
				workflowId: e.workflowId,
				status: e.status,
				mode: e.mode,
				startedAt: e.startedAt,
				stoppedAt: e.stoppedAt,
				run,
				error: data?.resultData?.error ?? null,
				items: (nodeName, output = 0, runIndex = 0) => itemsOf(run, nodeName, output, runIndex),
			});
		}
		return out;
	}

	/** One line: total time per kind of phase, e.g. `execute 52.3s (10)`. */
	timingSummary() {
		const byKind = new Map();
		for (const { phase: label, ms } of this.timings) {
			const kind = label.split(' ')[0];
			const k = byKind.get(kind) ?? { ms: 0, n: 0 };
			k.ms += ms;
			k.n += 1;
			byKind.set(kind, k);
		}
		return [...byKind].map(([kind, k]) => `${kind} ${fmt(k.ms)} (${k.n})`).join(', ');
	}

	async cleanup() {
		try {
			await this.stop();
			process.stderr.write(`[e2e] time by phase: ${this.timingSummary()}\n`);
		} finally {
			for (const child of [...liveChildren]) if (child.owner === this) killGroup(child, 'SIGKILL');
			if (process.env.E2E_KEEP_TMP === '1') {
				process.stderr.write(`[e2e] kept ${this.userFolder}\n`);
			} else {
				await fsp.rm(this.userFolder, { recursive: true, force: true, maxRetries: 3 });
			}
		}
	}
}

/**
 * What n8n 1.x needs on top of the 2.x environment (read in 1.123's @n8n/config): task runners
 * are off by default there (N8N_RUNNERS_ENABLED=false; always on in 2.x). On, as in 2.x: Code
 * runs in a runner child on the per-process N8N_RUNNERS_BROKER_PORT, and n8n does not log its
 * "running without task runners is deprecated" warning.
 */
const V1_ENV = { N8N_RUNNERS_ENABLED: 'true' };

function baseEnv(n8n) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		// Nothing from the caller's n8n/Node/jest setup may leak into the throw-away instance.
		// NODE_ENV matters most: jest sets it to "test", and n8n then refuses to load nodes.
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|JEST_)|^(NODE_ENV|NODE_OPTIONS|NODE_PATH|E2E_TESTS|GENERIC_TIMEZONE|WEBHOOK_URL)$/.test(k)) continue;
		env[k] = v;
	}
	env.PATH = `${path.dirname(n8n.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`;
	return env;
}

/**
 * Settings every local n8n of this project runs with (the e2e instances and the sandbox):
 * SQLite, and nothing that calls out at start (checked with strace: no connection leaves
 * 127.0.0.1).
 */
const QUIET_N8N_ENV = Object.freeze({
	DB_TYPE: 'sqlite',
	N8N_SECURE_COOKIE: 'false',
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	// the MCP registry module fetches https://api.n8n.io/api/mcp-servers at start
	N8N_DISABLED_MODULES: 'mcp-registry',
	// the default today; explicit so the deprecation notice does not fill the log
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	N8N_REINSTALL_MISSING_PACKAGES: 'false',
});

/** n8n listening on 127.0.0.1:<port> only, with its editor and task-runner broker there too. */
function loopbackN8nEnv(port) {
	return {
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
	};
}

/** A fresh n8n user folder with the built package installed as a community package. */
async function createInstance({ packageDir = REPO_ROOT, env = {}, installPackage: install = true, port: wantedPort } = {}) {
	const n8n = await ensureN8n();
	const timings = [];
	const instance = await phase(
		'create instance',
		async () => {
			const userFolder = await fsp.mkdtemp(path.join(os.tmpdir(), 'n8n-e2e-'));
			const nodesDir = path.join(userFolder, '.n8n', 'nodes');
			await fsp.mkdir(nodesDir, { recursive: true });
			const port = wantedPort ?? (await freePort());
			const fullEnv = {
				...baseEnv(n8n),
				N8N_USER_FOLDER: userFolder,
				N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
				N8N_PORT: String(port),
				N8N_LOG_LEVEL: 'info',
				...QUIET_N8N_ENV,
				...loopbackN8nEnv(port),
				...(n8n.major < 2 ? V1_ENV : {}),
				...env,
			};
			if (n8n.major < 2) {
				// 1.x has no mcp-registry module, and an unknown name in N8N_DISABLED_MODULES stops
				// every n8n command at boot (UnknownModuleError)
				if (!env.N8N_DISABLED_MODULES) delete fullEnv.N8N_DISABLED_MODULES;
			}
			const packageInfo = install ? await installPackage(packageDir, nodesDir, fullEnv) : null;
			return new N8nInstance({ n8n, userFolder, env: fullEnv, port, packageInfo });
		},
		timings,
	);
	instance.timings.push(...timings);
	return instance;
}

module.exports = {
	QUIET_N8N_ENV,
	loopbackN8nEnv,
	ensureN8n,
	createInstance,
	phase,
	freePort,
	REPO_ROOT,
	ENCRYPTION_KEY,
	N8nInstance,
	N8N_VERSION,
	N8N_MAJOR,
	NODE_VERSION,
	// for test/support/services.js and n8n-queue.js (queue mode)
	spawnTracked,
	killGroup,
	runBounded,
	within,
};
