// Small helpers of the sandbox (scripts/sandbox.mjs): paths, output, ports, examples.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const require = createRequire(import.meta.url);
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
export const CACHE = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), PKG.name);
/** The dev library (dev/): the n8n harness, the stand-ins and the credential builders. */
export const dev = (...p) => require(path.join(ROOT, 'dev', ...p));

export const t0 = Date.now();
export const secs = (ms) => `${(ms / 1000).toFixed(1)}s`;
export const say = (msg) => process.stdout.write(`[sandbox] ${msg}\n`);

export async function phase(label, fn) {
	const t = Date.now();
	try {
		return await fn();
	} finally {
		say(`${label}: ${secs(Date.now() - t)}`);
	}
}

export function run(cmd, args, opts = {}) {
	const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...opts });
	if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''})`);
}

/** Resolves true when 127.0.0.1:port can be bound now (nothing else listens there). */
export function portFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

export function envPort(name, fallback) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return { port: fallback, explicit: false };
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name}=${raw} is not a port number`);
	return { port, explicit: true };
}

const exampleId = (file) => `example${createHash('sha1').update(path.basename(file)).digest('hex').slice(0, 9)}`;

/** examples/*.json with stable ids (what the sandbox imports). */
export function readExamples() {
	const dir = path.join(ROOT, 'examples');
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({ file: f, workflow: { ...JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), id: exampleId(f) } }));
}
