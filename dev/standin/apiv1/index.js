'use strict';
/*
 * Local stand-in for the "API v1" of seed 004: a Rails API template with a Doorkeeper OAuth2
 * server (see oauth.js for the token side), on 127.0.0.1 only.
 *
 * Rails behaviour it keeps, because a client that passes here must pass there:
 *   - parameters: query string and body merged (body wins), JSON and form bodies parsed;
 *   - every API request with a body must say `Content-Type: application/json` exactly: any
 *     other media type, or parameters such as `; charset=utf-8`, get 415 (the seed: "without
 *     any media type parameters");
 *   - 401 for a missing, expired or revoked token (Doorkeeper's {error: "invalid_token"} plus a
 *     WWW-Authenticate header);
 *   - 422 {errors: [{field: [messages]}]} for missing or invalid parameters (the seed's shape);
 *   - Kaminari + api-pagination paging: `page` (from 1) and `per_page` (default 25), a `Link`
 *     header with first/prev (not on page 1) and next/last (not on the last page), `Total` and
 *     `Per-Page` headers; `per_page` above the cap is lowered silently (api-pagination's
 *     max_per_page) and the links keep the asked value, as the gem builds them from the request.
 *
 * Run directly for a sandbox: node dev/standin/apiv1/index.js --port 4020
 */
const core = require('../core');
const { createOAuthServer } = require('./oauth');

const MAX_BODY_BYTES = 256 * 1024;
const MAX_RECORDED = 20000;
const ROUTES = [
	['GET', /^\/api\/v1\/countries$/],
	['POST', /^\/api\/v1\/users$/],
	['GET', /^\/api\/v1\/users\/[^/]+$/],
];

const COUNTRY_NAMES = ['Austria', 'Belgium', 'Bulgaria', 'Croatia', 'Cyprus', 'Czechia', 'Denmark', 'Estonia', 'Finland', 'France', 'Germany', 'Greece', 'Hungary', 'Ireland', 'Italy', 'Latvia', 'Lithuania', 'Luxembourg', 'Malta', 'Netherlands', 'Poland', 'Portugal', 'Romania', 'Slovakia', 'Slovenia', 'Spain', 'Sweden'];

function countries(n) {
	return Array.from({ length: n }, (_, i) => ({
		id: i + 1,
		name: i < COUNTRY_NAMES.length ? COUNTRY_NAMES[i] : `Country ${i + 1}`,
		code: i < COUNTRY_NAMES.length ? COUNTRY_NAMES[i].slice(0, 2).toUpperCase() : `C${i + 1}`,
	}));
}

function parseBody(type, raw) {
	const media = (type || '').split(';')[0].trim().toLowerCase();
	if (!raw.length) return { params: {}, media };
	if (media === 'application/json') {
		try {
			const parsed = JSON.parse(raw.toString('utf8'));
			return { params: parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {}, media };
		} catch {
			return { params: {}, media, invalid: true };
		}
	}
	if (media === 'application/x-www-form-urlencoded') return { params: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), media };
	return { params: {}, media };
}

