'use strict';
/*
 * The stand-in core: what every vendor stand-in needs, written once. A vendor module (see
 * dev/standin/rezstream/, kaizala/, apiv1/) adds only its routes,
 * its data and its answer shapes.
 *
 * Usage, for a vendor module:
 *
 *   const core = require('./standin/core');
 *
 *   const routes = core.createRouter();               // first match wins; method + RegExp on the path
 *   routes.add('GET', /^\/api\/v3\/units$/, (ctx) => core.sendJson(ctx, 200, paged(ctx)));
 *   routes.add('GET', /^\/api\/v3\/units\/([^/]+)$/, (ctx, [id]) => ...);   // groups, URI-decoded
 *
 *   const srv = await core.startServer({
 *     name: 'acme',                // log prefix
 *     port: 0,                     // 0 = any free port; always 127.0.0.1
 *     latencyMs: 30,               // delay before every vendor answer (srv.setLatency(ms) later)
 *     maxBodyBytes: 1024 * 1024,   // larger bodies: ctx.body.tooLarge (or 413 with onTooLarge: 'reject')
 *     maxRecorded: 50000,          // request-log bound (oldest dropped)
 *     control: { reset: () => {...} },  // extra control endpoints: POST /__standin/reset
 *     async handle(ctx) {
 *       const f = srv.faults.take(ctx);                    // injected faults first
 *       if (f) return core.sendFault(ctx, f);
 *       const hit = routes.match(ctx);
 *       if (!hit) return core.sendJson(ctx, 404, { message: 'Not Found' });
 *       if (hit.notAllowed) return core.send(ctx, 405, { Allow: hit.allow }, null);
 *       const body = core.readJson(ctx);                   // {value} | {error}: the body is read already
 *       return hit.handler(ctx, hit.params);
 *     },
 *   });
 *
 *   ctx = { req, res, method, url (URL), path, query (first value per name), entry (the log
 *           record; set entry.kind etc. freely), body: { raw, text, tooLarge, aborted },
 *           origin ('http://host:port' as the client addressed it), srv }
 *
 * Request log: srv.log.entries (array of { method, path, query, headers, status, at }),
 *   srv.log.clear(), srv.log.filter(fn). Pass `record(ctx)` to shape entries (return null: not
 *   logged) or `log` to share one log between two listeners.
 * Faults: srv.faults.add({ path: '/x' | /re/, method?, status, times = 1, retryAfter?, body?,
 *   headers?, delayMs? }); srv.faults.sequence({ path, method? }, [503, 429, null, 500]) answers
 *   the next matching requests in that order (null = let one through); srv.faults.random({ rate,
 *   statuses, max }, rng) for soak tests; srv.faults.take(ctx) returns the fault to answer or null.
 * Latency: options.latencyMs, srv.setLatency(ms), srv.delay(ms) (timers cleared by close()).
 * Paging:
 *   - RFC 8288 Link pages: core.linkOffsetPage({ items, skip, limit, base, params }) ->
 *     { page, links: [[url, rel]] } with next/prev/last/first; core.formatLinks(links, 'separate'
 *     | 'joined') gives the Link header value(s).
 *   - Spring pages: const p = core.springPaging(ctx.query, { defaultSize: 20, maxSize: 100 });
 *     core.sendJson(ctx, 200, core.springPage(items, p)) -> { content, page: { number, size,
 *     totalElements, totalPages } }. A size above maxSize is lowered SILENTLY (the answer reports
 *     the size used, never the size asked: clients must plan from page.size).
 *     core.springError(ctx, 400, 'message') answers Spring Boot's error body.
 * Control endpoints (never logged, never faulted): GET /__standin/health, GET|DELETE
 *   /__standin/requests, POST|DELETE /__standin/faults (JSON fault; `pathRegex` for a RegExp),
 *   POST /__standin/latency {ms}, POST /__standin/<name> for every options.control[name](json).
 * Everything listens on 127.0.0.1 only; close() ends timers, connections and the server.
 */
const http = require('http');
const { createFaults } = require('./faults');
const paging = require('./paging');

const CONTROL_PREFIX = '/__standin';

// ------------------------------------------------------------------ small helpers

const clone = (x) => JSON.parse(JSON.stringify(x));
const round2 = (x) => Math.round(x * 100) / 100;

/** `k=v&k2=v2` with values URI-encoded (names as given). */
function qs(pairs) {
	return pairs.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
}

/** Reads the whole body, at most maxBytes kept: { raw, text, tooLarge, aborted }. */
function readBody(req, maxBytes) {
	return new Promise((resolve) => {
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		req.on('data', (c) => {
			size += c.length;
			if (size > maxBytes) {
				tooLarge = true;
				return;
			}
			chunks.push(c);
		});
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			resolve({ raw, text: raw.toString('utf8'), tooLarge, aborted: false });
		});
		req.on('error', () => resolve({ raw: Buffer.alloc(0), text: '', tooLarge: false, aborted: true }));
	});
}

