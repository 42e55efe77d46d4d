'use strict';
/**
 * Unit-test stand-ins for the n8n contexts a node runs in (execute, poll, load options).
 *
 * They do what n8n does, over real HTTP, so that tests see what a user would:
 * - credentials are applied from the credential class itself (its `authenticate` function or
 *   block, or for an `oAuth2Api` child a Bearer token from `oauthTokenData`), so a renamed
 *   field breaks a test;
 * - an OAuth2 call answered 401 is refreshed once at the credential's token URL (client id and
 *   secret in the body), the new token data (with a rotated refresh token) is stored, and the
 *   call is repeated, as n8n-core's requestOAuth2 does;
 * - a non-2xx answer is thrown as a NodeApiError wrapping an Axios-like error, as n8n's
 *   `httpRequestWithAuthentication` does;
 * - static data behaves as in a running n8n: one object lives on between polls, and a copy is
 *   "saved" only when a non-manual poll returns; `restart()` reloads that saved copy.
 * The real n8n is exercised by the end-to-end suite (test/e2e).
 */
const path = require('node:path');
const { NodeApiError } = require('n8n-workflow');

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
	const mod = require(path.join(DIST, 'nodes', 'RezStream', `${name}.node.js`));
	return new mod[name]();
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
	if (options.body !== undefined) {
		if (options.body instanceof URLSearchParams) {
			init.body = options.body.toString();
			init.headers['content-type'] = 'application/x-www-form-urlencoded';
		} else {
			init.body = JSON.stringify(options.body);
			init.headers['content-type'] = 'application/json';
		}
	}
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
	if (response.status >= 400 || (response.status >= 300 && init.redirect === 'manual')) {
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
function createHarness({ nodeName = 'RezStream', parameters = {}, credentials = {}, credentialIds = {} } = {}) {
	const credentialTypes = loadCredentialTypes();
	const nodeType = loadNode(nodeName);
	const store = JSON.parse(JSON.stringify(credentials));
	const stats = { getCredentials: 0, refreshes: 0, logs: [] };
	let savedStaticData = {};
	const pollContexts = {};
	let staticData = {};
	const node = {
		id: 'node-1',
		name: nodeType.description.defaults.name,
		type: `n8n-nodes-hospitality-connectors.${nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(
			Object.keys(store).map((type) => [type, { id: credentialIds[type] ?? `${type}-id`, name: type }]),
		),
	};

	function parentTypes(type) {
		return credentialTypes[type]?.extends ?? [];
	}

	async function refreshOAuth2(type) {
		const data = store[type];
		const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: data.oauthTokenData.refresh_token });
		const headers = {};
		if ((data.authentication ?? 'header') === 'body') {
			form.set('client_id', data.clientId);
			form.set('client_secret', data.clientSecret);
		} else {
			headers.authorization = `Basic ${Buffer.from(`${data.clientId}:${data.clientSecret}`).toString('base64')}`;
		}
		const answer = await send({ method: 'POST', url: data.accessTokenUrl, body: form, headers });
		stats.refreshes++;
		data.oauthTokenData = { ...data.oauthTokenData, ...answer.body };
	}

	async function httpRequestWithAuthentication(type, requestOptions, additional) {
		// As n8n: a non-OAuth2 credential handed in (`credentialsDecrypted`) is used as given.
		const handed = additional?.credentialsDecrypted?.data;
		const data = handed && !parentTypes(type).includes('oAuth2Api') ? handed : store[type];
		if (!data) throw new Error(`Node does not have credentials of type ${type}`);
		const attempt = async () => {
			const options = { ...requestOptions, headers: { ...(requestOptions.headers || {}) } };
			if (parentTypes(type).includes('oAuth2Api')) {
				options.headers.Authorization = `Bearer ${data.oauthTokenData.access_token}`;
			} else {
				const auth = credentialTypes[type].authenticate;
				if (typeof auth === 'function') {
					return await send(await auth(JSON.parse(JSON.stringify(data)), options));
				}
				for (const [k, v] of Object.entries(auth?.properties?.headers ?? {})) {
					options.headers[k] = resolveTemplate(v, data);
				}
			}
			return await send(options);
		};
		try {
			try {
				const full = await attempt();
				return requestOptions.returnFullResponse ? full : full.body;
			} catch (error) {
				if (parentTypes(type).includes('oAuth2Api') && error.response?.status === 401) {
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

	function defaultOf(name) {
		const found = nodeType.description.properties.find((p) => p.name === name);
		return found ? found.default : undefined;
	}

	function readParameter(name, fallback, options) {
		let value = Object.prototype.hasOwnProperty.call(parameters, name) ? parameters[name] : undefined;
		if (value === undefined) value = fallback !== undefined ? fallback : defaultOf(name);
		if (options?.extractValue && value && typeof value === 'object' && '__rl' in value) value = value.value;
		if (options?.extractValue && value && typeof value === 'object' && 'mode' in value && 'value' in value) value = value.value;
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
			getTimezone: () => 'UTC',
			async getCredentials(type) {
				stats.getCredentials++;
				if (!store[type]) throw new Error(`Node does not have credentials of type ${type}`);
				return JSON.parse(JSON.stringify(store[type]));
			},
			helpers: {
				httpRequestWithAuthentication(type, options, additional) {
					return httpRequestWithAuthentication(type, options, additional);
				},
			},
		};
	}

	return {
		node,
		nodeType,
		store,
		stats,
		parameters,
		/** Runs `execute()` over `items` (default: one empty item). */
		async execute({ items = [{ json: {} }], continueOnFail = false } = {}) {
			const ctx = {
				...base('manual'),
				getInputData: () => items,
				continueOnFail: () => continueOnFail,
				getNodeParameter: (name, itemIndex, fallback, options) => readParameter(name, fallback, options),
			};
			return await nodeType.execute.call(ctx);
		},
		/** Runs one poll: mode 'trigger' (scheduled) or 'manual'. */
		async poll({ mode = 'trigger', pollBudgetMs } = {}) {
			// As n8n: one poll context lives for the whole activation (per mode), so whatever a
			// node caches on it survives from poll to poll.
			pollContexts[mode] = pollContexts[mode] ?? {
				...base(mode),
				getNodeParameter: (name, fallback, options) => readParameter(name, fallback, options),
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
		/** Runs a list search method of the node. */
		async listSearch(method, filter) {
			const ctx = {
				...base('internal'),
				getNodeParameter: (name, fallback, options) => readParameter(name, fallback, options),
			};
			return await nodeType.methods.listSearch[method].call(ctx, filter);
		},
	};
}

module.exports = { createHarness, loadCredentialTypes };
