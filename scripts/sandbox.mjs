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
// n8n itself (2.41.1 and the Node.js 24 it needs) comes from test/support/n8n.js ensureN8n(), a
// cached install outside the checkout. The package is installed into the user folder from the
// fresh build at every start, the way n8n's community-package installer lays it out. Everything
// listens on 127.0.0.1 only. Ctrl-C stops n8n and the stand-in.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const harness = require(path.join(ROOT, 'test', 'support', 'n8n.js'));
// The harness installs SIGINT/SIGTERM/SIGHUP handlers that SIGKILL every child at once (right for
// a jest worker). The sandbox stops n8n cleanly itself; it keeps the harness's 'exit' handler as
// the last resort.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeAllListeners(signal);
// The harness prints its phases as `[e2e] …`; in the sandbox they are sandbox phases.
const stderrWrite = process.stderr.write.bind(process.stderr);
process.stderr.write = (chunk, ...rest) =>
	stderrWrite(typeof chunk === 'string' ? chunk.replace(/^\[e2e\] /gm, '[sandbox] ') : chunk, ...rest);

const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const DEMO_LOGIN = { email: 'demo@example.com', firstName: 'Demo', lastName: 'Innkeeper', password: 'Demo-sandbox-1' };
// n8n binds a session to the browser-id header it logged in with; N8nInstance.rest() sends this one.
const BROWSER_ID = 'e2e-harness-browser';
const TOKEN_CREDENTIAL_ID = 'rezstream-demo-token'; // what examples/*.json refer to
const OAUTH_CREDENTIAL_ID = 'rezstream-demo-oauth';
const DEMO_TENANT = 'Maple Inn';
const CHURN_EVERY_MS = 20 * 1000;
const CACHE = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), PKG.name);

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

/* ------------------------------------------------------------------ small helpers */

const t0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
const say = (msg) => process.stdout.write(`[sandbox] ${msg}\n`);

async function phase(label, fn) {
	const t = Date.now();
	try {
		return await fn();
	} finally {
		say(`${label}: ${secs(Date.now() - t)}`);
	}
}

function run(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''})`);
}

/** Resolves true when 127.0.0.1:port can be bound now (nothing else listens there). */
function portFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

function envPort(name, fallback) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return { port: fallback, explicit: false };
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name}=${raw} is not a port number`);
	return { port, explicit: true };
}

const exampleId = (file) => `example${createHash('sha1').update(path.basename(file)).digest('hex').slice(0, 9)}`;

function readExamples() {
	const dir = path.join(ROOT, 'examples');
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({ file: f, workflow: { ...JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), id: exampleId(f) } }));
}

/* ------------------------------------------------------------------ n8n */

