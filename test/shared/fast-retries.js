'use strict';
/**
 * A short retry policy for unit tests, handed to each harness's node with `setRetryPolicy`
 * (connection.ts): every connection that node opens waits 5-50 ms between attempts. Per node,
 * never global: other harnesses and the shipped default are untouched.
 */
const { DEFAULT_RETRY_POLICY } = require('../../dist/nodes/shared/transport/retry');
const { setRetryPolicy } = require('../../dist/nodes/shared/transport/connection');

const FAST = Object.freeze({ ...DEFAULT_RETRY_POLICY, baseDelayMs: 5, maxDelayMs: 50 });

/** `createHarness` whose harnesses' nodes use the short policy, and the policy itself. */
function fastRetries(createHarness, policy = FAST) {
	return {
		retryPolicy: policy,
		createHarness: (options) => {
			const h = createHarness(options);
			setRetryPolicy(h.node, policy);
			return h;
		},
	};
}

module.exports = { fastRetries, FAST };
