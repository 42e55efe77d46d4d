'use strict';
const { jsonOf, failure, everyText } = require('../shared/results');
/** Shared set-up for the Kaizala unit tests: a stand-in and harnesses bound to it. */
const { startKaizalaStandIn } = require('../support/kaizala-standin');
const { createHarness: createN8nHarness } = require('../support/n8n-context');
const { fastRetries } = require('../shared/fast-retries');

// Real backoff shape, but short (these tests count attempts, not seconds): each harness's node
// gets its own policy; nothing global changes.
const { createHarness } = fastRetries(createN8nHarness);

const TYPE = 'kaizalaApi';

/** What a user types into the credential; the hidden token fields start empty. */
function credentialOf(s, overrides = {}) {
	return {
		apiRoot: s.apiRoot,
		applicationId: s.applicationId,
		applicationSecret: s.applicationSecret,
		refreshToken: s.initialRefreshToken,
		allowedDomains: 'office.net, kaiza.la',
		...overrides,
	};
}

function harness(s, parameters = {}, { credential = {}, store } = {}) {
	return createHarness({
		nodeName: 'Kaizala',
		parameters,
		credentials: store ? undefined : { [TYPE]: credentialOf(s, credential) },
		store,
	});
}


const group = (id = 'g-front') => ({ __rl: true, mode: 'id', value: id });

module.exports = { startKaizalaStandIn, credentialOf, harness, jsonOf, failure, everyText, group, TYPE };
