'use strict';
/**
 * Unit-test stand-ins for the n8n contexts a node runs in (execute, poll, load options).
 *
 * They do what n8n does, over real HTTP, so that tests see what a user would:
 * - credentials are applied from the credential class itself (its `authenticate` function or
 *   block, or for an `oAuth2Api` child a Bearer token from `oauthTokenData`), so a renamed
 *   field breaks a test;
 * - an OAuth2 call answered 401 is refreshed once at the credential's token URL (client id and
 *   secret in the body or as Basic, as the credential's `authentication` says), the new token
 *   data (with a rotated refresh token) is stored, and the call is repeated, as n8n-core's
 *   requestOAuth2 does; a client-credentials credential fetches its first token (and every new
 *   one) with grant_type=client_credentials;
 * - a non-2xx answer is thrown as a NodeApiError wrapping an Axios-like error, as n8n's
 *   `httpRequestWithAuthentication` does;
 * - a credential with `preAuthentication` and a hidden `expirable` field is handled as n8n-core's
 *   `httpRequestWithAuthentication` and the CLI's CredentialsHelper.preAuthentication do
 *   (read in n8n 2.41's code, see `preAuthenticate` below): preAuthentication runs when the
 *   expirable field is empty or after a 401, its output counts only if it sets the expirable
 *   field, the whole merged credential is saved, and the caller's object is updated in place;
 *   a credential handed in as `credentialsDecrypted` is used instead of a fresh read;
 * - `getCredentials` returns what n8n's applyDefaultsAndOverwrites returns: only the declared
 *   properties, with defaults (so a field that preAuthentication returns but the credential does
 *   not declare is lost, as in n8n);
 * - static data behaves as in a running n8n: one object lives on between polls, and a copy is
 *   "saved" only when a non-manual poll returns; `restart()` reloads that saved copy;
 * - parameters are read as n8n-core reads them: the node's parameters are first reduced to the
 *   ones displayed (n8n-workflow's own `getNodeParameters`, with defaults, `displayOptions` and
 *   `@version`), so reading a hidden parameter without a fallback throws "Could not get
 *   parameter" and `extractValue` on a hidden parameter throws; a value starting with `=` is an
 *   expression, evaluated per item (`$json` is the item's json, `$itemIndex` its index).
 * The real n8n is exercised by the end-to-end suite (test/e2e).
 *
 * Layout (dev/context/): load.js (the built classes), http.js (requests and their errors),
 * parameters.js (displayed parameters, expressions), auth.js (credentials, OAuth2, preAuthentication),
 * webhook.js (webhook triggers); this file builds the contexts.
 */
const { webhookHarness } = require('./webhook');
const { loadCredentialTypes, loadNode, withDefaults } = require('./load');
const { send } = require('./http');
const { parameterReader } = require('./parameters');
const { createAuth } = require('./auth');

/**
 * Creates a harness. `credentials` maps credential type → data (kept and updated here, as n8n's
 * credential store would be). `parameters` are the node's parameters.
 */
