// n8n in the sandbox: its environment on a kept folder and fixed port (the harness's instances use
// throw-away ones), the package install and the demo owner, both from the dev library (dev/n8n).
import path from 'node:path';
import { dev } from './util.mjs';

const harness = dev('n8n');
const { DEMO_OWNER, setupOwner } = dev('n8n', 'owner.js');

export { DEMO_OWNER };

/** What every n8n child gets: like the harness's instances, but on this folder and port. */
export function n8nEnv(n8n, userFolder, port) {
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

/** The harness's instance on a fixed user folder and port, logged in as the demo owner. */
export function sandboxInstance({ n8n, userFolder, env, port }) {
	return new harness.N8nInstance({ n8n, userFolder, env, port, packageInfo: null, owner: DEMO_OWNER });
}

/** 'created', 'exists' or 'changed' (an owner whose password is no longer the demo one). */
export const setupDemoOwner = (inst) => setupOwner(inst.url, DEMO_OWNER);

/** The built package into the kept folder (older copy replaced, n8n's ledger merged): file count. */
export async function installInto(userFolder, env) {
	const info = await harness.installPackage(harness.REPO_ROOT, path.join(userFolder, '.n8n', 'nodes'), env, { keep: true });
	return info.files;
}
