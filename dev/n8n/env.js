'use strict';
/* The environment of every n8n child of this project (e2e instances, sandbox, bench, queue mode). */
const path = require('node:path');

const ENCRYPTION_KEY = 'e2e-harness-fixed-encryption-key';

/**
 * What n8n 1.x needs on top of the 2.x environment (read in 1.123's @n8n/config): task runners
 * are off by default there (N8N_RUNNERS_ENABLED=false; always on in 2.x). On, as in 2.x: Code
 * runs in a runner child on the per-process N8N_RUNNERS_BROKER_PORT, and n8n does not log its
 * "running without task runners is deprecated" warning.
 */
const V1_ENV = { N8N_RUNNERS_ENABLED: 'true' };

function baseEnv(n8n) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		// Nothing from the caller's n8n/Node/jest setup may leak into the throw-away instance.
		// NODE_ENV matters most: jest sets it to "test", and n8n then refuses to load nodes.
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|JEST_)|^(NODE_ENV|NODE_OPTIONS|NODE_PATH|E2E_TESTS|GENERIC_TIMEZONE|WEBHOOK_URL)$/.test(k)) continue;
		env[k] = v;
	}
	env.PATH = `${path.dirname(n8n.nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`;
	return env;
}

/**
 * Settings every local n8n of this project runs with (the e2e instances and the sandbox):
 * SQLite, and nothing that calls out at start (checked with strace: no connection leaves
 * 127.0.0.1).
 */
const QUIET_N8N_ENV = Object.freeze({
	DB_TYPE: 'sqlite',
	N8N_SECURE_COOKIE: 'false',
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	// the MCP registry module fetches https://api.n8n.io/api/mcp-servers at start
	N8N_DISABLED_MODULES: 'mcp-registry',
	// the default today; explicit so the deprecation notice does not fill the log
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
	N8N_REINSTALL_MISSING_PACKAGES: 'false',
});

/** n8n listening on 127.0.0.1:<port> only, with its editor and task-runner broker there too. */
function loopbackN8nEnv(port) {
	return {
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}`,
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
	};
}

module.exports = { ENCRYPTION_KEY, V1_ENV, baseEnv, QUIET_N8N_ENV, loopbackN8nEnv };
