'use strict';
/*
 * Local stand-in for the Res:harmonics PMS API v3 (seed 002 + api-notes), on the stand-in core
 * (127.0.0.1 only, request log, faults, latency, control endpoints).
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
 *   api.js / binding.js; records and their mutations in data.js (the `lastUpdated` ASSUMPTION).
 * The object returned exposes the data, mutations (updateBooking, addRoomStay, createBooking
 * with an explicit lastUpdated), settings, the request log and the core's faults.
 */
const crypto = require('crypto');
const core = require('../core');
const { springErrorBody } = require('../paging');
const { createData, mutations } = require('./data');
const { createApi } = require('./api');

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
	};
	const state = createData(options.data);
	const mutate = mutations(state);
	const api = createApi(state, mutate, settings);
	const tokens = new Map(); // token -> calls left

	function token(ctx) {
		const { req, entry } = ctx;
		entry.kind = 'token';
		const type = (req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
		if (req.method !== 'POST' || type !== 'application/x-www-form-urlencoded') return core.sendJson(ctx, 400, { error: 'invalid_request' });
		const form = new URLSearchParams(ctx.body.text);
		entry.form = Object.fromEntries([...form.keys()].map((k) => [k, k === 'client_secret' ? '***' : form.get(k)]));
		const basic = basicClient(req.headers.authorization);
		const inBody = form.has('client_id') || form.has('client_secret');
		entry.clientAuth = basic && inBody ? 'both' : basic ? 'header' : inBody ? 'body' : 'none';
		if (basic && inBody) return core.sendJson(ctx, 400, { error: 'invalid_request', error_description: 'more than one client authentication method' });
		const client = basic ?? { id: form.get('client_id'), secret: form.get('client_secret') };
		if (form.get('grant_type') !== 'client_credentials') return core.sendJson(ctx, 400, { error: 'unsupported_grant_type' });
		if (client.id !== settings.clientId || client.secret !== settings.clientSecret) return core.sendJson(ctx, 400, { error: 'invalid_client' });
		const scopes = (form.get('scope') || '').split(' ').filter(Boolean);
		if (scopes.some((s) => !settings.allowedScopes.includes(s))) return core.sendJson(ctx, 400, { error: 'invalid_scope' });
		const accessToken = `rh-at-${crypto.randomBytes(16).toString('hex')}`;
		tokens.set(accessToken, settings.tokenCalls);
		entry.issued = accessToken;
		return core.sendJson(ctx, 200, { access_token: accessToken, expires_in: settings.expiresIn, token_type: 'Bearer' });
	}

	const srv = await core.startServer({
		name: 'resharmonics',
		port: options.port ?? 0,
		latencyMs: options.latencyMs ?? 0,
		maxRecorded: 100000,
		// Log entries: the raw query string (`search`) as sent, and every value per name (`params`).
		record: (ctx) => ({ method: ctx.method, path: ctx.path, search: ctx.url.search, params: ctx.url.searchParams, headers: { ...ctx.req.headers }, status: 0, at: Date.now() }),
		async handle(ctx) {
			const { req, entry } = ctx;
			if (ctx.path === '/oauth2/token') return token(ctx);
			entry.kind = 'api';
			const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization || '')?.[1];
			const key = req.headers['x-auth-token'];
			let scheme;
			if (key !== undefined) {
				if (key !== settings.apiKey) return core.sendJson(ctx, 401, { message: 'Unauthorized' });
				scheme = 'apiKey';
			} else if (bearer !== undefined) {
				entry.token = bearer;
				if (!tokens.has(bearer)) return core.sendJson(ctx, 401, { message: 'Unauthorized' });
				const left = tokens.get(bearer);
				if (left <= 0) return core.sendJson(ctx, 401, { message: 'The incoming token has expired' });
				tokens.set(bearer, left - 1);
				scheme = 'bearer';
			} else {
				return core.sendJson(ctx, 401, { message: 'Unauthorized' });
			}
			entry.scheme = scheme;
			const fault = srv.faults.take(ctx);
			if (fault) return core.sendFault(ctx, fault);
			const json = core.readJson(ctx);
			if (json.error) return core.springError(ctx, 400, `JSON parse error: ${json.error}`);
			entry.body = json.value;
			const out = api.handle({ method: ctx.method, path: ctx.path, params: ctx.url.searchParams, body: json.value, scheme });
			if (out.spring) return core.springError(ctx, out.status, out.body.message);
			return core.sendJson(ctx, out.status, out.body);
		},
	});
	const log = srv.log;

	return {
		url: srv.url,
		tokenUrl: `${srv.url}/oauth2/token`,
		settings,
		data: state,
		srv,
		...mutate,
		/** Every token issued so far dies now (its next call gets the expiry 401). */
		expireTokens() {
			for (const k of tokens.keys()) tokens.set(k, 0);
		},
		/** The next authenticated call to `path` is answered `status` with a Spring error body carrying `message`. */
		failNext(path, status, message) {
			srv.faults.add({ path, status, body: springErrorBody(path, status, message) });
		},
		setLatency: (ms) => srv.setLatency(ms),
		requests: () => log.slice(),
		apiRequests: () => log.filter((e) => e.kind === 'api'),
		tokenRequests: () => log.filter((e) => e.kind === 'token'),
		clearRequests: () => log.clear(),
		close: () => srv.close(),
	};
}

module.exports = { startResHarmonicsStandIn };
