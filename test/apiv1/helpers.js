'use strict';
const { jsonOf, failure, everyText } = require('../shared/results');
/** Shared set-up for the API v1 unit tests: a stand-in and harnesses bound to it. */
const { startApiV1StandIn } = require('../support/apiv1-standin');
const { createHarness: createN8nHarness } = require('../support/n8n-context');
const { fastRetries } = require('../shared/fast-retries');

// Real backoff shape, but short (these tests count attempts, not seconds): each harness's node
// gets its own policy; nothing global changes.
const { createHarness } = fastRetries(createN8nHarness);

const NODE = 'ApiV1V1';
const PASSWORD_TYPE = 'apiV1OAuth2PasswordApi';
const CODE_TYPE = 'apiV1OAuth2Api';

async function standIn(options) {
	return await startApiV1StandIn(options);
}

/** What a user types into the password-grant credential (dev/fixtures/apiv1.js); the hidden token fields start empty. */
function passwordCredential(s, overrides = {}) {
	return require('../../dev/fixtures/apiv1').passwordCredential(s, { data: overrides }).data;
}

function passwordHarness(s, parameters = {}, { credential = {}, store } = {}) {
	return createHarness({
		nodeName: NODE,
		parameters: { authentication: 'passwordGrant', ...parameters },
		credentials: store ? undefined : { [PASSWORD_TYPE]: passwordCredential(s, credential) },
		store,
	});
}

function codeHarness(s, parameters = {}, { credential = {} } = {}) {
	const tokens = s.issueCodeTokens();
	return createHarness({
		nodeName: NODE,
		parameters: { authentication: 'oAuth2', ...parameters },
		credentials: {
			[CODE_TYPE]: {
				baseUrl: s.url,
				grantType: 'authorizationCode',
				authUrl: `${s.url}/oauth/authorize`,
				accessTokenUrl: `${s.url}/oauth/token`,
				clientId: 'test-client',
				clientSecret: 'test-secret',
				scope: '',
				authentication: 'body',
				oauthTokenData: { access_token: tokens.access_token, refresh_token: tokens.refresh_token, token_type: 'bearer' },
				...credential,
			},
		},
	});
}


module.exports = { standIn, passwordCredential, passwordHarness, codeHarness, jsonOf, failure, everyText, PASSWORD_TYPE, CODE_TYPE, NODE };
