/**
 * `npm start -- --queue`: the sandbox in n8n's queue mode, the layout of dev/queue
 * (Redis and PostgreSQL from Debian's packages, one main with the editor, two workers, one webhook
 * processor), with the same demo stand-in, credentials and example workflows as `npm start`.
 * Throw-away: the database, Redis and the user folders live in temporary folders and are removed
 * when the sandbox stops (Ctrl-C). Everything listens on 127.0.0.1.
 */
import { dev } from './util.mjs';

const { startQueueCluster } = dev('queue');
const { freePort } = dev('n8n');
const { ownerSession } = dev('n8n', 'owner.js');
const { startRezStreamStandIn } = dev('standin', 'rezstream');

/**
 * Starts it all; resolves to the lines to print once ready. `demo` carries what sandbox.mjs
 * already knows: { credentials(s), examples(), login, churnMs, apiPort } (null: --no-demo).
 */
export async function startQueueSandbox({ port, demo, cleanups, phase, stopAll, say }) {
	let s = null;
	if (demo) {
		s = await phase('start the rezStream stand-in (demo data)', () => startRezStreamStandIn({ port: demo.apiPort, demo: true }));
		cleanups.push(() => s.close());
		s.startChurn({ everyMs: demo.churnMs, create: 1, update: 2 });
	}
	const webhookPort = await freePort();
	const q = await phase('Redis, PostgreSQL and the n8n processes (queue mode)', () =>
		startQueueCluster({
			start: false,
			mainPort: port,
			webhookPort,
			// the editor shows production webhook URLs on the webhook processor
			env: { N8N_LOG_LEVEL: 'info', WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/` },
		}),
	);
	let stopping = false;
	cleanups.push(() => {
		stopping = true;
		return q.cleanup();
	});
	const creds = demo ? demo.credentials(s) : [];
	const examples = demo ? demo.examples() : [];
	if (creds.length) await q.main.importCredentials(creds);
	if (examples.length) await q.main.importWorkflow(examples.map((e) => e.workflow));
	await phase('start main, 2 workers, webhook processor', () => q.start());
	for (const p of q.processes) {
		p.server.exitPromise.then((exit) => {
			if (stopping) return;
			say(`${p.name} exited unexpectedly (${JSON.stringify(exit)}); its log: ${p.logDir}`);
			stopAll(1);
		});
	}
	if (demo) {
		await ownerSession(q.main.url, demo.login);
	}
	return [
		`  n8n editor    ${q.main.url}  (main: editor, REST, triggers; queue mode)`,
		...(demo
			? [
					`  login         ${demo.login.email}  /  ${demo.login.password}`,
					`  stand-in      ${s.url}  rezStream API + OAuth server; a reservation is created and two change every ${demo.churnMs / 1000} s`,
					...creds.map((c) => `  credential    "${c.name}"  ${c.type}  id ${c.id}`),
					...examples.map((e) => `  workflow      ${q.main.url}/workflow/${e.workflow.id}  ${e.workflow.name}`),
				]
			: []),
		`  webhooks      http://127.0.0.1:${webhookPort}/webhook/…  (webhook processor; the main answers none)`,
		`  workers       ${q.workers.map((w) => `${w.name} (health ${w.healthUrl}/healthz)`).join(', ')}`,
		`  Redis         127.0.0.1:${q.redis.port}   PostgreSQL 127.0.0.1:${q.postgres.port} (user ${q.postgres.user}, database ${q.postgres.database})`,
		`  logs          ${q.processes.map((p) => p.logDir).join('\n                ')}`,
		'  throw-away    the database and folders are removed when the sandbox stops',
	];
}
