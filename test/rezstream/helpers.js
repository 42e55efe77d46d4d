'use strict';
const { jsonOf } = require('../shared/results');
/** Shared set-up for the rezStream unit tests: a stand-in server and harnesses bound to it. */
const { startRezStreamStandIn } = require('../support/rezstream-standin');
const { createHarness: createN8nHarness } = require('../support/n8n-context');
const { fastRetries } = require('../shared/fast-retries');

// Real backoff shape, but short (these tests count attempts, not seconds): each harness's node
// gets its own policy; nothing global changes.
const { retryPolicy, createHarness } = fastRetries(createN8nHarness);

async function standIn(options) {
	return await startRezStreamStandIn({ data: { reservations: 250 }, maxPageSize: 100, ...options });
}

function tokenHarness(s, parameters = {}, { credential = {}, tenants, scopes, nodeName, typeVersion, timezone } = {}) {
	const accessToken = s.issueManualToken({ tenants: tenants ?? [s.tenants[0].id], scopes });
	return createHarness({
		nodeName,
		typeVersion,
		timezone,
		parameters: { authentication: 'accessToken', ...parameters },
		credentials: {
			rezStreamApi: { accessToken, tenantId: '', apiVersion: '', baseUrl: s.url, ...credential },
		},
	});
}

function oauthHarness(s, parameters = {}, { credential = {}, tenants, nodeName, typeVersion, timezone } = {}) {
	const tokens = s.issueOAuthTokens({ tenants: tenants ?? [s.tenants[0].id] });
	return createHarness({
		nodeName,
		typeVersion,
		timezone,
		parameters: { authentication: 'oAuth2', ...parameters },
		credentials: {
			rezStreamOAuth2Api: {
				grantType: 'authorizationCode',
				authUrl: `${s.url}/connect/authorize`,
				accessTokenUrl: `${s.url}/connect/token`,
				clientId: 'test-client',
				clientSecret: 'test-secret',
				scope: 'offline_access guest_communication revenue_management',
				authentication: 'body',
				tenantId: '',
				apiVersion: '',
				baseUrl: s.url,
				oauthTokenData: { access_token: tokens.access_token, refresh_token: tokens.refresh_token, token_type: 'Bearer' },
				...credential,
			},
		},
	});
}

function apiCalls(s, path) {
	return s.apiRequests().filter((r) => r.path === path);
}

module.exports = { standIn, tokenHarness, oauthHarness, jsonOf, apiCalls, retryPolicy };
