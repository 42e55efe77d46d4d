'use strict';
/** Shared set-up for the Res:harmonics unit tests: a stand-in and harnesses bound to it. */
const { startResHarmonicsStandIn } = require('../support/resharmonics-standin');
const { createHarness: createN8nHarness } = require('../support/n8n-context');
const { fastRetries } = require('../shared/fast-retries');
const { jsonOf, failure, everyText } = require('../shared/results');
const { resHarmonicsOAuth2Credential, resHarmonicsApiCredential } = require('../../dev/fixtures/resharmonics');

// Short waits between attempts for this file's nodes only (nothing global changes).
const { createHarness } = fastRetries(createN8nHarness);

const OAUTH = 'resHarmonicsOAuth2Api';
const KEY = 'resHarmonicsApi';

/** What a user enters: a custom environment pointing at the stand-in; no token stored yet. */
function credentials(s, { oauth = {}, key = {} } = {}) {
	return {
		[OAUTH]: { ...resHarmonicsOAuth2Credential(s).data, ...oauth },
		[KEY]: { ...resHarmonicsApiCredential(s).data, ...key },
	};
}

/** A harness for the node with `parameters`; Authentication defaults to OAuth2. */
function harness(s, parameters = {}, options = {}) {
	return createHarness({
		nodeName: 'ResHarmonics',
		parameters: { authentication: 'oAuth2', ...parameters },
		credentials: options.store ? undefined : credentials(s, options),
		store: options.store,
	});
}

const rl = (value, mode = 'id') => ({ __rl: true, mode, value: String(value) });

/** The query strings the API was sent for `path` (raw, as on the wire). */
const queriesOf = (s, path) => s.apiRequests().filter((r) => r.path === path).map((r) => r.search);

module.exports = { startResHarmonicsStandIn, credentials, harness, jsonOf, failure, everyText, rl, queriesOf, OAUTH, KEY };