/** The harness's instance on a fixed user folder and port, logged in as the demo owner. */
class SandboxInstance extends harness.N8nInstance {
	async login() {
		const post = (p, body) =>
			fetch(`${this.url}${p}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
				body: JSON.stringify(body),
				signal: AbortSignal.timeout(30 * 1000),
			});
		let res = await post('/rest/login', { emailOrLdapLoginId: DEMO_LOGIN.email, password: DEMO_LOGIN.password });
		if (!res.ok) {
			await res.arrayBuffer();
			throw new Error(`login as ${DEMO_LOGIN.email} failed: HTTP ${res.status}`);
		}
		this.cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
		await res.arrayBuffer();
	}
}

/** What every n8n child gets: like the harness's instances, but on this folder and port. */
function n8nEnv(n8n, userFolder, port) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|JEST_|npm_)|^(NODE_ENV|NODE_OPTIONS|NODE_PATH|INIT_CWD)$/.test(k)) continue;
		env[k] = v;
	}
	env.PATH = `${path.dirname(n8n.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`;
	const passed = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (k.startsWith('N8N_') && !['N8N_USER_FOLDER', 'N8N_PORT'].includes(k)) passed[k] = v;
	}
	return {
		...env,
		N8N_LOG_LEVEL: 'info',
		...harness.QUIET_N8N_ENV,
		...passed,
		// not overridable: this sandbox is local
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		...harness.loopbackN8nEnv(port),
	};
}

/**
 * Installs the built package as n8n's community-package installer would (as test/support/n8n.js
 * does for its throw-away folders): the files `npm pack` publishes, package.json without
 * dev/peer/optional dependencies, its `dependencies` installed, and the ledger entry (merged, so
 * packages installed through n8n's UI stay listed).
 */
async function installPackage(userFolder, env) {
	const declared = [...(PKG.n8n?.nodes ?? []), ...(PKG.n8n?.credentials ?? [])];
	const missing = declared.filter((f) => !fs.existsSync(path.join(ROOT, f)));
	if (missing.length) throw new Error(`the build did not produce ${missing.join(', ')}`);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', ...PKG.name.split('/'));
	const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: ROOT,
		encoding: 'utf8',
		env: { ...process.env, npm_config_loglevel: 'error' },
	});
	if (pack.status !== 0) throw new Error(`npm pack --dry-run failed:\n${pack.stderr}`);
	const files = JSON.parse(pack.stdout)[0].files.map((f) => f.path);
	await fsp.rm(target, { recursive: true, force: true });
	for (const rel of files) {
		await fsp.mkdir(path.dirname(path.join(target, rel)), { recursive: true });
		await fsp.copyFile(path.join(ROOT, rel), path.join(target, rel));
	}
	const { devDependencies, peerDependencies, optionalDependencies, ...installed } = PKG;
	await fsp.writeFile(path.join(target, 'package.json'), JSON.stringify(installed, null, 2));
	if (Object.keys(installed.dependencies ?? {}).length > 0) {
		run('npm', ['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'], { cwd: target, env, stdio: ['ignore', 'ignore', 'inherit'] });
	}
	const ledgerFile = path.join(nodesDir, 'package.json');
	let ledger = { name: 'installed-nodes', private: true, dependencies: {} };
	try {
		ledger = JSON.parse(await fsp.readFile(ledgerFile, 'utf8'));
	} catch {
		/* first start */
	}
	ledger.dependencies = { ...(ledger.dependencies ?? {}), [PKG.name]: PKG.version };
	await fsp.writeFile(ledgerFile, JSON.stringify(ledger, null, 2));
	return files.length;
}

/* ------------------------------------------------------------------ demo content */

/** The API v1 demo credentials (ids as examples/apiv1-*.json refer to them). */
function apiV1DemoCredentials(a) {
	const fixtures = require(path.join(ROOT, 'test', 'e2e', 'fixtures', 'apiv1.js'));
	const password = fixtures.passwordCredential(a, { name: 'API v1 demo (password grant)' });
	const code = fixtures.codeCredential(a, { name: 'API v1 demo (OAuth2)' });
	return [
		{ ...fixtures.importable(password), id: 'apiv1-demo-password' },
		{ ...fixtures.importable(code), id: 'apiv1-demo-oauth' },
	];
}

/** The Kaizala demo credential (id as examples/kaizala-*.json refers to it). */
function kaizalaDemoCredential(k) {
	return {
		id: 'kaizala-demo',
		name: 'Kaizala connector',
		type: 'kaizalaApi',
		data: { apiRoot: k.apiRoot, applicationId: k.applicationId, applicationSecret: k.applicationSecret, refreshToken: k.initialRefreshToken, allowedDomains: 'office.net, kaiza.la' },
	};
}

function demoCredentials(s) {
	const tenant = s.tenants.find((t) => t.name === DEMO_TENANT) ?? s.tenants[0];
	const common = { tenantId: '', apiVersion: '', baseUrl: s.url };
	const tokens = s.issueOAuthTokens({ tenants: [tenant.id] });
	return [
		{
			id: TOKEN_CREDENTIAL_ID,
			name: 'rezStream demo token',
			type: 'rezStreamApi',
			data: { accessToken: s.issueManualToken({ tenants: [tenant.id] }), ...common },
		},
		{
			id: OAUTH_CREDENTIAL_ID,
			name: 'rezStream demo OAuth2',
			type: 'rezStreamOAuth2Api',
			data: {
				grantType: 'authorizationCode',
				authUrl: `${s.url}/connect/authorize`,
				accessTokenUrl: `${s.url}/connect/token`,
				clientId: s.clientId ?? 'test-client',
				clientSecret: s.clientSecret ?? 'test-secret',
				scope: 'offline_access guest_communication revenue_management',
				multiTenant: false,
				authentication: 'body',
				...common,
				oauthTokenData: { access_token: tokens.access_token, refresh_token: tokens.refresh_token, token_type: 'Bearer' },
			},
		},
	];
}

async function setupOwner(inst) {
	const res = await fetch(`${inst.url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
		body: JSON.stringify(DEMO_LOGIN),
		signal: AbortSignal.timeout(30 * 1000),
	});
	await res.arrayBuffer();
	if (res.ok) return 'created';
	try {
		await inst.login();
		return 'exists';
	} catch {
		return 'changed'; // an owner exists, but the demo password no longer works
	}
}

/* ------------------------------------------------------------------ screenshot (CDP over a pipe) */

async function ensureChromium() {
	const bin = process.env.CHROMIUM || '/usr/bin/chromium';
	if (fs.existsSync(bin)) return bin;
	if (process.env.CHROMIUM || process.getuid?.() !== 0 || !fs.existsSync('/usr/bin/apt-get')) {
		throw new Error(`${bin} is missing. The screenshot needs Debian's chromium: sudo apt-get update && sudo apt-get install -y chromium (or CHROMIUM=/path/to/chromium)`);
	}
	await phase('apt-get install chromium', async () => {
		run('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'] });
		run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	});
	return bin;
}

/**
 * Headless Chromium driven through the DevTools protocol on a pipe (--remote-debugging-pipe:
 * commands on fd 3, answers on fd 4, NUL-separated JSON), so no npm package and no WebSocket.
 */
async function startChromium(bin) {
	const profile = await fsp.mkdtemp(path.join(os.tmpdir(), 'sandbox-chromium-'));
	const child = spawn(
		bin,
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--no-default-browser-check',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-extensions',
			'--hide-scrollbars',
			'--window-size=1440,900',
			`--user-data-dir=${profile}`,
			'--remote-debugging-pipe',
			'about:blank',
		],
		{ stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true },
	);
	let stderr = '';
	child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
	const exited = new Promise((resolve) => child.on('close', resolve));
	const toChrome = child.stdio[3];
	const fromChrome = child.stdio[4];
	let nextId = 1;
	const pending = new Map();
	const listeners = new Set();
	let buf = '';
	fromChrome.on('data', (d) => {
		buf += d.toString('utf8');
		let i;
		while ((i = buf.indexOf('\0')) !== -1) {
			const msg = JSON.parse(buf.slice(0, i));
			buf = buf.slice(i + 1);
			if (msg.id && pending.has(msg.id)) {
				const { resolve, reject, method } = pending.get(msg.id);
				pending.delete(msg.id);
				if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
				else resolve(msg.result);
			} else for (const l of listeners) l(msg);
		}
	});
	exited.then(() => {
		for (const { reject, method } of pending.values()) reject(new Error(`chromium exited during ${method}:\n${stderr}`));
		pending.clear();
	});
	const send = (method, params = {}, sessionId) =>
		new Promise((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve, reject, method });
			toChrome.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
		});
	const close = async () => {
		try {
			await Promise.race([send('Browser.close'), new Promise((r) => setTimeout(r, 3000))]);
		} catch {
			/* gone */
		}
		if (child.exitCode === null && child.signalCode === null) {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
		}
		await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
		await fsp.rm(profile, { recursive: true, force: true, maxRetries: 3 });
	};
	return { send, close, listeners };
}

