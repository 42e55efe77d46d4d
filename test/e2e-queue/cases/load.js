'use strict';
/** The package loads on every process of the cluster, and none of them logs an error at start. */
const fs = require('node:fs');
const path = require('node:path');
const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = require(path.join(ROOT, 'package.json'));
const { environmentNotice } = require('./logs');

module.exports = {
	name: 'the package in every process',
	tests(ctx) {
		test('main, both workers and the webhook processor load the package from their community-package folder', () => {
			const { q } = ctx;
			expect(q.processes.map((p) => p.name)).toEqual(['main', 'worker-1', 'worker-2', 'webhook']);
			for (const p of q.processes) {
				const installed = path.join(p.userFolder, '.n8n', 'nodes', 'node_modules', pkg.name, 'package.json');
				expect({ process: p.name, installed: fs.existsSync(installed) }).toEqual({ process: p.name, installed: true });
				const loaded = q.lines(p).filter((l) => l.message === `Loaded all credentials and nodes from ${pkg.name}`);
				expect({ process: p.name, loaded: loaded.length }).toEqual({ process: p.name, loaded: 1 });
			}
		});

		test('the main knows every node and credential of the package', async () => {
			await ctx.q.main.rest('GET', '/rest/login'); // the owner session /types/* needs
			// (several MB; on a busy machine a connection can close early: up to 3 tries)
			const get = async (p) => {
				for (let attempt = 1; ; attempt++) {
					try {
						const res = await fetch(`${ctx.q.main.url}${p}`, {
							headers: { cookie: ctx.q.main.cookie, 'browser-id': 'e2e-harness-browser' },
							signal: AbortSignal.timeout(120 * 1000),
						});
						expect(res.status).toBe(200);
						return await res.json();
					} catch (error) {
						if (attempt >= 3 || error?.matcherResult) throw error;
						await new Promise((r) => setTimeout(r, 2000));
					}
				}
			};
			const nodes = await get('/types/nodes.json');
			const ours = nodes.filter((n) => n.name.startsWith(`${pkg.name}.`)).map((n) => n.name);
			// The names the built classes declare (a file name need not match: ApiV1V1 is apiV1).
			const declared = (file) => Object.values(require(path.join(ROOT, file))).map((Cls) => new Cls());
			for (const file of pkg.n8n.nodes) {
				for (const node of declared(file)) expect(ours).toContain(`${pkg.name}.${node.description.name}`);
			}
			const creds = await get('/types/credentials.json');
			const credNames = creds.map((c) => c.name);
			for (const file of pkg.n8n.credentials) {
				for (const credential of declared(file)) expect(credNames).toContain(credential.name);
			}
		});

		test('no process logged an error or a warning while starting (besides the environment notices listed in cases/logs.js)', () => {
			expect(ctx.q.problems({ ignore: environmentNotice })).toEqual([]);
		});
	},
};
