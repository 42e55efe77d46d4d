'use strict';
/* N8nInstance (one n8n user folder) and createInstance(); the methods come from cli.js, server.js, rest.js. */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const { ANSI, fmt, phase, liveChildren, killGroup, freePort } = require('./process');
const { REPO_ROOT, ensureN8n, installPackage } = require('./install');
const { ENCRYPTION_KEY, V1_ENV, baseEnv, QUIET_N8N_ENV, loopbackN8nEnv } = require('./env');
const { CliMethods } = require('./cli');
const { ServerMethods } = require('./server');
const { RestMethods } = require('./rest');
const { E2E_OWNER } = require('./owner');

class N8nInstance {
	constructor({ n8n, userFolder, env, port, packageInfo, owner = E2E_OWNER }) {
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
		this.owner = owner; // who rest() logs in as (dev/n8n/owner.js)
		this.ownerReady = false;
		this.logChunks = [];
		this.cliCount = 0;
		this.serverCount = 0;
		this.logDir = path.join(userFolder, 'logs');
		fs.mkdirSync(this.logDir, { recursive: true });
		// What start() runs and where it asks for readiness: `n8n start` on this.url by default;
		// dev/queue/index.js sets them for `n8n worker` (its health port) and `n8n webhook`.
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

for (const Mixin of [CliMethods, ServerMethods, RestMethods]) {
	for (const key of Object.getOwnPropertyNames(Mixin.prototype)) {
		if (key !== 'constructor') Object.defineProperty(N8nInstance.prototype, key, Object.getOwnPropertyDescriptor(Mixin.prototype, key));
	}
}

/** A fresh n8n user folder with the built package installed as a community package. */
async function createInstance({ packageDir = REPO_ROOT, env = {}, installPackage: install = true, port: wantedPort, owner } = {}) {
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
			return new N8nInstance({ n8n, userFolder, env: fullEnv, port, packageInfo, owner });
		},
		timings,
	);
	instance.timings.push(...timings);
	return instance;
}

module.exports = { N8nInstance, createInstance };
