'use strict';
/* N8nInstance methods that run n8n's CLI: import, export, execute, publish (see index.js). */
const fsp = require('node:fs/promises');
const path = require('node:path');
const { fmt, phase, runBounded } = require('./process');

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

class CliMethods {
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
}

module.exports = { CliMethods, parseRun, itemsOf, tail };