async function screenshot(inst, workflowId, outFile) {
	const bin = await ensureChromium();
	const chrome = await startChromium(bin);
	try {
		const { targetId } = await chrome.send('Target.createTarget', { url: 'about:blank' });
		const { sessionId } = await chrome.send('Target.attachToTarget', { targetId, flatten: true });
		const page = (method, params) => chrome.send(method, params, sessionId);
		await page('Page.enable');
		await page('Runtime.enable');
		await page('Emulation.setDeviceMetricsOverride', { width: 1440, height: 900, deviceScaleFactor: 1, mobile: false });
		const evaluate = async (expression) => {
			const r = await page('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
			if (r.exceptionDetails) throw new Error(`page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
			return r.result.value;
		};
		const waitFor = async (what, expression, timeoutMs = 60 * 1000) => {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				let value;
				try {
					value = await evaluate(expression);
				} catch {
					/* page still navigating */
				}
				if (value) return value;
				if (Date.now() > deadline) throw new Error(`the editor did not show ${what} within ${secs(timeoutMs)}`);
				await new Promise((r) => setTimeout(r, 250));
			}
		};
		const navigate = async (url) => {
			await page('Page.navigate', { url });
			await waitFor(`${url} loaded`, `document.readyState === 'complete' && location.href.startsWith(${JSON.stringify(inst.url)})`);
		};
		// Log in from inside the page, so the browser keeps n8n's auth cookie and the browser-id the
		// editor sends with it.
		await navigate(`${inst.url}/signin`);
		const status = await evaluate(`(async () => {
			let id = localStorage.getItem('n8n-browserId');
			if (!id) { id = crypto.randomUUID(); localStorage.setItem('n8n-browserId', id); }
			const r = await fetch('/rest/login', { method: 'POST', credentials: 'include',
				headers: { 'content-type': 'application/json', 'browser-id': id },
				body: JSON.stringify(${JSON.stringify({ emailOrLdapLoginId: DEMO_LOGIN.email, password: DEMO_LOGIN.password })}) });
			return r.status;
		})()`);
		if (status !== 200) throw new Error(`login in the browser failed: HTTP ${status}`);
		await navigate(`${inst.url}/workflow/${workflowId}`);
		const nodeCount = await waitFor('the workflow canvas', `document.querySelectorAll('[data-test-id="canvas-node"]').length`);
		// Run it the way a user does: the "Execute workflow" button; then every node shows its items.
		await waitFor('the Execute workflow button', `!!document.querySelector('[data-test-id="execute-workflow-button"]')`);
		await evaluate(`document.querySelector('[data-test-id="execute-workflow-button"]').click(), true`);
		await waitFor(
			'a finished run',
			`document.querySelectorAll('[data-test-id="canvas-node"] [data-test-id="canvas-node-status-success"]').length >= ${nodeCount - 1}`,
			120 * 1000,
		);
		await new Promise((r) => setTimeout(r, 1500)); // toasts and edges settle
		// Close "Workflow executed successfully" toasts so they do not cover the canvas.
		await evaluate(`document.querySelectorAll('.el-notification .el-notification__closeBtn').forEach((b) => b.click()), true`);
		await evaluate(`document.activeElement && document.activeElement.blur(), true`);
		// Fit, then one step smaller, so the floating "Execute workflow" button covers no node.
		for (const button of ['zoom-to-fit', 'zoom-out-button']) {
			await evaluate(`document.querySelector('[data-test-id="${button}"]')?.click(), true`);
			await new Promise((r) => setTimeout(r, 700));
		}
		await page('Input.dispatchMouseEvent', { type: 'mouseMoved', x: 1400, y: 450 }); // no hover effects
		await new Promise((r) => setTimeout(r, 500));
		const { data } = await page('Page.captureScreenshot', { format: 'png', captureBeyondViewport: false });
		await fsp.mkdir(path.dirname(outFile), { recursive: true });
		await fsp.writeFile(outFile, Buffer.from(data, 'base64'));
		return { nodeCount };
	} finally {
		await chrome.close();
	}
}

/* ------------------------------------------------------------------ main */

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
		process.stdout.write(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 28).map((l) => l.replace(/^\/\/ ?/, '')).join('\n') + '\n');
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
	const inst = new SandboxInstance({ n8n, userFolder, env, port, packageInfo: null });
	const packageFiles = await phase(`install ${PKG.name} from dist/ into n8n`, () => installPackage(userFolder, env));

	let s = null;
	const demo = {};
	let creds = [];
	let examples = [];
	if (args.demo) {
		const { startRezStreamStandIn } = require(path.join(ROOT, 'test', 'support', 'rezstream-standin.js'));
		const apiPort = envPort('SANDBOX_API_PORT', 5679);
		let standInPort = shot ? 0 : apiPort.port;
		if (standInPort && !(await portFree(standInPort))) {
			if (apiPort.explicit) throw new Error(`SANDBOX_API_PORT=${standInPort}: that port on 127.0.0.1 is taken`);
			standInPort = 0;
		}
		s = await phase('start the rezStream stand-in (demo data)', () => startRezStreamStandIn({ port: standInPort, demo: true }));
		cleanups.push(() => s.close());
		s.startChurn({ everyMs: CHURN_EVERY_MS, create: 1, update: 2 });
		const { startApiV1StandIn } = require(path.join(ROOT, 'test', 'support', 'apiv1-standin.js'));
		const apiV1 = await phase('start the API v1 stand-in (Rails/Doorkeeper template)', () => startApiV1StandIn({ port: 0 }));
		cleanups.push(() => apiV1.close());
		demo.apiV1 = apiV1;
		const { startKaizalaStandIn } = require(path.join(ROOT, 'test', 'support', 'kaizala-standin.js'));
		const kaizala = await phase('start the Kaizala stand-in (token service + endpoint)', () => startKaizalaStandIn());
		cleanups.push(() => kaizala.close());
		demo.kaizala = kaizala;
		creds = [...demoCredentials(s), ...apiV1DemoCredentials(apiV1), kaizalaDemoCredential(kaizala)];
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
		owner = await phase('demo login', () => setupOwner(inst));
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
		const r = await phase('screenshot in headless Chromium', () => screenshot(inst, read.workflow.id, shot));
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
				? `  login         ${DEMO_LOGIN.email} (the demo password was changed in n8n; use yours)`
				: `  login         ${DEMO_LOGIN.email}  /  ${DEMO_LOGIN.password}`,
			`  stand-in      ${s.url}  rezStream API + OAuth server, demo data: ${s.tenants.map((t) => t.name).join(', ')};`,
			`                a reservation is created and two change every ${CHURN_EVERY_MS / 1000} s`,
			`  API v1        ${demo.apiV1.url}  stand-in of the Rails API template (password grant user ${demo.apiV1.users[0].email})`,
			`  Kaizala       ${demo.kaizala.apiRoot}  token service; endpoint ${demo.kaizala.endpointUrl()} (groups Front Desk, Housekeeping)`,
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
		? { credentials: demoCredentials, examples: readExamples, login: DEMO_LOGIN, churnMs: CHURN_EVERY_MS, apiPort: (await portFree(apiPort.port)) ? apiPort.port : 0 }
		: null;
	const lines = await startQueueSandbox({ port, demo, cleanups, phase, stopAll, say });
	const line = '─'.repeat(78);
	process.stdout.write([``, line, `  rezStream sandbox in queue mode, ready in ${secs(Date.now() - t0)}`, '', ...lines, '', '  Stop with Ctrl-C.', line, ''].join('\n'));
}

main().catch((error) => {
	process.stderr.write(`[sandbox] failed: ${error.message}\n`);
	stopAll(1);
});