function createHarness({ nodeName = 'RezStream', parameters = {}, credentials = {}, credentialIds = {}, typeVersion, timezone = 'UTC', store: sharedStore } = {}) {
	const credentialTypes = loadCredentialTypes();
	const nodeType = loadNode(nodeName);
	// `store` lets several harnesses (executions) share one credential store, as in one n8n.
	const store = sharedStore ?? JSON.parse(JSON.stringify(credentials));
	const stats = { getCredentials: 0, refreshes: 0, preAuthentications: 0, saves: 0, logs: [] };
	let savedStaticData = {};
	const pollContexts = {};
	let staticData = {};
	const node = {
		id: 'node-1',
		name: nodeType.description.defaults.name,
		type: `n8n-nodes-hospitality-connectors.${nodeType.description.name}`,
		// A node added today gets the newest version, as in the editor.
		typeVersion: typeVersion ?? Math.max(...[nodeType.description.version].flat()),
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(
			Object.keys(store).map((type) => [type, { id: credentialIds[type] ?? `${type}-id`, name: type }]),
		),
	};

	// Credentials (auth.js) and parameters (parameters.js) of this node and store.
	const { preAuthenticate, httpRequestWithAuthentication, httpRequest } = createAuth({ store, stats, credentialTypes, node, base: (mode) => base(mode) });
	const { readParameter } = parameterReader({ nodeType, node, parameters });

	function base(mode) {
		return {
			logger: {
				debug: (m) => stats.logs.push(m),
				info: (m) => stats.logs.push(m),
				warn: (m) => stats.logs.push(m),
				error: (m) => stats.logs.push(m),
			},
			getNode: () => node,
			getMode: () => mode,
			// The workflow's time zone (n8n: the workflow setting, else the instance's GENERIC_TIMEZONE).
			getTimezone: () => timezone,
			async getCredentials(type) {
				stats.getCredentials++;
				if (!store[type]) throw new Error(`Node does not have credentials of type ${type}`);
				return withDefaults(credentialTypes[type], store[type]);
			},
			helpers: {
				httpRequestWithAuthentication(type, options, additionalCredentialOptions) {
					return httpRequestWithAuthentication(type, options, additionalCredentialOptions);
				},
				httpRequest,
			},
		};
	}

	return {
		node,
		nodeType,
		store,
		stats,
		parameters,
		/** Reads one parameter the way `execute()` would for item `itemIndex` of `items`. */
		parameter(name, { itemIndex = 0, fallback, extractValue = false, items = [{ json: {} }] } = {}) {
			return readParameter(name, itemIndex, fallback, extractValue ? { extractValue } : undefined, items);
		},
		/**
		 * Runs the credential test as n8n does for a credential with preAuthentication: the test
		 * always runs preAuthentication first, then sends the type's test request with it.
		 */
		async testCredential(type) {
			const cls = credentialTypes[type];
			const credentials = withDefaults(cls, store[type]);
			const expirable = cls.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
			try {
				if (expirable) credentials[expirable.name] = '';
				await preAuthenticate(type, credentials, true);
				if (cls.test.request.baseURL === undefined) {
					// The credential's authenticate resolves a relative test URL itself (Kaizala).
					const options = { method: cls.test.request.method ?? 'GET', url: cls.test.request.url, headers: {} };
					await send(await cls.authenticate(credentials, options));
					return { status: 'OK', message: 'Connection tested successfully' };
				}
				const baseURL = String(cls.test.request.baseURL).replace(/^=\{\{\$credentials\.baseUrl\.replace\(.*\)\}\}$/, credentials.baseUrl.replace(/\/+$/, ''));
				const options = { method: cls.test.request.method ?? 'GET', url: `${baseURL}${cls.test.request.url}`, headers: {} };
				await send(await cls.authenticate(credentials, options));
				return { status: 'OK', message: 'Connection tested successfully' };
			} catch (error) {
				return { status: 'Error', message: error.message, error };
			}
		},
		/** Runs `execute()` over `items` (default: one empty item). */
		async execute({ items = [{ json: {} }], continueOnFail = false } = {}) {
			const plain = base('manual');
			const binaryOf = (itemIndex, name) => {
				const binary = items[itemIndex]?.binary?.[name];
				// n8n-core's assertBinaryData words it the same way.
				if (!binary) throw new Error(`This operation expects the node's input data to contain a binary file '${name}', but none was found [item ${itemIndex}]`);
				return binary;
			};
			const ctx = {
				...plain,
				helpers: {
					...plain.helpers,
					assertBinaryData: (itemIndex, name) => binaryOf(itemIndex, name),
					getBinaryDataBuffer: async (itemIndex, name) => Buffer.from(binaryOf(itemIndex, name).data, 'base64'),
				},
				getInputData: () => items,
				continueOnFail: () => continueOnFail,
				getNodeParameter: (name, itemIndex, fallback, options) => {
					if (!Number.isInteger(itemIndex) || itemIndex < 0 || itemIndex >= items.length) {
						throw new Error(`getNodeParameter("${name}"): item index ${itemIndex} is not one of the ${items.length} input items`);
					}
					return readParameter(name, itemIndex, fallback, options, items);
				},
			};
			return await nodeType.execute.call(ctx);
		},
		/** Runs one poll: mode 'trigger' (scheduled) or 'manual'. */
		async poll({ mode = 'trigger', pollBudgetMs } = {}) {
			// As n8n: one poll context lives for the whole activation (per mode), so whatever a
			// node caches on it survives from poll to poll.
			pollContexts[mode] = pollContexts[mode] ?? {
				...base(mode),
				getNodeParameter: (name, fallback, options) => readParameter(name, 0, fallback, options),
				getWorkflowStaticData: () => staticData,
			};
			const ctx = pollContexts[mode];
			if (pollBudgetMs !== undefined) ctx.getPollBudgetMs = () => pollBudgetMs;
			else delete ctx.getPollBudgetMs;
			const result = await nodeType.poll.call(ctx);
			if (mode !== 'manual') savedStaticData = JSON.parse(JSON.stringify(staticData));
			return result;
		},
		/** What n8n has saved of the node's static data. */
		savedStaticData: () => JSON.parse(JSON.stringify(savedStaticData)),
		/** n8n restarted: the in-memory static data is replaced by what was saved. */
		restart() {
			staticData = JSON.parse(JSON.stringify(savedStaticData));
		},
		// checkExists/create/delete and webhook() of a webhook trigger (webhook.js)
		...webhookHarness({
			base,
			nodeType,
			readParameter,
			staticData: () => staticData,
			save: () => {
				savedStaticData = JSON.parse(JSON.stringify(staticData));
			},
		}),
		/** Runs a list search method of the node. */
		async listSearch(method, filter) {
			const ctx = {
				...base('internal'),
				getNodeParameter: (name, fallback, options) => readParameter(name, 0, fallback, options),
			};
			return await nodeType.methods.listSearch[method].call(ctx, filter);
		},
	};
}

module.exports = { createHarness, loadCredentialTypes };
