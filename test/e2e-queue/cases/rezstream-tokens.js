'use strict';
/**
 * Tokens under concurrency: the rezStream OAuth2 credential (n8n's own OAuth2 refresh, rotating
 * refresh tokens: a redeemed refresh token is dead) used by 20 executions at once across the two
 * workers, round after round, while the access token lives 4 s — several lifetimes per run. Goal:
 * 0 failed calls, every refresh accepted by the provider (a refresh with an already-rotated token
 * would be refused: invalid_grant), and the credential still alive at the end.
 *
 * Why it holds in n8n 2.41.1 (read in n8n-core request-helpers/oauth.js): on a 401 n8n refreshes
 * inside a single-flight lease per credential, which in queue mode is a Redis lock shared by every
 * process (LockService with RedisLockService), and first re-reads the stored credential: when
 * another execution already stored a new access token, it uses that one instead of refreshing
 * again. A lease not acquired within 10 s is logged ("Could not acquire refresh lock ...") and
 * n8n refreshes without coordination: that line fails this case (see cases/logs.js).
 */
const { startRezStreamStandIn } = require('../../support/rezstream-standin');
const { rezStreamCredential, importable, rezStreamNode } = require('../../e2e/fixtures/rezstream');
const { webhookWorkflow } = require('../workflows');

const AT_ONCE = 20;
const TOKEN_TTL_MS = 4000;
const RESERVATIONS = 150;

const state = { s: null, cred: null, hook: null };

async function call(url) {
	const res = await fetch(url, { signal: AbortSignal.timeout(5 * 60 * 1000) });
	const text = await res.text();
	let body = null;
	try {
		body = JSON.parse(text);
	} catch {
		/* not JSON: reported through status and text */
	}
	return { status: res.status, body, text: body ? '' : text.slice(0, 300) };
}

module.exports = {
	name: 'tokens under concurrency (rezStream OAuth2, rotating refresh tokens)',
	async prepare() {
		state.s = await startRezStreamStandIn({
			data: { reservations: RESERVATIONS },
			maxPageSize: 25, // 7 requests per execution
			latencyMs: 30,
			accessTokenTtlMs: TOKEN_TTL_MS,
		});
		state.cred = rezStreamCredential(state.s, 'oAuth2');
		state.hook = webhookWorkflow({
			name: 'queue tokens',
			nodes: [
				rezStreamNode('List', 'oAuth2', state.cred, {
					resource: 'reservation',
					operation: 'getManyUpdated',
					updatedSince: '2000-01-01T00:00:00Z',
					returnAll: true,
				}),
			],
		});
		return { credentials: [importable(state.cred)], workflows: [state.hook], publish: [state.hook.id] };
	},
	async close() {
		if (state.s) await state.s.close();
	},
	tests(ctx) {
		test(`${AT_ONCE} executions at once, round after round, through several token lifetimes: 0 failed calls, every refresh accepted`, async () => {
			const { q } = ctx;
			const { s, hook } = state;
			await q.main.waitForActivation(hook.id);
			s.clearRequests();
			const t0 = Date.now();
			const answers = [];
			for (let round = 0; round < ctx.reps; round++) {
				answers.push(...(await Promise.all(Array.from({ length: AT_ONCE }, () => call(q.webhookUrl(hook.path))))));
			}
			const elapsed = Date.now() - t0;
			const refreshes = s.tokenRequests();
			const apiCalls = s.apiRequests();
			process.stderr.write(
				`[queue] tokens: ${answers.length} executions in ${(elapsed / 1000).toFixed(1)} s (${(elapsed / TOKEN_TTL_MS).toFixed(1)} token lifetimes), ` +
					`${apiCalls.length} API calls (${apiCalls.filter((c) => c.status === 401).length} answered 401), ` +
					`${refreshes.length} refreshes (${refreshes.filter((r) => r.status !== 200).length} refused)\n`,
			);

			const failed = answers.filter((a) => a.status !== 200 || !Array.isArray(a.body) || a.body.length !== RESERVATIONS);
			expect(failed).toEqual([]);
			for (const a of answers) expect(new Set(a.body.map((r) => r.id)).size).toBe(RESERVATIONS);
			// several lifetimes passed (each refresh follows an expiry), and the provider refused none
			expect(refreshes.length).toBeGreaterThanOrEqual(2);
			expect(refreshes.filter((r) => r.status !== 200)).toEqual([]);
			// every API call that failed was an expired token, asked again after the refresh
			expect(apiCalls.filter((c) => c.status !== 200 && c.status !== 401)).toEqual([]);

			const executions = await q.main.executions({ workflowId: hook.id, includeData: false });
			expect(executions).toHaveLength(answers.length);
			expect(executions.filter((e) => e.status !== 'success')).toEqual([]);
			const runs = q.workerRuns();
			const used = new Set(executions.flatMap((e) => runs.get(e.id) ?? []));
			expect([...used].sort()).toEqual(['worker-1', 'worker-2']);
		});

		test('the credential is still alive: after another expiry, n8n refreshes with the refresh token it stored', async () => {
			const { q } = ctx;
			const { s, hook, cred } = state;
			const stored = (await q.main.exportCredential(cred.id)).data.oauthTokenData;
			expect(stored.refresh_token).not.toBe(cred.tokens.refresh_token);
			s.expireAccessTokens();
			s.clearRequests();
			const a = await call(q.webhookUrl(hook.path));
			expect(a.status).toBe(200);
			expect(a.body).toHaveLength(RESERVATIONS);
			expect(s.tokenRequests().map((r) => r.status)).toEqual([200]);
			const after = (await q.main.exportCredential(cred.id)).data.oauthTokenData;
			expect(after.refresh_token).not.toBe(stored.refresh_token);
		});

		test('each worker process ran with one n8n worker id, and the two differ', () => {
			const ids = ctx.q.workerIdsByProcess();
			const all = [];
			for (const [name, set] of ids) {
				expect({ name, ids: set.size }).toEqual({ name, ids: 1 });
				all.push(...set);
			}
			expect(new Set(all).size).toBe(ctx.q.workers.length);
		});
	},
};