/** The request body as JSON: { value } or { error } (empty body: { value: undefined }). */
function readJson(ctx) {
	if (ctx.body.tooLarge) return { error: 'too large' };
	if (!ctx.body.text.trim()) return { value: undefined };
	try {
		return { value: JSON.parse(ctx.body.text) };
	} catch (e) {
		return { error: String(e.message) };
	}
}

// ------------------------------------------------------------------ answers

/** Answers once; records the status in ctx.entry. `body` string/Buffer or null. */
function send(ctx, status, headers, body) {
	const { res } = ctx;
	if (res.headersSent || res.destroyed) return;
	if (ctx.entry) ctx.entry.status = status;
	const buf = body === undefined || body === null ? Buffer.alloc(0) : Buffer.from(body);
	res.statusCode = status;
	if (ctx.srv && ctx.srv.decorate) ctx.srv.decorate(ctx, res);
	for (const [k, v] of Object.entries(headers || {})) if (v !== undefined && v !== null) res.setHeader(k, v);
	res.setHeader('Content-Length', buf.length);
	res.end(buf);
	if (ctx.srv) ctx.srv.debug(ctx.method, ctx.path, status);
}

function sendJson(ctx, status, obj, headers) {
	send(ctx, status, { 'Content-Type': 'application/json; charset=utf-8', ...(headers || {}) }, obj === undefined ? null : JSON.stringify(obj));
}

/** A fault as most gateways answer it: text body as HTML, object body as JSON, else `fallback(ctx, f, headers)`. */
function sendFault(ctx, f, fallback) {
	const headers = { ...(f.headers || {}) };
	if (f.retryAfter !== undefined && f.retryAfter !== null) headers['Retry-After'] = String(f.retryAfter);
	if (typeof f.body === 'string') return send(ctx, f.status, { 'Content-Type': 'text/html; charset=utf-8', ...headers }, f.body);
	if (f.body && typeof f.body === 'object') return send(ctx, f.status, { 'Content-Type': f.contentType || 'application/json; charset=utf-8', ...headers }, JSON.stringify(f.body));
	if (fallback) return fallback(ctx, f, headers);
	return sendJson(ctx, f.status, { status: f.status, error: http.STATUS_CODES[f.status] || 'Error' }, headers);
}

/** Spring Boot's error answer (e.g. a 400 naming the parameter). */
function springError(ctx, status, message) {
	sendJson(ctx, status, paging.springErrorBody(ctx.path, status, message));
}

// ------------------------------------------------------------------ router

function createRouter() {
	const routes = [];
	return {
		routes,
		/** method: 'GET' | ['GET', 'HEAD'] | '*'; meta is handed back with the match. */
		add(method, re, handler, meta) {
			routes.push({ methods: [].concat(method).map((m) => m.toUpperCase()), re, handler, meta: meta || {} });
			return this;
		},
		/** { handler, params, meta } | { notAllowed: true, allow } | null. */
		match(ctx) {
			const allow = [];
			for (const r of routes) {
				const m = r.re.exec(ctx.path);
				if (!m) continue;
				if (r.methods.includes('*') || r.methods.includes(ctx.method)) {
					const params = m.slice(1).map((p) => {
						try {
							return p === undefined ? p : decodeURIComponent(p);
						} catch (e) {
							return p;
						}
					});
					return { handler: r.handler, params, meta: r.meta, raw: m };
				}
				allow.push(...r.methods);
			}
			return allow.length ? { notAllowed: true, allow: Array.from(new Set(allow)).join(', ') } : null;
		},
	};
}

// ------------------------------------------------------------------ request log

function createRequestLog({ max = 50000, overflow = 'drop-oldest' } = {}) {
	const entries = [];
	return {
		entries,
		push(entry) {
			if (overflow === 'drop-new' && entries.length >= max) return;
			entries.push(entry);
			if (entries.length > max) entries.splice(0, entries.length - max);
		},
		clear() {
			entries.length = 0;
		},
		filter: (fn) => entries.filter(fn),
		slice: () => entries.slice(),
	};
}

// ------------------------------------------------------------------ server

/**
 * Starts one listener on 127.0.0.1. Options: see the usage comment above. Returns srv:
 * { url, port, server, log, faults, setLatency, latencyMs, delay, closed, close() }.
 */
