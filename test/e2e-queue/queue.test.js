'use strict';
/**
 * The package in n8n's queue mode, with the real components: Redis, PostgreSQL, one main, two
 * workers and a webhook processor (test/support/n8n-queue.js). One cluster serves every case (it
 * takes minutes to start on two cores); the cases run in the order listed, each in its own file
 * under cases/, and a new vendor adds a case file here, not infrastructure:
 *
 *   module.exports = {
 *     name,                       // describe() title
 *     async prepare(ctx),         // before n8n starts: its stand-ins; returns what to import:
 *                                 // { credentials, workflows, publish: [workflow ids] }
 *     tests(ctx),                 // registers its test()s; ctx.q is the running cluster
 *     async close(ctx),           // stops its stand-ins
 *   };
 *
 * QUEUE_CASES (comma-separated words) keeps only the case files named with one of them.
 * QUEUE_REPS (default 4) sets how many rounds the load-bearing cases run: `npm run test:queue`
 * runs the full count, `npm test` (CI) runs 2 to stay within the CI budget.
 */
const { startQueueCluster } = require('../support/n8n-queue');
const { freePort } = require('../support/n8n');

jest.setTimeout(20 * 60 * 1000);

// run in this order: the trigger cases kill a worker, so they come after the cases that need both
const CASE_FILES = [
	'load',
	'rezstream-nodes',
	'rezstream-tokens',
	'apiv1-tokens',
	'kaizala-tokens',
	'kaizala-webhook',
	'resharmonics-webhook',
	'resharmonics-tokens',
	'rezstream-trigger',
	'resharmonics-trigger',
	'logs',
];
// QUEUE_CASES=resharmonics,kaizala-webhook runs only the case files whose names contain one of
// those words (plus the log check), to try one case without the whole suite
const only = (process.env.QUEUE_CASES ?? '').split(',').map((w) => w.trim()).filter(Boolean);
const cases = CASE_FILES.filter((f) => !only.length || f === 'logs' || only.some((w) => f.includes(w))).map((f) => require(`./cases/${f}`));

const ctx = {
	q: null,
	reps: Math.max(1, Number(process.env.QUEUE_REPS || 4)),
	cases,
};

beforeAll(async () => {
	// WEBHOOK_URL on every process names the webhook processor, as behind a load balancer: the
	// URL a trigger registers with a vendor (Kaizala) is answered there, not by the main
	const webhookPort = await freePort();
	ctx.q = await startQueueCluster({ start: false, webhookPort, env: { WEBHOOK_URL: `http://127.0.0.1:${webhookPort}/` } });
	// one import of everything (each n8n CLI command boots n8n: seconds on a loaded machine)
	const all = { credentials: [], workflows: [], publish: [] };
	for (const c of cases) {
		const wanted = c.prepare ? await c.prepare(ctx) : null;
		for (const k of Object.keys(all)) all[k].push(...(wanted?.[k] ?? []));
	}
	if (all.credentials.length) await ctx.q.main.importCredentials(all.credentials);
	if (all.workflows.length) await ctx.q.main.importWorkflow(all.workflows);
	for (const id of all.publish) await ctx.q.main.publishWorkflow(id);
	await ctx.q.start();
	process.stderr.write(`[queue] cluster ready: ${ctx.q.processes.map((p) => `${p.name} ${p.healthUrl}`).join(', ')}; QUEUE_REPS=${ctx.reps}\n`);
});

afterAll(async () => {
	for (const c of cases) if (c.close) await c.close(ctx).catch(() => {});
	if (ctx.q) await ctx.q.cleanup();
});

for (const c of cases) describe(c.name, () => c.tests(ctx));
