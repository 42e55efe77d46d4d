'use strict';
/**
 * A bench-side server for GET /availability/blocks/byDate only, with many blocks.
 *
 * Why: the rezStream stand-in (test/support/rezstream-standin.js) generates 3 blocks per tenant
 * in bulk mode (1-2 in demo mode) and has no option to make more, so the blocks list would be
 * one page. This serves the same endpoint with the stand-in's rules, copied from its
 * `blocksByDate` and `offsetPage`: blocks overlapping [from, to) compared as plain dates, sorted
 * by (arrival, id), `skip`/`limit` with the limit clamped to `maxPageSize`, and `next`, `prev`,
 * `last`, `first` links as separate `Link` header lines; a Bearer token; `latencyMs` before
 * every answer (after the request body is read), like the stand-in's option.
 */
const http = require('node:http');
const crypto = require('node:crypto');

const DAY_MS = 86400000;
const fmtDay = (n) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const parseDay = (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s ?? '') ? Math.round(Date.parse(`${s}T00:00:00Z`) / DAY_MS) : null);
const REASONS = ['Maintenance', 'Owner stay', 'Deep clean', 'Renovation', 'Out of order'];

/** Deterministic blocks: `count` of them over `days` days from `startDay`, on 16 units. */
function makeBlocks(count, startDay, days, seed = 7) {
	let state = seed >>> 0;
	const rnd = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const uuid = () => {
		const b = Array.from({ length: 16 }, () => Math.floor(rnd() * 256));
		b[6] = (b[6] & 0x0f) | 0x40;
		b[8] = (b[8] & 0x3f) | 0x80;
		const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
	};
	const units = Array.from({ length: 16 }, uuid);
	const blocks = [];
	for (let i = 0; i < count; i++) {
		const arrival = startDay + Math.floor(rnd() * days);
		const nights = 1 + Math.floor(rnd() * 4);
		blocks.push({
			id: uuid(),
			unitId: units[Math.floor(rnd() * units.length)],
			arrival: fmtDay(arrival),
			departure: fmtDay(arrival + nights),
			reason: REASONS[Math.floor(rnd() * REASONS.length)],
		});
	}
	return blocks;
}

async function startBlocksServer({ token, count = 3000, latencyMs = 0, maxPageSize = 100, defaultPageSize = 20 } = {}) {
	const today = Math.floor(Date.now() / DAY_MS);
	const blocks = makeBlocks(count, today - 365, 3 * 365);
	const requests = [];
	const timers = new Set();
	const server = http.createServer((req, res) => {
		const arrivedAt = Date.now();
		req.resume();
		req.on('end', () => {
			const answer = () => {
				const url = new URL(req.url, 'http://127.0.0.1');
				requests.push({ method: req.method, path: url.pathname, query: Object.fromEntries(url.searchParams), at: arrivedAt });
				const send = (status, body, headers = {}) => {
					const buf = Buffer.from(body === undefined ? '' : JSON.stringify(body));
					res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': buf.length, ...headers });
					res.end(buf);
				};
				if (req.headers.authorization !== `Bearer ${token}`) return send(401, undefined, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
				if (url.pathname.toLowerCase() !== '/availability/blocks/bydate' || req.method !== 'GET') {
					return send(404, { status: 404, title: 'Not Found' });
				}
				const from = parseDay(url.searchParams.get('from'));
				const to = parseDay(url.searchParams.get('to'));
				const limitRaw = url.searchParams.get('limit');
				const skip = Number(url.searchParams.get('skip') ?? 0);
				const limit = Math.min(limitRaw ? Number(limitRaw) : defaultPageSize, maxPageSize);
				if (from === null || to === null || from > to || !(limit >= 1) || !(skip >= 0)) {
					return send(400, { status: 400, title: 'One or more validation errors occurred.' });
				}
				const fromS = fmtDay(from);
				const toS = fmtDay(to);
				const items = blocks
					.filter((b) => b.arrival < toS && b.departure > fromS)
					.sort((a, b) => (a.arrival < b.arrival ? -1 : a.arrival > b.arrival ? 1 : a.id < b.id ? -1 : 1));
				const total = items.length;
				const page = items.slice(skip, skip + limit);
				const host = req.headers.host;
				const mk = (s) =>
					`http://${host}/availability/blocks/byDate?from=${encodeURIComponent(url.searchParams.get('from'))}&to=${encodeURIComponent(url.searchParams.get('to'))}&skip=${s}&limit=${limit}`;
				const lastSkip = total > 0 ? Math.floor((total - 1) / limit) * limit : 0;
				const links = [];
				if (skip + limit < total) links.push([mk(skip + limit), 'next']);
				if (skip > 0) links.push([mk(Math.max(0, skip - limit)), 'prev']);
				links.push([mk(lastSkip), 'last']);
				links.push([mk(0), 'first']);
				return send(200, page, { Link: links.map(([u, rel]) => `<${u}>; rel="${rel}"`) });
			};
			if (latencyMs > 0) {
				const t = setTimeout(() => {
					timers.delete(t);
					answer();
				}, latencyMs);
				timers.add(t);
			} else answer();
		});
	});
	server.keepAliveTimeout = 5000;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	return {
		url: `http://127.0.0.1:${server.address().port}`,
		requests,
		blocks,
		/** The number of blocks overlapping [from, to). */
		countIn(from, to) {
			return blocks.filter((b) => b.arrival < to && b.departure > from).length;
		},
		clearRequests() {
			requests.length = 0;
		},
		async close() {
			for (const t of timers) clearTimeout(t);
			await new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections?.();
			});
		},
	};
}

module.exports = { startBlocksServer, randomToken: () => crypto.randomBytes(24).toString('base64url') };