async function startApiV1StandIn(options = {}) {
	const clock = { offsetMs: 0 };
	const now = () => Date.now() + clock.offsetMs;
	const clients = options.clients ?? [{ id: 'test-client', secret: 'test-secret' }];
	const users = (options.users ?? [
		{ email: 'ada@example.com', password: 'correct horse', name: 'Ada Lovelace', nickname: 'ada' },
		{ email: 'grace@example.com', password: 'battery staple', name: 'Grace Hopper', nickname: 'grace' },
	]).map((u, i) => ({ id: i + 1, created_at: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(), ...u }));
	const oauth = createOAuthServer({
		clients,
		users,
		scopes: options.scopes ?? ['public', 'write'],
		tokenLifeSeconds: options.tokenLifeSeconds ?? 60,
		codeTokenLifeSeconds: options.codeTokenLifeSeconds ?? 7200,
		now,
	});
	const data = { countries: countries(options.countries ?? 120) };
	const settings = { maxPerPage: options.maxPerPage ?? 50, latencyMs: options.latencyMs ?? 0, tokenLatencyMs: options.tokenLatencyMs ?? 0 };
	const log = core.createRequestLog({ max: MAX_RECORDED, overflow: 'drop-new' });
	const requests = log.entries;
	const hooks = { beforeApiRequest: null };

	const publicUser = (u) => ({ id: u.id, email: u.email, name: u.name ?? null, nickname: u.nickname ?? null, created_at: u.created_at });

	function paged(ctx, list) {
		const asked = Number.parseInt(ctx.params.per_page, 10);
		const perPage = Math.min(Number.isFinite(asked) && asked > 0 ? asked : 25, settings.maxPerPage);
		const pageAsked = Number.parseInt(ctx.params.page, 10);
		const page = Number.isFinite(pageAsked) && pageAsked > 0 ? pageAsked : 1;
		const pages = Math.max(1, Math.ceil(list.length / perPage));
		const link = (n, rel) => {
			const u = new URL(ctx.url.toString());
			u.searchParams.set('page', String(n));
			return `<${u.toString()}>; rel="${rel}"`;
		};
		const links = [];
		if (page > 1) links.push(link(1, 'first'), link(Math.min(page - 1, pages), 'prev'));
		if (page < pages) links.push(link(page + 1, 'next'), link(pages, 'last'));
		const headers = { Total: String(list.length), 'Per-Page': String(perPage) };
		if (links.length) headers.Link = links.join(', ');
		return { status: 200, headers, body: list.slice((page - 1) * perPage, page * perPage) };
	}

	function unprocessable(errors) {
		return { status: 422, body: { errors } };
	}

	function api(ctx, user) {
		const { method, path } = ctx;
		if (method === 'GET' && path === '/api/v1/countries') return paged(ctx, data.countries);
		if (method === 'GET' && path === '/api/v1/users/me') return { status: 200, body: publicUser(user) };
		const one = /^\/api\/v1\/users\/([^/]+)$/.exec(path);
		if (method === 'GET' && one) {
			const found = users.find((u) => String(u.id) === decodeURIComponent(one[1]));
			return found ? { status: 200, body: publicUser(found) } : { status: 404, body: { error: 'Not found' } };
		}
		if (method === 'POST' && path === '/api/v1/users') {
			const input = ctx.params.user;
			if (!input || typeof input !== 'object') return unprocessable([{ user: ['parameter is required'] }]);
			const errors = [];
			const email = typeof input.email === 'string' ? input.email.trim() : '';
			if (!email) errors.push({ email: ["can't be blank"] });
			else if (!/^[^\s@]+@[^\s@]+$/.test(email)) errors.push({ email: ['is invalid'] });
			else if (users.some((u) => u.email.toLowerCase() === email.toLowerCase())) errors.push({ email: ['has already been taken'] });
			const password = typeof input.password === 'string' ? input.password : '';
			if (!password) errors.push({ password: ["can't be blank"] });
			else if (password.length < 6) errors.push({ password: ['is too short (minimum is 6 characters)'] });
			if (errors.length) return unprocessable(errors);
			const created = { id: users.length + 1, email, password, name: input.name ?? null, nickname: input.nickname ?? null, created_at: new Date(now()).toISOString() };
			users.push(created);
			return { status: 201, body: publicUser(created) };
		}
		return { status: 404, body: { error: 'Not found' } };
	}

	async function handle(ctx) {
		const { req } = ctx;
		const raw = ctx.body.raw;
		const url = new URL(req.url, `http://${req.headers.host}`);
		const query = Object.fromEntries(url.searchParams);
		const parsed = parseBody(req.headers['content-type'], raw);
		// Rails: one parameter set from the query string and the body.
		const params = { ...query, ...parsed.params };
		const call = { method: req.method, path: url.pathname, url, params, headers: req.headers };
		const entry = { method: req.method, path: url.pathname, query, headers: { ...req.headers }, contentType: req.headers['content-type'], body: parsed.params, at: now() };
		ctx.entry = entry;
		log.push(entry);
		let out;
		if (url.pathname === '/oauth/token' && req.method === 'POST') {
			// A slow token endpoint lets two clients send their refresh before either is answered.
			if (settings.tokenLatencyMs > 0) await srv.delay(settings.tokenLatencyMs);
			out = oauth.token(req.headers, params);
			entry.grant = out.grant;
			entry.clientAuth = out.clientAuth;
			entry.kind = 'token';
		} else if (url.pathname === '/oauth/authorize' && req.method === 'GET') {
			out = oauth.authorize(query, users[0].id);
			entry.kind = 'authorize';
		} else if (url.pathname === '/oauth/token/info' && req.method === 'GET') {
			const checked = oauth.check(req.headers.authorization);
			entry.kind = 'info';
			out = checked.error
				? { status: 401, body: { error: 'invalid_token', error_description: checked.error } }
				: { status: 200, body: { resource_owner_id: checked.record.userId, scope: checked.record.scope.split(' '), expires_in: Math.max(0, Math.round((checked.record.expiresAt - now()) / 1000)), application: { uid: checked.record.clientId }, created_at: Math.floor(checked.record.createdAt / 1000) } };
		} else if (!ROUTES.some(([m, re]) => m === req.method && re.test(url.pathname))) {
			// Rails routes before any controller runs: an unknown route is 404 without a token check.
			entry.kind = 'unrouted';
			out = { status: 404, body: { status: 404, error: 'Not Found' } };
		} else {
			entry.kind = 'api';
			if (hooks.beforeApiRequest) hooks.beforeApiRequest(entry);
			if (settings.latencyMs > 0) await srv.delay(settings.latencyMs);
			const checked = oauth.check(req.headers.authorization);
			entry.token = (/^Bearer\s+(\S+)$/i.exec(req.headers.authorization || '') || [])[1];
			if (checked.error) {
				out = { status: 401, headers: { 'WWW-Authenticate': `Bearer realm="Doorkeeper", error="invalid_token", error_description="${checked.error}"` }, body: { error: 'invalid_token', error_description: checked.error } };
			} else if (raw.length > 0 && req.headers['content-type'] !== 'application/json' && !/^application\/json$/i.test(req.headers['content-type'] || '')) {
				out = { status: 415, body: { errors: [{ 'Content-Type': ['must be application/json without media type parameters'] }] } };
			} else if (parsed.invalid) {
				out = { status: 400, body: { errors: [{ body: ['is not valid JSON'] }] } };
			} else {
				out = api(call, users.find((u) => u.id === checked.record.userId));
			}
		}
		const headers = { ...(out.headers ?? {}) };
		if (out.location) headers.Location = out.location;
		if (out.body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
		if (entry.kind === 'token') headers['Cache-Control'] = 'no-store';
		core.send(ctx, out.status, headers, out.body !== undefined ? JSON.stringify(out.body) : null);
	}

	// Rails answers an oversized body with 413 before any controller runs (the request is not logged).
	const srv = await core.startServer({
		name: 'apiv1-standin',
		port: options.port ?? 0,
		maxBodyBytes: MAX_BODY_BYTES,
		onTooLarge: 'reject',
		record: () => null,
		log,
		handle,
		onError: (error, req, res) => {
			res.writeHead(500, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ error: String(error && error.message) }));
		},
	});
	const url = srv.url;

	return {
		url,
		clients,
		users,
		data,
		settings,
		hooks,
		clock,
		oauth,
		requests: () => requests.slice(),
		clearRequests() {
			requests.length = 0;
		},
		tokenRequests: () => requests.filter((r) => r.kind === 'token'),
		apiRequests: () => requests.filter((r) => r.kind === 'api'),
		/** A token pair issued now, as if the password grant had run. */
		issuePasswordTokens(userIndex = 0) {
			const r = oauth.issue({ clientId: clients[0].id, userId: users[userIndex].id, scope: 'public', grant: 'password', life: options.tokenLifeSeconds ?? 60 });
			return { access_token: r.accessToken, refresh_token: r.refreshToken };
		},
		/** A token pair from the authorization-code flow (lower-case bearer, 7200 s). */
		issueCodeTokens(userIndex = 0) {
			const r = oauth.issue({ clientId: clients[0].id, userId: users[userIndex].id, scope: 'public', grant: 'authorization_code', life: options.codeTokenLifeSeconds ?? 7200 });
			return { access_token: r.accessToken, refresh_token: r.refreshToken };
		},
		expireAccessTokens: () => oauth.expireAccessTokens(),
		revokeRefreshToken: (t) => oauth.revokeRefreshToken(t),
		close: () => srv.close(),
		/** The core listener (faults, latency, control endpoints). */
		listener: srv,
	};
}

if (require.main === module) {
	const args = process.argv.slice(2);
	const port = Number(args[args.indexOf('--port') + 1]) || 4020;
	startApiV1StandIn({ port }).then((s) => process.stdout.write(`API v1 stand-in at ${s.url}\n`));
}

module.exports = { startApiV1StandIn };
