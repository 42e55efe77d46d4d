'use strict';
/**
 * Tokens under concurrency: the Res:harmonics OAuth2 client-credentials credential (n8n's own
 * OAuth2: n8n fetches the token, and fetches a new one when the API answers 401 "The incoming
 * token has expired", then repeats the request) used by 20 executions at once across the two
 * workers, round after round. The stand-in ends a token after `TOKEN_CALLS` API calls (it counts
 * calls where the API counts time), so every round spans more than one token lifetime. A
 * lifetime is larger than the calls in flight at once (20), as a real one (3,600 s) is to any
 * burst: a token fresh from the token endpoint is never spent before the request that asked for
 * it is repeated. Client credentials have no refresh token: a new token is a new grant, and
 * older tokens stay valid until they end (as Amazon Cognito's do).
 */
const { startResHarmonicsStandIn } = require('../../support/resharmonics-standin');
const { resHarmonicsOAuth2Credential } = require('../../../dev/fixtures/resharmonics');
const { PACKAGE_NAME } = require('../../e2e/fixtures/workflows');
const { itemsNode } = require('../../e2e/fixtures/apiv1');
const { webhookWorkflow, activate } = require('../../../dev/queue/workflows');
const { call, answeredWithoutData, starvedByN8n, workersUsed } = require('../rounds');

const AT_ONCE = 20;
const ITEMS = 5; // 5 API calls per execution, one after the other
const TOKEN_CALLS = 60;

const state = { s: null, cred: null, hook: null };

const unitOk = (list) => Array.isArray(list) && list.length === ITEMS && list.every((u) => u.id === 101 && u.name === 'Apartment 01');

module.exports = {
	name: 'tokens under concurrency (Res:harmonics OAuth2 client credentials, n8n renews on the expiry 401)',
	state,
	async prepare() {
		state.s = await startResHarmonicsStandIn({ tokenCalls: TOKEN_CALLS, data: { bookings: 10 } });
		state.cred = resHarmonicsOAuth2Credential(state.s, { name: 'Res:harmonics OAuth2 (queue tokens)' });
		state.hook = webhookWorkflow({
			name: 'queue tokens res:harmonics',
			nodes: [
				itemsNode('Items', ITEMS),
				{
					name: 'Unit',
					type: `${PACKAGE_NAME}.resHarmonics`,
					credential: state.cred,
					parameters: { authentication: 'oAuth2', resource: 'unit', operation: 'get', unitId: { __rl: true, mode: 'id', value: '101' } },
				},
			],
		});
		return { credentials: [state.cred], workflows: [state.hook] };
	},
	async close() {
		if (state.s) await state.s.close();
	},
	tests(ctx) {
		test(`${AT_ONCE} executions at once, round after round, while tokens end every ${TOKEN_CALLS} calls: 0 failed calls`, async () => {
			const { q } = ctx;
			const { s, hook } = state;
			await activate(q, hook.id);
			s.clearRequests();
			const t0 = Date.now();
			const answers = [];
			// several lifetimes whatever QUEUE_REPS says: at least 3 (AT_ONCE * ITEMS calls a round)
			const rounds = Math.max(ctx.reps, Math.ceil((3 * TOKEN_CALLS) / (AT_ONCE * ITEMS)));
			for (let r = 0; r < rounds; r++) answers.push(...(await Promise.all(Array.from({ length: AT_ONCE }, () => call(q.webhookUrl(hook.path))))));
			const grants = s.tokenRequests();
			const calls = s.apiRequests();
			const summary = {
				executions: answers.length,
				apiCalls: calls.length,
				apiCalls401: calls.filter((c) => c.status === 401).length,
				lifetimes: Number((calls.filter((c) => c.status === 200).length / TOKEN_CALLS).toFixed(1)),
				tokenRequests: grants.length,
				tokenRefused: grants.filter((g) => g.status !== 200).length,
				// n8n fetches the first client-credentials token outside its refresh lease: every
				// execution that starts before one is stored asks for its own (n8n-core oauth.js)
				grantsBeforeFirstExpiry: grants.filter((g) => g.at <= (calls.find((c) => c.status === 401)?.at ?? Infinity)).length,
			};
			state.summary = summary;
			process.stderr.write(`[queue] tokens res:harmonics: ${JSON.stringify(summary)} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

			const executions = await q.main.executions({ workflowId: hook.id });
			expect(executions).toHaveLength(answers.length);
			const starved = executions.filter(starvedByN8n);
			if (starved.length) process.stderr.write(`[queue] tokens res:harmonics: ${starved.length} execution(s) failed by n8n before any node ran\n`);
			expect(executions.filter((e) => e.status !== 'success' && !starvedByN8n(e)).map((e) => e.error?.message ?? e.status)).toEqual([]);
			for (const e of executions.filter((x) => x.status === 'success')) expect(unitOk(e.items('Unit'))).toBe(true);
			const failed = answers.filter((a) => !(a.status === 200 && unitOk(a.body)) && !answeredWithoutData(a));
			expect(failed.map((a) => a.status)).toEqual(Array(starved.length).fill(500));
			// an API call failed only with an ended token, and was repeated with a new one
			expect(calls.filter((c) => c.status !== 200 && c.status !== 401)).toEqual([]);
			expect(summary.apiCalls401).toBeGreaterThan(0);
			expect(summary.tokenRequests).toBeGreaterThanOrEqual(2);
			expect(summary.tokenRefused).toBe(0);
			expect(workersUsed(q, executions)).toEqual(['worker-1', 'worker-2']);
		});

		test('the credential is still alive: after the token ends, one token request suffices', async () => {
			const { q } = ctx;
			const { s, hook } = state;
			s.expireTokens();
			s.clearRequests();
			const a = await call(q.webhookUrl(hook.path));
			expect(answeredWithoutData(a) || (a.status === 200 && unitOk(a.body))).toBe(true);
			const last = (await q.main.executions({ workflowId: hook.id })).pop();
			expect(last.status).toBe('success');
			expect(unitOk(last.items('Unit'))).toBe(true);
			expect(s.tokenRequests().map((g) => [g.status, g.form.grant_type])).toEqual([[200, 'client_credentials']]);
			// the ended token was tried once, then the new one
			expect(s.apiRequests().map((c) => c.status)).toEqual([401, 200, 200, 200, 200, 200]);
		});
	},
};