async function startServer(options) {
	const o = {
		name: 'standin',
		port: 0,
		latencyMs: 0,
		maxBodyBytes: 1024 * 1024,
		maxRecorded: 50000,
		overflow: 'drop-oldest',
		onTooLarge: 'flag', // or 'reject': 413, empty body, socket destroyed
		trimTrailingSlash: false,
		control: {},
		logToStderr: false,
		...options,
	};
	if (typeof o.handle !== 'function') throw new Error('startServer: options.handle is required');
	const pendingTimers = new Set();
	const srv = {
		name: o.name,
		latencyMs: Number(o.latencyMs) || 0,
		log: o.log || createRequestLog({ max: o.maxRecorded, overflow: o.overflow }),
		faults: o.faults || createFaults(),
		closed: false,
		decorate: o.decorate || null,
		debug: (...a) => {
			if (o.logToStderr) console.error(`[${o.name}]`, ...a);
		},
		setLatency(ms) {
			srv.latencyMs = Math.max(0, Number(ms) || 0);
		},
		delay(ms) {
			return new Promise((resolve) => {
				const t = setTimeout(() => {
					pendingTimers.delete(t);
					resolve();
				}, ms);
				pendingTimers.add(t);
			});
		},
	};

	async function control(ctx, name) {
		const json = readJson(ctx);
		const arg = json.value;
		if (name === 'health' && ctx.method === 'GET') return sendJson(ctx, 200, { ok: true, name: o.name });
		if (name === 'requests' && ctx.method === 'GET') return sendJson(ctx, 200, srv.log.entries);
		if (name === 'requests' && ctx.method === 'DELETE') return (srv.log.clear(), send(ctx, 204, {}, null));
		if (name === 'faults' && ctx.method === 'POST') {
			const f = { ...(arg || {}) };
			if (f.pathRegex) f.path = new RegExp(f.pathRegex, 'i');
			delete f.pathRegex;
			srv.faults.add(f);
			return sendJson(ctx, 200, { faults: srv.faults.list.length });
		}
		if (name === 'faults' && ctx.method === 'DELETE') return (srv.faults.clear(), send(ctx, 204, {}, null));
		if (name === 'latency' && ctx.method === 'POST') return (srv.setLatency(arg && arg.ms), sendJson(ctx, 200, { latencyMs: srv.latencyMs }));
		if (ctx.method === 'POST' && Object.prototype.hasOwnProperty.call(o.control, name)) {
			return sendJson(ctx, 200, (await o.control[name](arg, ctx)) ?? { ok: true });
		}
		return sendJson(ctx, 404, { error: `no control endpoint ${ctx.method} ${CONTROL_PREFIX}/${name}` });
	}

	async function handle(req, res) {
		let url;
		try {
			url = new URL(req.url, 'http://127.0.0.1');
		} catch (e) {
			url = new URL('http://127.0.0.1/');
		}
		let path = url.pathname;
		if (o.trimTrailingSlash && path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
		const query = {};
		for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v;
		const ctx = { req, res, url, path, query, method: req.method, srv, entry: null };
		ctx.origin = `http://${req.headers.host || `127.0.0.1:${server.address().port}`}`;
		const isControl = path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`);
		if (!isControl) {
			ctx.entry = o.record ? o.record(ctx) : { method: req.method, path, query, headers: { ...req.headers }, status: null, at: Date.now() };
			if (ctx.entry) srv.log.push(ctx.entry);
		}
		const body = await readBody(req, o.maxBodyBytes);
		ctx.body = body;
		if (srv.closed) return undefined;
		if (isControl) return control(ctx, path.slice(CONTROL_PREFIX.length + 1));
		if (body.tooLarge && o.onTooLarge === 'reject') {
			if (ctx.entry) ctx.entry.status = 413;
			res.writeHead(413).end();
			req.destroy();
			return undefined;
		}
		if (srv.latencyMs > 0) {
			await srv.delay(srv.latencyMs);
			if (srv.closed) return undefined;
		}
		if (body.aborted) return undefined;
		return o.handle(ctx);
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((err) => {
			srv.debug('internal error', err && err.stack);
			try {
				if (o.onError) return o.onError(err, req, res);
				if (!res.headersSent) {
					res.statusCode = 500;
					res.setHeader('Content-Type', 'application/json; charset=utf-8');
					res.end(JSON.stringify({ status: 500, error: String(err && err.message) }));
				}
			} catch (e) {
				/* socket gone */
			}
			return undefined;
		});
	});
	server.keepAliveTimeout = 5000;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(o.port, '127.0.0.1', () => {
			server.removeListener('error', reject);
			resolve();
		});
	});
	srv.server = server;
	srv.port = server.address().port;
	srv.url = `http://127.0.0.1:${srv.port}`;
	srv.close = async () => {
		if (srv.closed) return;
		srv.closed = true;
		for (const t of pendingTimers) clearTimeout(t);
		pendingTimers.clear();
		await new Promise((resolve) => {
			server.close(() => resolve());
			if (server.closeAllConnections) server.closeAllConnections();
		});
	};
	srv.debug(`listening on ${srv.url}`);
	return srv;
}

module.exports = {
	CONTROL_PREFIX,
	startServer,
	createRouter,
	createRequestLog,
	createFaults,
	readBody,
	readJson,
	send,
	sendJson,
	sendFault,
	springError,
	qs,
	clone,
	round2,
	...paging,
};
