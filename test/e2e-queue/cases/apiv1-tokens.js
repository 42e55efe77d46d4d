'use strict';
/**
 * Tokens under concurrency: the API v1 password-grant credential (its own refresh in
 * `preAuthentication`, a hidden expirable access token) used by 20 executions at once across the
 * two workers, round after round, while the access token lives 5 s — several lifetimes per run.
 * The stand-in is Doorkeeper as the template runs it: every refresh rotates, and the redeemed
 * refresh token AND its access token die at once.
 *
 * What n8n 2.41.1 does with such a credential (read in n8n-core request-helpers/authentication.js
 * and cli credentials-helper.js): it runs `preAuthentication` when the expirable field is empty
 * (the node empties it when its token is due) or after a 401, with the copy of the credential the
 * execution holds, and writes the answer over the stored credential. Unlike n8n's OAuth2 refresh
 * (serialised by a Redis lease since n8n-io/n8n#33092), nothing serialises this across processes
 * and nothing re-reads the stored credential first: executions on both workers redeem the same
 * refresh token, the provider accepts one, and the others are refused (invalid_grant). The
 * credential falls back to the password grant then, so no call fails; the price is counted here
 * (token requests per expiry) and stated in the README.
 */
const { startApiV1StandIn } = require('../../support/apiv1-standin');
const { passwordCredential, importable, apiV1Node } = require('../../e2e/fixtures/apiv1');
const { webhookWorkflow, activate } = require('../../../dev/queue/workflows');
const { call, rounds, answeredWithoutData, workersUsed } = require('../rounds');

const AT_ONCE = 20;
const LIFE_S = 5;
const COUNTRIES = 120;
const PER_PAGE = 20; // 6 requests per execution

const state = { s: null, cred: null, hook: null };

const countriesOk = (list) => Array.isArray(list) && list.length === COUNTRIES && new Set(list.map((c) => c.id)).size === COUNTRIES;

