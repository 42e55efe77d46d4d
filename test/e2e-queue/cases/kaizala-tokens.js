'use strict';
/**
 * Tokens under concurrency: the Kaizala connector credential (its own token request in
 * `preAuthentication`: applicationId, applicationSecret and refreshToken headers to
 * {API Root}/accessToken; a hidden expirable access token) used by 20 executions at once across
 * the two workers, round after round, while the access token lives 4 s.
 *
 * The refresh token is aged past 90% of its 365-day life, so every token answer carries a new
 * one that must be kept (api-notes: Kaizala rotates from 90% on) — n8n stores each over the last.
 * Kaizala's documents do not say that the old one stops working; the stand-in keeps it valid (its
 * default). n8n 2.41.1 runs `preAuthentication` with no lease across processes (see
 * apiv1-tokens.js), so both workers ask for tokens at the same expiry: counted here.
 */
const { startKaizalaStandIn } = require('../../support/kaizala-standin');
const { id16, PACKAGE_NAME } = require('../../e2e/fixtures/workflows');
const { itemsNode } = require('../../e2e/fixtures/apiv1');
const { webhookWorkflow, activate } = require('../../../dev/queue/workflows');
const { call, rounds, answeredWithoutData, starvedByN8n, workersUsed } = require('../rounds');

const AT_ONCE = 20;
const LIFE_MS = 4000;
const ITEMS = 5; // 5 API calls per execution
const YEAR = 365 * 24 * 3600 * 1000;

const state = { s: null, cred: null, hook: null };

/** The kaizalaApi credential as a user fills it in, for a stand-in (loopback http API Root). */
function kaizalaCredential(s, { name, refreshToken }) {
	return {
		id: id16('credkz'),
		name,
		type: 'kaizalaApi',
		data: { apiRoot: s.apiRoot, applicationId: s.applicationId, applicationSecret: s.applicationSecret, refreshToken, allowedDomains: 'office.net, kaiza.la' },
	};
}

const groupOk = (list) => Array.isArray(list) && list.length === ITEMS && list.every((g) => g.groupId === 'g-front');

module.exports = {
	name: 'tokens under concurrency (Kaizala connector, preAuthentication, refresh token rotated past 90%)',
	state,
	kaizalaCredential,
	async prepare() {
		state.s = await startKaizalaStandIn({ accessTokenLifeMs: LIFE_MS });
		state.aged = state.s.agedRefreshToken(0.95 * YEAR);
		state.cred = kaizalaCredential(state.s, { name: 'Kaizala connector (queue tokens)', refreshToken: state.aged });
		state.hook = webhookWorkflow({
			name: 'queue tokens kaizala',
			nodes: [
				itemsNode('Items', ITEMS),
				{
					name: 'Group',
					type: `${PACKAGE_NAME}.kaizala`,
					credential: state.cred,
					parameters: { resource: 'group', operation: 'get', groupId: { __rl: true, mode: 'id', value: 'g-front' } },
				},
			],
		});
		return { credentials: [state.cred], workflows: [state.hook] };
	},
	async close() {
		if (state.s) await state.s.close();
	},
	tests(ctx) {
		test(`${AT_ONCE} executions at once, round after round, through several ${LIFE_MS / 1000}-second token lifetimes: 0 failed calls`, async () => {
			const { q } = ctx;
			const { s, hook } = state;
			await activate(q, hook.id);
			s.clearRequests();
			const run = await rounds({ url: q.webhookUrl(hook.path), atOnce: AT_ONCE, lifeMs: LIFE_MS, minRounds: ctx.reps });
			const grants = s.tokenRequests();
			const calls = s.apiRequests();
			const summary = {
				executions: run.answers.length,
				lifetimes: Number(run.lifetimes.toFixed(1)),
				apiCalls: calls.length,
				apiCalls401: calls.filter((c) => c.status === 401).length,
				tokenRequests: grants.length,
				tokenRefused: grants.filter((g) => g.status !== 200).length,
				refreshTokensSent: new Set(grants.map((g) => g.headers.refreshtoken)).size,
			};
			state.summary = summary;
			process.stderr.write(`[queue] tokens kaizala: ${JSON.stringify(summary)} in ${(run.elapsedMs / 1000).toFixed(1)} s\n`);

			const executions = await q.main.executions({ workflowId: hook.id });
			expect(executions).toHaveLength(run.answers.length);
			// (n8n failing an execution before it starts on a starved machine is no token failure:
			// counted apart, see rounds.js)
			const starved = executions.filter(starvedByN8n);
			if (starved.length) process.stderr.write(`[queue] tokens kaizala: ${starved.length} execution(s) failed by n8n before any node ran (Regular expression execution timed out)\n`);
			expect(executions.filter((e) => e.status !== 'success' && !starvedByN8n(e)).map((e) => e.error?.message ?? e.status)).toEqual([]);
			for (const e of executions.filter((x) => x.status === 'success')) expect(groupOk(e.items('Group'))).toBe(true);
			const failed = run.answers.filter((a) => !(a.status === 200 && groupOk(a.body)) && !answeredWithoutData(a));
			expect(failed.map((a) => a.status)).toEqual(Array(starved.length).fill(500));
			expect(calls.filter((c) => c.status !== 200 && c.status !== 401)).toEqual([]);
			// several lifetimes, every token request accepted
			expect(summary.tokenRequests).toBeGreaterThanOrEqual(2);
			expect(summary.tokenRefused).toBe(0);
			expect(workersUsed(q, executions)).toEqual(['worker-1', 'worker-2']);
		});

		test('the credential is still alive: n8n stored a rotated refresh token that works; after another expiry one token request suffices', async () => {
			const { q } = ctx;
			const { s, hook } = state;
			s.expireAccessTokens();
			s.clearRequests();
			const a = await call(q.webhookUrl(hook.path));
			expect(answeredWithoutData(a) || (a.status === 200 && groupOk(a.body))).toBe(true);
			const last = (await q.main.executions({ workflowId: hook.id })).pop();
			expect(last.status).toBe('success');
			expect(groupOk(last.items('Group'))).toBe(true);
			// the execution read the credential from the database: its refresh token is a rotated one
			// (not the aged one it started with), still valid, and young (the answer rotates nothing)
			const [grant, ...more] = s.tokenRequests();
			expect(more).toEqual([]);
			expect(grant.status).toBe(200);
			expect(grant.headers.refreshtoken).not.toBe(state.aged);
			expect(s.refreshTokenValid(grant.headers.refreshtoken)).toBe(true);
		});
	},
};
