'use strict';
/*
 * Local stand-in for Microsoft Kaizala's connector API (seed 003 + api-notes), on 127.0.0.1 only.
 * Two listeners, as Kaizala has two hosts:
 *   - the API root (`{root}/v1/accessToken`): the token service. It checks the headers
 *     applicationId, applicationSecret and refreshToken; answers {accessToken, endpointUrl,
 *     accessTokenExpiry (epoch ms), refreshToken, scope}; `refreshToken` is "" until 90% of the
 *     refresh token's life has passed, then every answer carries a new one (the old one stays
 *     valid unless `revokeRotated`). Every other path of the root answers ASP.NET's 404
 *     {"Message": …}: the root serves no API calls.
 *   - the endpoint(s) (`{endpointUrl}/v1/...`): API calls with the `accessToken` header. Errors
 *     are {message, errorCode, errorCategoryKey}; unrouted paths {"Message": …}.
 * Faults a test can switch on: short token lives, a move (308 with Location = the new
 * endpoint's base URL, as Kaizala sends it: following it lands on "/" and gets 404), throttling
 * (429 + Retry-After seconds, per connector per window), a foreign or non-https endpointUrl.
 * JSON property names are matched case-insensitively, as ASP.NET does.
 * ASSUMPTION (the public docs are silent): the token service's error codes, the shapes of the
 * list answers ({groups}, {members}, {actions, hasMore}, {subscribers, cursor}) and member roles.
 */
const crypto = require('crypto');
const core = require('../core');
const { createApi } = require('./api');

const MAX_BODY = 8 * 1024 * 1024;

/** Case-insensitive view of a parsed JSON object (ASP.NET model binding). */
function ci(object) {
	if (!object || typeof object !== 'object' || Array.isArray(object)) return object;
	return new Proxy(object, {
		get(target, key) {
			if (typeof key !== 'string') return target[key];
			const found = Object.keys(target).find((k) => k.toLowerCase() === key.toLowerCase());
			return found === undefined ? undefined : ci(target[found]);
		},
	});
}

function send(ctx, status, body, headers = {}) {
	core.send(ctx, status, { 'content-type': 'application/json; charset=utf-8', ...headers }, body === undefined ? '' : JSON.stringify(body));
}

const notRouted = (url) => ({ Message: `No HTTP resource was found that matches the request URI '${url}'.` });