module.exports = {
	name: 'tokens under concurrency (API v1 password grant, preAuthentication, rotating refresh tokens)',
	state,
	async prepare() {
		state.s = await startApiV1StandIn({ tokenLifeSeconds: LIFE_S, countries: COUNTRIES, maxPerPage: PER_PAGE, latencyMs: 30 });
		state.cred = passwordCredential(state.s, { name: 'API v1 password grant (queue)' });
		state.hook = webhookWorkflow({
			name: 'queue tokens apiv1',
			nodes: [apiV1Node('Countries', 'passwordGrant', state.cred, { resource: 'country', operation: 'getMany', returnAll: true })],
		});
		return { credentials: [importable(state.cred)], workflows: [state.hook] };
	},
	async close() {
		if (state.s) await state.s.close();
	},
	tests(ctx) {
		test(`${AT_ONCE} executions at once, round after round, through several ${LIFE_S}-second token lifetimes: 0 failed calls`, async () => {
			const { q } = ctx;
			const { s, hook } = state;
			await activate(q, hook.id);
			s.clearRequests();
			const run = await rounds({ url: q.webhookUrl(hook.path), atOnce: AT_ONCE, lifeMs: LIFE_S * 1000, minRounds: ctx.reps });
			const grants = s.tokenRequests();
			const calls = s.apiRequests();
			const count = (f) => grants.filter(f).length;
			const summary = {
				executions: run.answers.length,
				lifetimes: Number(run.lifetimes.toFixed(1)),
				apiCalls: calls.length,
				apiCalls401: calls.filter((c) => c.status === 401).length,
				tokenRequests: grants.length,
				refreshAccepted: count((g) => g.grant === 'refresh_token' && g.status === 200),
				refreshRefused: count((g) => g.grant === 'refresh_token' && g.status !== 200),
				passwordGrants: count((g) => g.grant === 'password' && g.status === 200),
				otherFailures: count((g) => g.grant === 'password' && g.status !== 200),
			};
			state.summary = summary;
			process.stderr.write(`[queue] tokens apiv1: ${JSON.stringify(summary)} in ${(run.elapsedMs / 1000).toFixed(1)} s\n`);

			const executions = await q.main.executions({ workflowId: hook.id });
			expect(executions).toHaveLength(run.answers.length);
			// 0 failed calls: every execution succeeded with every country, every answer carried them
			// (or was one of n8n's answers without data, judged by the stored execution above)
			expect(executions.filter((e) => e.status !== 'success').map((e) => e.error?.message ?? e.status)).toEqual([]);
			for (const e of executions) expect(countriesOk(e.items('Countries'))).toBe(true);
			const failed = run.answers.filter((a) => !(a.status === 200 && countriesOk(a.body)) && !answeredWithoutData(a));
			expect(failed).toEqual([]);
			// an API call failed only with an expired or revoked token (asked again after a new one)
			expect(calls.filter((c) => c.status !== 200 && c.status !== 401)).toEqual([]);
			// several lifetimes passed, each renewed by a grant the provider accepted; a refused refresh
			// (rotated away by another execution) is always followed by a password grant that worked
			expect(summary.refreshAccepted + summary.passwordGrants).toBeGreaterThanOrEqual(2);
			expect(summary.otherFailures).toBe(0);
			expect(summary.passwordGrants).toBeGreaterThanOrEqual(summary.refreshRefused);
			expect(workersUsed(q, executions)).toEqual(['worker-1', 'worker-2']);
		});

		test('n8n core, reproduced: preAuthentication is not serialised — two executions redeem the same refresh token at once', async () => {
			// Both executions find the token expired and run the credential's preAuthentication with
			// the refresh token they read; the token endpoint answers after 3 s, so both requests are
			// in flight together. n8n 2.41.1 takes no lease (as it does for OAuth2) and does not
			// re-read the stored credential: the provider accepts one refresh and refuses the other
			// (invalid_grant). The password grant saves the second execution here; a credential
			// without such a fallback would fail it.
			const { q } = ctx;
			const { s, hook } = state;
			s.expireAccessTokens();
			s.clearRequests();
			s.settings.tokenLatencyMs = 3000;
			let answers;
			try {
				answers = await Promise.all([call(q.webhookUrl(hook.path)), call(q.webhookUrl(hook.path))]);
			} finally {
				s.settings.tokenLatencyMs = 0;
			}
			const grants = s.tokenRequests();
			process.stderr.write(`[queue] apiv1 preAuthentication race: ${grants.map((g) => `${g.grant}:${g.status}`).join(', ')}\n`);
			for (const a of answers) expect(answeredWithoutData(a) || (a.status === 200 && countriesOk(a.body))).toBe(true);
			// one refresh token, redeemed twice
			const refreshes = grants.filter((g) => g.grant === 'refresh_token');
			expect(refreshes).toHaveLength(2);
			expect(refreshes[0].body.refresh_token).toBe(refreshes[1].body.refresh_token);
			expect(grants.map((g) => `${g.grant}:${g.status}`).sort()).toEqual(['password:200', 'refresh_token:200', 'refresh_token:400']);
		});

		test('the credential is still alive: after another expiry, one refresh with the refresh token n8n stored suffices', async () => {
			const { q } = ctx;
			const { s, hook } = state;
			s.expireAccessTokens();
			s.clearRequests();
			const a = await call(q.webhookUrl(hook.path));
			expect(answeredWithoutData(a) || (a.status === 200 && countriesOk(a.body))).toBe(true);
			const last = (await q.main.executions({ workflowId: hook.id })).pop();
			expect(last.status).toBe('success');
			expect(countriesOk(last.items('Countries'))).toBe(true);
			// the refresh token the execution read from the database was alive: no password grant
			expect(s.tokenRequests().map((g) => [g.grant, g.status])).toEqual([['refresh_token', 200]]);
		});
	},
};
