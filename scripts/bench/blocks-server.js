'use strict';
/**
 * A bench-side server for GET /availability/blocks/byDate only, with many blocks, on the stand-in
 * core (dev/standin/core.js).
 *
 * Why: the rezStream stand-in (dev/standin/rezstream) generates 3 blocks per tenant in bulk mode
 * (1-2 in demo mode), never overlapping on a unit, so the blocks list would be one page. This
 * serves the same endpoint with the stand-in's rules: blocks overlapping [from, to) compared as
 * plain dates, sorted by (arrival, id), `skip`/`limit` with the limit clamped to `maxPageSize`,
 * and the core's Link pages (`next`, `prev`, `last`, `first` as separate header lines); a Bearer
 * token; `latencyMs` before every answer (after the request body is read).
 */
const crypto = require('node:crypto');
const core = require('../../dev/standin/core');
const { Rng } = require('../../dev/standin/rng');
const { DAY_MS, fmtDay } = require('../../dev/standin/dates');

const parseDay = (s) => (/^\d{4}-\d{2}-\d{2}$/.test(s ?? '') ? Math.round(Date.parse(`${s}T00:00:00Z`) / DAY_MS) : null);
const REASONS = ['Maintenance', 'Owner stay', 'Deep clean', 'Renovation', 'Out of order'];

/** Deterministic blocks: `count` of them over `days` days from `startDay`, on 16 units. */
function makeBlocks(count, startDay, days, seed = 7) {
	const rng = new Rng(seed);
	const units = Array.from({ length: 16 }, () => rng.uuid());
	const blocks = [];
	for (let i = 0; i < count; i++) {
		const arrival = startDay + Math.floor(rng.float() * days);
		const nights = 1 + Math.floor(rng.float() * 4);
		blocks.push({
			id: rng.uuid(),
			unitId: units[Math.floor(rng.float() * units.length)],
			arrival: fmtDay(arrival),
			departure: fmtDay(arrival + nights),
			reason: REASONS[Math.floor(rng.float() * REASONS.length)],
		});
	}
	return blocks;
}

async function startBlocksServer({ token, count = 3000, latencyMs = 0, maxPageSize = 100, defaultPageSize = 20 } = {}) {
	const today = Math.floor(Date.now() / DAY_MS);
	const blocks = makeBlocks(count, today - 365, 3 * 365);
	const srv = await core.startServer({
		name: 'blocks-server',
		latencyMs,
		record: (ctx) => ({ method: ctx.method, path: ctx.path, query: Object.fromEntries(ctx.url.searchParams), at: Date.now() }),
		handle(ctx) {
			const { url } = ctx;
			if (ctx.req.headers.authorization !== `Bearer ${token}`) return core.send(ctx, 401, { 'WWW-Authenticate': 'Bearer error="invalid_token"' }, null);
			if (ctx.path.toLowerCase() !== '/availability/blocks/bydate' || ctx.method !== 'GET') return core.sendJson(ctx, 404, { status: 404, title: 'Not Found' });
			const from = parseDay(url.searchParams.get('from'));
			const to = parseDay(url.searchParams.get('to'));
			const limitRaw = url.searchParams.get('limit');
			const skip = Number(url.searchParams.get('skip') ?? 0);
			const limit = Math.min(limitRaw ? Number(limitRaw) : defaultPageSize, maxPageSize);
			if (from === null || to === null || from > to || !(limit >= 1) || !(skip >= 0)) {
				return core.sendJson(ctx, 400, { status: 400, title: 'One or more validation errors occurred.' });
			}
			const fromS = fmtDay(from);
			const toS = fmtDay(to);
			const items = blocks
				.filter((b) => b.arrival < toS && b.departure > fromS)
				.sort((a, b) => (a.arrival < b.arrival ? -1 : a.arrival > b.arrival ? 1 : a.id < b.id ? -1 : 1));
			const params = [['from', url.searchParams.get('from')], ['to', url.searchParams.get('to')]];
			const { page, links } = core.linkOffsetPage({ items, skip, limit, base: `${ctx.origin}/availability/blocks/byDate?`, params });
			return core.sendJson(ctx, 200, page, { Link: core.formatLinks(links) });
		},
	});
	return {
		url: srv.url,
		requests: srv.log.entries,
		blocks,
		/** The number of blocks overlapping [from, to). */
		countIn(from, to) {
			return blocks.filter((b) => b.arrival < to && b.departure > from).length;
		},
		clearRequests: () => srv.log.clear(),
		close: () => srv.close(),
	};
}

module.exports = { startBlocksServer, randomToken: () => crypto.randomBytes(24).toString('base64url') };
