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
 */
const path = require('node:path');
const { NodeApiError, NodeHelpers } = require('n8n-workflow');
const { webhookHarness } = require('./n8n-webhook-context');

const DIST = path.resolve(__dirname, '../../dist');

function loadCredentialTypes() {
	const pkg = require('../../package.json');
	const types = {};
	for (const file of pkg.n8n.credentials) {
		const mod = require(path.join(DIST, '..', file));
		for (const Cls of Object.values(mod)) {
			const instance = new Cls();
			types[instance.name] = instance;
		}
	}
	return types;
}

function loadNode(name) {
	const pkg = require('../../package.json');
	const file = pkg.n8n.nodes.find((f) => path.basename(f) === `${name}.node.js`);
	if (!file) throw new Error(`no node ${name} in package.json`);
	const mod = require(path.join(DIST, '..', file));
	return new mod[name]();
}

/**
 * Evaluates an n8n-style expression value (`={{ … }}`, or text with several `{{ … }}`) for one
 * item. Enough of n8n's expression language for tests: plain JavaScript over `$json`,
 * `$itemIndex` and `$parameter`.
 */
function evaluateExpression(value, scope) {
	const run = (code) =>
		new Function('$json', '$itemIndex', '$parameter', `return (${code});`)(scope.json, scope.itemIndex, scope.parameters);
	const template = value.slice(1);
	const whole = /^\s*\{\{([\s\S]*?)\}\}\s*$/.exec(template);
	if (whole) return run(whole[1]);
	return template.replace(/\{\{([\s\S]*?)\}\}/g, (_, code) => String(run(code)));
}

/** Resolves `=` values in place (the value is a fresh copy); values that came from an
 * expression (deep, or circular) are left as they are, as n8n evaluates each parameter once. */
function resolveExpressions(value, scope, depth = 0) {
	if (typeof value === 'string') return value.startsWith('=') ? evaluateExpression(value, scope) : value;
	if (depth > 20 || !value || typeof value !== 'object') return value;
	for (const key of Object.keys(value)) {
		const v = value[key];
		if (typeof v === 'string' || (v && typeof v === 'object')) value[key] = resolveExpressions(v, scope, depth + 1);
	}
	return value;
}

function getPath(object, path) {
	let current = object;
	for (const part of path.split('.')) {
		if (current === undefined || current === null || typeof current !== 'object') return undefined;
		current = Object.prototype.hasOwnProperty.call(current, part) ? current[part] : undefined;
	}
	return current;
}

/** What n8n's credentialsHelper.applyDefaultsAndOverwrites keeps of stored data. */
function withDefaults(credentialType, data) {
	if (!credentialType || credentialType.extends) return JSON.parse(JSON.stringify(data));
	const out = {};
	for (const p of credentialType.properties) {
		out[p.name] = Object.prototype.hasOwnProperty.call(data, p.name) ? data[p.name] : p.default;
	}
	return JSON.parse(JSON.stringify(out));
}