async function startKaizalaStandIn(options = {}) {
	const clock = { offsetMs: 0 };
	const now = () => Date.now() + clock.offsetMs;
	const settings = {
		applicationId: options.applicationId ?? 'app-1',
		applicationSecret: options.applicationSecret ?? 'app-secret-123',
		accessTokenLifeMs: options.accessTokenLifeMs ?? 24 * 3600 * 1000,
		refreshTokenLifeMs: 365 * 24 * 3600 * 1000,
		revokeRotated: options.revokeRotated ?? false,
		rateLimit: options.rateLimit ?? null, // { calls, windowMs }
		endpointOverride: null, // e.g. 'http://evil.example.com' to test refusal
	};
	const refreshTokens = new Map(); // token -> {issuedAt, valid}
	const accessTokens = new Map(); // token -> expiresAt
	const log = core.createRequestLog({ max: Infinity });
	const requests = log.entries;
	const newRefresh = (issuedAt = now()) => {
		const token = `rt-${crypto.randomBytes(12).toString('hex')}`;
		refreshTokens.set(token, { issuedAt, valid: true });
		return token;
	};
	const initialRefreshToken = newRefresh();
	const window = { start: 0, count: 0 };

	const endpoints = [];
	let current = 0; // index of the endpoint the token service names
	const moves = new Map(); // endpoint index -> index it moved to

	const api = createApi({ now, webhookTimeoutMs: options.webhookTimeoutMs ?? 5000 });

	const listen = (host, handle, record) => core.startServer({ name: `kaizala-${host}`, log, maxBodyBytes: MAX_BODY, record, handle });
	const root = await listen('root', async (ctx) => {
		const { req, url } = ctx;
		const headers = req.headers;
		const record = ctx.entry;
		const answer = (status, body) => send(ctx, status, body);
		if (req.method !== 'GET' || url.pathname !== '/v1/accessToken') return answer(404, notRouted(req.url));
		record.kind = 'token';
		if (headers.applicationid !== settings.applicationId || headers.applicationsecret !== settings.applicationSecret) {
			return answer(401, { message: 'Invalid application id or application secret', errorCode: 'InvalidApplicationCredentials', errorCategoryKey: 'Authentication' });
		}
		const held = refreshTokens.get(headers.refreshtoken);
		if (!held || !held.valid || now() - held.issuedAt > settings.refreshTokenLifeMs) {
			return answer(401, { message: 'Refresh token is invalid or expired', errorCode: 'InvalidRefreshToken', errorCategoryKey: 'Authentication' });
		}
		let rotated = '';
		if (now() - held.issuedAt >= 0.9 * settings.refreshTokenLifeMs) {
			rotated = newRefresh();
			if (settings.revokeRotated) held.valid = false;
		}
		const accessToken = `at-${crypto.randomBytes(12).toString('hex')}`;
		const expiry = now() + settings.accessTokenLifeMs;
		accessTokens.set(accessToken, expiry);
		record.issued = accessToken;
		answer(200, {
			accessToken,
			endpointUrl: settings.endpointOverride ?? endpoints[current].url,
			accessTokenExpiry: expiry,
			refreshToken: options.nullRefresh ? null : rotated,
			scope: 'Group',
		});
	}, (ctx) => ({ host: 'root', method: ctx.method, path: ctx.url.pathname, headers: { ...ctx.req.headers }, status: 0 }));

	async function endpointHandler(index, ctx) {
		const { req, url } = ctx;
		const record = ctx.entry;
		const answer = (status, body, extra) => send(ctx, status, body, extra);
		if (ctx.body.tooLarge) return answer(500, { message: String(new Error('body too large')) });
		const raw = ctx.body.raw;
		record.contentType = req.headers['content-type'];
		if (moves.has(index)) {
			return core.send(ctx, 308, { location: endpoints[moves.get(index)].url }, null);
		}
		if (!url.pathname.startsWith('/v1/')) return answer(404, notRouted(req.url));
		const token = req.headers.accesstoken;
		const expiry = accessTokens.get(token);
		if (!expiry || expiry <= now()) {
			return answer(401, { message: 'Access token is invalid or expired', errorCode: 'InvalidAccessToken', errorCategoryKey: 'Authentication' });
		}
		if (settings.rateLimit) {
			const t = now();
			if (t - window.start >= settings.rateLimit.windowMs) Object.assign(window, { start: t, count: 0 });
			if (window.count >= settings.rateLimit.calls) {
				const wait = Math.max(1, Math.ceil((window.start + settings.rateLimit.windowMs - t) / 1000));
				return answer(429, { message: 'Too many requests', errorCode: 'Throttled', errorCategoryKey: 'Throttling' }, { 'retry-after': String(wait) });
			}
			window.count++;
		}
		let body;
		const type = (req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
		if (raw.length && type === 'application/json') {
			try {
				body = ci(JSON.parse(raw.toString('utf8')));
			} catch {
				return answer(400, { message: 'The request body is not valid JSON', errorCode: 'BadRequest', errorCategoryKey: 'Request' });
			}
		}
		record.body = body === undefined ? undefined : JSON.parse(raw.toString('utf8'));
		const out = await api.handle({ method: req.method, path: url.pathname.slice(3), query: url.searchParams, body, type, raw, contentType: req.headers['content-type'] });
		if (!out) return answer(404, notRouted(req.url));
		answer(out.status, out.body);
	}

	async function addEndpoint() {
		const index = endpoints.length;
		const record = (ctx) => ({ host: `endpoint${index}`, method: ctx.method, path: ctx.url.pathname, query: Object.fromEntries(ctx.url.searchParams), headers: { ...ctx.req.headers }, status: 0 });
		const server = await listen(`endpoint${index}`, (ctx) => endpointHandler(index, ctx).catch((e) => send(ctx, 500, { message: String(e) })), record);
		endpoints.push({ server, url: server.url });
		return endpoints[index].url;
	}
	await addEndpoint();

	const s = {
		root: root.url,
		get apiRoot() {
			return `${s.root}/v1`;
		},
		applicationId: settings.applicationId,
		applicationSecret: settings.applicationSecret,
		initialRefreshToken,
		settings,
		clock,
		api,
		data: api.data,
		endpointUrl: (i = current) => endpoints[i].url,
		/** Moves the current endpoint to a new one: the old one answers 308, the token service names the new one. */
		async move() {
			const from = current;
			await addEndpoint();
			current = endpoints.length - 1;
			moves.set(from, current);
			return endpoints[current].url;
		},
		/** A refresh token issued `ageMs` ago (to reach the 90% rotation point). */
		agedRefreshToken: (ageMs) => newRefresh(now() - ageMs),
		refreshTokenValid: (t) => refreshTokens.get(t)?.valid === true,
		expireAccessTokens() {
			for (const k of accessTokens.keys()) accessTokens.set(k, 0);
		},
		requests: () => requests.slice(),
		tokenRequests: () => requests.filter((r) => r.kind === 'token'),
		apiRequests: () => requests.filter((r) => r.host !== 'root'),
		clearRequests: () => requests.splice(0),
		/** The core listeners (faults, latency, control endpoints): root and endpoints. */
		listeners: () => [root, ...endpoints.map((e) => e.server)],
		async close() {
			api.close();
			await Promise.all([root, ...endpoints.map((e) => e.server)].map((srv) => srv.close()));
		},
	};
	return s;
}

module.exports = { startKaizalaStandIn, ci };
