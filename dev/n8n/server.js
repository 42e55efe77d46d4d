'use strict';
/* N8nInstance methods for the server: start, stop, restart, logs, activation (see index.js). */
const fs = require('node:fs');
const path = require('node:path');
const { ANSI, fmt, phase, killGroup, spawnTracked, within } = require('./process');
const { tail } = require('./cli');

class ServerMethods {
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
}

module.exports = { ServerMethods };