function hasHeader(headers, name) {
	return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

function resolveTemplate(template, credentials) {
	if (typeof template !== 'string' || !template.startsWith('=')) return template;
	return template
		.slice(1)
		.replace(/\{\{\s*\$credentials\.([A-Za-z0-9_]+)\s*\}\}/g, (_, key) => String(credentials[key] ?? ''));
}

function headersToObject(headers) {
	const out = {};
	headers.forEach((value, key) => {
		out[key] = value;
	});
	return out;
}

async function send(options) {
	const init = { method: options.method || 'GET', headers: { ...(options.headers || {}) } };
	// As n8n's helpers: `disableFollowRedirect` answers a 3xx as an error, `abortSignal` cuts the
	// request at any stage. (Node's fetch has no per-attempt `timeout`; the signal covers it.)
	if (options.disableFollowRedirect) init.redirect = 'manual';
	if (options.abortSignal) init.signal = options.abortSignal;
	let url = options.url;
	if (options.qs) {
		const u = new URL(url);
		for (const [k, v] of Object.entries(options.qs)) if (v !== undefined) u.searchParams.set(k, String(v));
		url = u.toString();
	}
	// As axios: a header the caller set is kept; a string is sent as it is.
	if (options.body !== undefined) {
		if (typeof FormData !== 'undefined' && options.body instanceof FormData) {
			// As axios: multipart with its own boundary.
			init.body = options.body;
		} else if (options.body instanceof URLSearchParams) {
			init.body = options.body.toString();
			if (!hasHeader(init.headers, 'content-type')) init.headers['content-type'] = 'application/x-www-form-urlencoded';
		} else if (typeof options.body === 'string') {
			init.body = options.body;
		} else {
			init.body = JSON.stringify(options.body);
			if (!hasHeader(init.headers, 'content-type')) init.headers['content-type'] = 'application/json';
		}
	}
	// As axios with maxRedirects 0: a redirect is answered, not followed.
	if (options.disableFollowRedirect) init.redirect = 'manual';
	let response;
	try {
		response = await fetch(url, init);
	} catch (cause) {
		if (cause.name === 'AbortError' || cause.name === 'TimeoutError') {
			const error = new Error('canceled');
			error.code = 'ERR_CANCELED';
			throw error;
		}
		const error = new Error(`connect failed: ${cause.cause?.code ?? cause.message}`);
		error.code = cause.cause?.code ?? 'ECONNREFUSED';
		throw error;
	}
	let text;
	try {
		text = await response.text();
	} catch (cause) {
		const error = new Error(`canceled while reading the body: ${cause.name}`);
		error.code = cause.name === 'AbortError' || cause.name === 'TimeoutError' ? 'ERR_CANCELED' : 'ECONNRESET';
		throw error;
	}
	let body = text;
	if (text && /json/i.test(response.headers.get('content-type') || '')) {
		try {
			body = JSON.parse(text);
		} catch {
			body = text; // as axios: a body that does not parse stays text
		}
	}
	const full = { statusCode: response.status, headers: headersToObject(response.headers), body };
	// axios's default validateStatus: anything but 2xx throws (a 3xx is only seen unfollowed).
	if (response.status >= 300) {
		const error = new Error(`Request failed with status code ${response.status}`);
		error.name = 'AxiosError';
		error.config = { headers: init.headers, url };
		error.response = { status: response.status, headers: full.headers, data: body };
		throw error;
	}
	return full;
}

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

	function parentTypes(type) {
		return credentialTypes[type]?.extends ?? [];
	}

	/** The credential's grant type: stored, else the type's own (hidden) default. */
	function grantTypeOf(type) {
		return store[type].grantType ?? credentialTypes[type].properties.find((p) => p.name === 'grantType')?.default;
	}

	async function refreshOAuth2(type) {
		const data = store[type];
		// Client credentials (n8n-core oauth.js refreshOrFetchToken): a new token with the client itself;
		// scope only when set.
		const clientCredentials = grantTypeOf(type) === 'clientCredentials';
		const form = clientCredentials
			? new URLSearchParams({ grant_type: 'client_credentials', ...(data.scope ? { scope: data.scope } : {}) })
			: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: data.oauthTokenData.refresh_token });
		const headers = {};
		if ((data.authentication ?? 'header') === 'body') {
			form.set('client_id', data.clientId);
			form.set('client_secret', data.clientSecret);
		} else {
			headers.authorization = `Basic ${Buffer.from(`${data.clientId}:${data.clientSecret}`).toString('base64')}`;
		}
		const answer = await send({ method: 'POST', url: data.accessTokenUrl, body: form, headers });
		stats.refreshes++;
		data.oauthTokenData = clientCredentials ? answer.body : { ...data.oauthTokenData, ...answer.body };
	}

	/** n8n's plain httpRequest (axios): throws on >= 400, answers the body unless asked for more. */
	async function httpRequest(options) {
		const full = await send(options);
		return options.returnFullResponse ? full : full.body;
	}

	/**
	 * CredentialsHelper.preAuthentication (n8n 2.41, packages/cli credentials-helper): runs the
	 * type's preAuthentication when the hidden expirable field is empty or the call was refused;
	 * ignores output without the expirable field; saves Object.assign(credentials, output) as the
	 * credential's whole data (updateCredentials) and answers it.
	 */
	async function preAuthenticate(type, credentials, expired) {
		const cls = credentialTypes[type];
		const expirable = cls.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof cls.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !expired) return undefined;
		stats.preAuthentications++;
		const output = await cls.preAuthentication.call({ helpers: { httpRequest } }, credentials);
		if (output[expirable.name] === undefined) return undefined;
		Object.assign(credentials, output);
		store[type] = JSON.parse(JSON.stringify(credentials));
		stats.saves++;
		return credentials;
	}

	async function httpRequestWithAuthentication(type, requestOptions, additionalCredentialOptions) {
		const data = store[type];
		if (!data) throw new Error(`Node does not have credentials of type ${type}`);
		if (parentTypes(type).includes('oAuth2Api')) return await oauth2Request(type, requestOptions);
		// n8n-core request-helper-functions: the handed-in object, or a fresh read; it is updated
		// in place by preAuthentication, so the caller sees the new token.
		let credentials;
		const attempt = async () => {
			const options = { ...requestOptions, headers: { ...(requestOptions.headers || {}) } };
			const auth = credentialTypes[type].authenticate;
			if (typeof auth === 'function') {
				return await send(await auth(credentials, options));
			}
			for (const [k, v] of Object.entries(auth?.properties?.headers ?? {})) {
				options.headers[k] = resolveTemplate(v, credentials);
			}
			return await send(options);
		};
		try {
			credentials = additionalCredentialOptions?.credentialsDecrypted
				? additionalCredentialOptions.credentialsDecrypted.data
				: await base('internal').getCredentials(type);
			await preAuthenticate(type, credentials, false);
			const full = await attempt();
			return requestOptions.returnFullResponse ? full : full.body;
		} catch (error) {
			if (error.response?.status === 401 && credentials !== undefined) {
				try {
					await preAuthenticate(type, credentials, true);
					const full = await attempt();
					return requestOptions.returnFullResponse ? full : full.body;
				} catch (retryError) {
					throw new NodeApiError(node, retryError);
				}
			}
			throw new NodeApiError(node, error);
		}
	}

	async function oauth2Request(type, requestOptions) {
		const data = store[type];
		const attempt = async () => {
			const options = { ...requestOptions, headers: { ...(requestOptions.headers || {}) } };
			options.headers.Authorization = `Bearer ${data.oauthTokenData.access_token}`;
			return await send(options);
		};
		try {
			// n8n-core requestOAuth2: a client-credentials credential without a token fetches one first.
			if (grantTypeOf(type) === 'clientCredentials' && !data.oauthTokenData?.access_token) await refreshOAuth2(type);
			try {
				const full = await attempt();
				return requestOptions.returnFullResponse ? full : full.body;
			} catch (error) {
				if (error.response?.status === 401) {
					await refreshOAuth2(type);
					const full = await attempt();
					return requestOptions.returnFullResponse ? full : full.body;
				}
				throw error;
			}
		} catch (error) {
			throw new NodeApiError(node, error);
		}
	}

	/**
	 * The parameters as n8n-core holds them while a node runs: only the displayed ones, with
	 * defaults filled in (n8n's Workflow does this once when it loads the node).
	 */
	function displayedParameters() {
		const description = nodeType.description;
		return NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
	}

	/** Like n8n-core's getNodeParameter, for one item (`itemIndex`) of `items`. */
	function readParameter(name, itemIndex, fallback, options, items = []) {
		const displayed = displayedParameters();
		let value = getPath(displayed, name);
		if (value === undefined) value = fallback;
		if (value === undefined) {
			throw new Error(`Could not get parameter "${name}" (it is not set, or not displayed with the other parameters)`);
		}
		value = resolveExpressions(structuredClone(value), {
			json: items[itemIndex]?.json,
			itemIndex,
			parameters: displayed,
		});
		if (options?.extractValue) {
			// n8n-core's extractValue looks the parameter up among the displayed properties only.
			const top = name.split('.')[0];
			const shown = nodeType.description.properties.some(
				(p) => p.name === top && NodeHelpers.displayParameterPath(displayed, p, '', node, nodeType.description),
			);
			if (!shown) throw new Error(`Could not find property "${name}" among the displayed parameters of ${nodeType.description.name}`);
			if (value && typeof value === 'object' && 'mode' in value && 'value' in value) value = value.value;
		}
		return value;
	}

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
		// checkExists/create/delete and webhook() of a webhook trigger (n8n-webhook-context.js)
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
