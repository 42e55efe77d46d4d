'use strict';
/*
 * Local stand-in for the Res:harmonics PMS API v3 (seed 002 + api-notes), on 127.0.0.1 only.
 * - POST /oauth2/token: client credentials (form body, grant_type=client_credentials; the client
 *   as HTTP Basic or client_id/client_secret in the body, not both), optional scope checked
 *   against `allowedScopes`; answers {access_token, expires_in, token_type}. ASSUMPTION: errors
 *   as Amazon Cognito words them ({"error": "invalid_client"} with 400), which the token host
 *   and the expiry message suggest.
 * - API calls with `Authorization: Bearer <token>` or `X-Auth-Token: <apiKey>`. A token dies
 *   after `tokenCalls` API calls: then 401 {"message": "The incoming token has expired"}.
 *   Unknown credentials: 401 {"message": "Unauthorized"}. GET /bookings/{id}/pricing accepts
 *   only X-Auth-Token.
 * - Routes, Spring paging (silent size cap `maxPageSize`), Spring 400s and filter binding in
 *   api.js / binding.js; records and their mutations in data.js.
 * The object returned exposes the data, mutations (updateBooking, addRoomStay, createBooking
 * with an explicit lastUpdated), settings, and the request log.
 */
const http = require('http');
const crypto = require('crypto');
const { createData, mutations } = require('./data');
const { createApi } = require('./api');

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (c) => {
			size += c.length;
			if (size > 1024 * 1024) reject(new Error('body too large'));
			else chunks.push(c);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function basicClient(header) {
	const m = /^Basic\s+(.+)$/i.exec(header || '');
	if (!m) return undefined;
	const text = Buffer.from(m[1], 'base64').toString('utf8');
	const i = text.indexOf(':');
	return i < 0 ? undefined : { id: decodeURIComponent(text.slice(0, i)), secret: decodeURIComponent(text.slice(i + 1)) };
}

async function startResHarmonicsStandIn(options = {}) {
	const settings = {
		clientId: options.clientId ?? 'rh-client-1',
		clientSecret: options.clientSecret ?? 'rh-secret-4f9a2c71d3',
		apiKey: options.apiKey ?? 'rh-key-8b1e6d03aa57',
		allowedScopes: options.allowedScopes ?? ['api/read', 'api/write'],
		/** API calls a token survives; then 401 "The incoming token has expired". */
		tokenCalls: options.tokenCalls ?? Infinity,
		expiresIn: options.expiresIn ?? 3600,
		maxPageSize: options.maxPageSize ?? 50,
		latencyMs: options.latencyMs ?? 0,
	};
	const state = createData(options.data);
	const mutate = mutations(state);
	const api = createApi(state, mutate, settings);
	const tokens = new Map(); // token -> calls left
	const log = [];
	const faults = []; // { path, status, message }: the next authenticated call to `path` gets a Spring error body

	const send = (res, entry, status, body) => {
		entry.status = status;
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(body === undefined ? '' : JSON.stringify(body));
	};

	function token(req, res, entry, text) {
		entry.kind = 'token';
		const type = (req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
		if (req.method !== 'POST' || type !== 'application/x-www-form-urlencoded') return send(res, entry, 400, { error: 'invalid_request' });
		const form = new URLSearchParams(text);
		entry.form = Object.fromEntries([...form.keys()].map((k) => [k, k === 'client_secret' ? '***' : form.get(k)]));
		const basic = basicClient(req.headers.authorization);
		const inBody = form.has('client_id') || form.has('client_secret');
		entry.clientAuth = basic && inBody ? 'both' : basic ? 'header' : inBody ? 'body' : 'none';
		if (basic && inBody) return send(res, entry, 400, { error: 'invalid_request', error_description: 'more than one client authentication method' });
		const client = basic ?? { id: form.get('client_id'), secret: form.get('client_secret') };
		if (form.get('grant_type') !== 'client_credentials') return send(res, entry, 400, { error: 'unsupported_grant_type' });
		if (client.id !== settings.clientId || client.secret !== settings.clientSecret) return send(res, entry, 400, { error: 'invalid_client' });
		const scopes = (form.get('scope') || '').split(' ').filter(Boolean);
		if (scopes.some((s) => !settings.allowedScopes.includes(s))) return send(res, entry, 400, { error: 'invalid_scope' });
		const accessToken = `rh-at-${crypto.randomBytes(16).toString('hex')}`;
		tokens.set(accessToken, settings.tokenCalls);
		entry.issued = accessToken;
		send(res, entry, 200, { access_token: accessToken, expires_in: settings.expiresIn, token_type: 'Bearer' });
	}

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		const entry = { method: req.method, path: url.pathname, search: url.search, params: url.searchParams, headers: { ...req.headers }, status: 0 };
		log.push(entry);
		try {
			const text = await readBody(req);
			if (settings.latencyMs) await new Promise((r) => setTimeout(r, settings.latencyMs));
			if (url.pathname === '/oauth2/token') return token(req, res, entry, text);
			entry.kind = 'api';
			const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization || '')?.[1];
			const key = req.headers['x-auth-token'];
			let scheme;
			if (key !== undefined) {
				if (key !== settings.apiKey) return send(res, entry, 401, { message: 'Unauthorized' });
				scheme = 'apiKey';
			} else if (bearer !== undefined) {
				entry.token = bearer;
				if (!tokens.has(bearer)) return send(res, entry, 401, { message: 'Unauthorized' });
				const left = tokens.get(bearer);
				if (left <= 0) return send(res, entry, 401, { message: 'The incoming token has expired' });
				tokens.set(bearer, left - 1);
				scheme = 'bearer';
			} else {
				return send(res, entry, 401, { message: 'Unauthorized' });
			}
			entry.scheme = scheme;
			let body;
			if (text) {
				try {
					body = JSON.parse(text);
				} catch {
					return send(res, entry, 400, { message: 'JSON parse error: the request body is not valid JSON' });
				}
			}
			entry.body = body;
			const fault = faults.findIndex((f) => f.path === url.pathname);
			if (fault >= 0) {
				const [f] = faults.splice(fault, 1);
				return send(res, entry, f.status, { timestamp: new Date().toISOString(), status: f.status, error: http.STATUS_CODES[f.status], message: f.message, path: url.pathname });
			}
			const out = api.handle({ method: req.method, path: url.pathname, params: url.searchParams, body, scheme });
			const answer = out.spring ? { timestamp: new Date().toISOString(), status: out.status, error: http.STATUS_CODES[out.status], message: out.body.message, path: url.pathname } : out.body;
			send(res, entry, out.status, answer);
		} catch (error) {
			send(res, entry, 500, { message: String(error.message || error) });
		}
	});
	await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${server.address().port}`;

	return {
		url: base,
		tokenUrl: `${base}/oauth2/token`,
		settings,
		data: state,
		...mutate,
		/** Every token issued so far dies now (its next call gets the expiry 401). */
		expireTokens() {
			for (const k of tokens.keys()) tokens.set(k, 0);
		},
		/** The next authenticated call to `path` is answered `status` with a Spring error body carrying `message`. */
		failNext(path, status, message) {
			faults.push({ path, status, message });
		},
		requests: () => log.slice(),
		apiRequests: () => log.filter((e) => e.kind === 'api'),
		tokenRequests: () => log.filter((e) => e.kind === 'token'),
		clearRequests: () => log.splice(0),
		async close() {
			server.closeAllConnections?.();
			await new Promise((r) => server.close(r));
		},
	};
}

module.exports = { startResHarmonicsStandIn };
