'use strict';
/**
 * The built package loads in a real n8n the way a user's community-package install does: every
 * node and credential named in package.json's "n8n" section is known to n8n, and n8n's log has
 * no error or warning about the package, its nodes or its credentials.
 */
const fs = require('node:fs');
const path = require('node:path');
const { createInstance, REPO_ROOT } = require('../support/n8n');

jest.setTimeout(10 * 60 * 1000);

const pkg = require('../../package.json');

/** Node and credential type names declared by the built files listed in package.json. */
function declared() {
	const load = (file) => {
		const mod = require(path.join(REPO_ROOT, file));
		const Class = Object.values(mod).find((v) => typeof v === 'function');
		return new Class();
	};
	const nodes = pkg.n8n.nodes.map(load).map((n) => n.description);
	return {
		nodes: nodes.map((d) => d.name),
		// n8n adds an AI-agent tool variant `<name>Tool` of every node that is usableAsTool
		nodeTypes: nodes.flatMap((d) => (d.usableAsTool ? [d.name, `${d.name}Tool`] : [d.name])),
		credentials: pkg.n8n.credentials.map(load).map((c) => c.name),
	};
}

const SUSPICIOUS = /error|warn|fail|skip|invalid|unknown|could not|cannot|can't|not found|deprecat|missing/i;

/** Log lines that mention the package, one of its nodes or one of its credentials. */
function linesAbout(text, words) {
	const lower = words.map((w) => w.toLowerCase());
	return text.split('\n').filter((line) => lower.some((w) => line.toLowerCase().includes(w)));
}

let n8n;
let names;

beforeAll(async () => {
	names = declared();
	// debug: n8n then also says when it loaded the package ("Loaded all credentials and nodes from ...")
	n8n = await createInstance({ env: { N8N_LOG_LEVEL: 'debug' } });
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
});

test('the package is installed where n8n installs community packages', () => {
	const dir = path.join(n8n.userFolder, '.n8n', 'nodes');
	const ledger = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
	expect(ledger.dependencies).toEqual({ [pkg.name]: pkg.version });
	const installed = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', pkg.name, 'package.json'), 'utf8'));
	expect(installed.peerDependencies).toBeUndefined();
	expect(installed.devDependencies).toBeUndefined();
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		expect(fs.existsSync(path.join(dir, 'node_modules', pkg.name, file))).toBe(true);
	}
	// n8n-workflow is not beside it: it resolves from n8n's own node_modules, as for users.
	expect(fs.existsSync(path.join(dir, 'node_modules', 'n8n-workflow'))).toBe(false);
});

test('every node is in `n8n export:nodes`', async () => {
	const out = path.join(n8n.userFolder, 'nodes.json');
	const r = await n8n.cli(['export:nodes', `--output=${out}`]);
	expect({ exported: fs.existsSync(out), output: fs.existsSync(out) ? '' : r.stdout + r.stderr }).toEqual({ exported: true, output: '' });
	const types = JSON.parse(fs.readFileSync(out, 'utf8'));
	const ours = types.filter((t) => t.name.startsWith(`${pkg.name}.`));
	expect(ours.map((t) => t.name).sort()).toEqual(names.nodeTypes.map((n) => `${pkg.name}.${n}`).sort());
	for (const t of ours) {
		expect(t.credentials?.length ?? 0).toBeGreaterThan(0);
		for (const c of t.credentials) expect(names.credentials).toContain(c.name);
	}
});

test('the running server knows every node and credential type, and logs nothing wrong about them', async () => {
	await n8n.start();
	const get = async (p) => {
		const res = await fetch(`${n8n.url}${p}`, { headers: { cookie: n8n.cookie, 'browser-id': 'e2e-harness-browser' } });
		expect(res.status).toBe(200);
		return await res.json();
	};
	await n8n.rest('GET', '/rest/login'); // establishes the owner session used below
	const credentialTypes = await get('/types/credentials.json');
	for (const name of names.credentials) {
		const type = credentialTypes.find((t) => t.name === name);
		expect({ name, known: Boolean(type) }).toEqual({ name, known: true });
		expect(type.supportedNodes.length).toBeGreaterThan(0);
	}
	const oauth = credentialTypes.find((t) => t.name === names.credentials.find((n) => /oauth2/i.test(n)));
	if (oauth) expect(oauth.extends).toContain('oAuth2Api');
	const nodeTypes = await get('/types/nodes.json');
	for (const name of names.nodeTypes) {
		expect(nodeTypes.map((t) => t.name)).toContain(`${pkg.name}.${name}`);
	}
	// What the editor gets (issue 12, items 10 and 14): the nodes panel searches codex aliases,
	// and the Tenant picker comes right after Authentication.
	for (const name of ['rezStream', 'rezStreamTrigger']) {
		const served = nodeTypes.filter((t) => t.name === `${pkg.name}.${name}`);
		const newest = served.find((t) => [t.version].flat().includes(1.1)) ?? served[0];
		expect(newest.codex?.alias).toEqual(expect.arrayContaining(['hotel', 'PMS', 'inn', 'B&B', 'booking', 'reservation', 'rates', 'availability']));
		const order = newest.properties.map((p) => p.name);
		expect(order.indexOf('tenant')).toBe(order.indexOf('authentication') + 1);
	}
	await n8n.stop();

	// The cached n8n's own path contains the package name; take it out before looking.
	const log = n8n.logText().split(n8n.n8n.dir).join('<n8n>');
	const loaded = log.match(new RegExp(`Loaded all credentials and nodes from ${pkg.name} (\\{.*\\})`));
	expect(loaded).not.toBeNull();
	expect(JSON.parse(loaded[1])).toMatchObject({
		credentials: pkg.n8n.credentials.length,
		nodes: pkg.n8n.nodes.length,
	});
	const about = linesAbout(log, [pkg.name, ...names.nodes, ...names.credentials]);
	const bad = about.filter((line) => SUSPICIOUS.test(line));
	expect(bad).toEqual([]);
});
