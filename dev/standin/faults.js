'use strict';
/*
 * Fault injection for the stand-ins (see core.js): one-off faults with a count, ordered
 * sequences, and bounded random faults. A fault is { path, method?, status, times, retryAfter?,
 * body?, headers?, delayMs? }; `path` is a string (whole path, case-insensitive) or a RegExp
 * (tested on the path and on the raw URL with its query).
 */

function pathMatches(f, ctx, { regex = true } = {}) {
	if (f.method && f.method.toUpperCase() !== ctx.method) return false;
	if (f.path instanceof RegExp) {
		if (!regex) return false;
		f.path.lastIndex = 0;
		let ok = f.path.test(ctx.path);
		f.path.lastIndex = 0;
		ok = ok || f.path.test(ctx.req.url);
		f.path.lastIndex = 0;
		return ok;
	}
	return String(f.path).toLowerCase() === ctx.path.toLowerCase();
}

function createFaults() {
	const list = []; // one-off faults, in the order added
	const sequences = [];
	let randomCfg = null;

	const faults = {
		list,
		sequences,
		/** Adds a fault answered `times` times (default 1). Returns it. */
		add(f) {
			if (!f || (typeof f.path !== 'string' && !(f.path instanceof RegExp))) throw new Error('fault.path must be a string or RegExp');
			const entry = { ...f, times: f.times === undefined ? 1 : Math.max(0, Math.floor(f.times)) };
			list.push(entry);
			return entry;
		},
		/** The next matching requests get these answers in order: a status, a fault object, or null (pass). */
		sequence(match, steps) {
			if (!match || (typeof match.path !== 'string' && !(match.path instanceof RegExp))) throw new Error('sequence path must be a string or RegExp');
			const seq = { path: match.path, method: match.method, steps: steps.map((s) => (typeof s === 'number' ? { status: s } : s)), next: 0 };
			sequences.push(seq);
			return seq;
		},
		/** Random faults on GETs: { rate (0..1), statuses, max } with a seeded rng ({ float, pick }). */
		random(cfg, rng) {
			if (!cfg) {
				randomCfg = null;
				return;
			}
			randomCfg = {
				rate: Math.min(1, Math.max(0, cfg.rate === undefined ? 0.05 : cfg.rate)),
				statuses: cfg.statuses && cfg.statuses.length ? cfg.statuses.slice() : [500, 502, 503],
				max: cfg.max === undefined ? 20 : Math.max(0, Math.floor(cfg.max)),
				used: 0,
				rng,
			};
		},
		clear() {
			list.length = 0;
			sequences.length = 0;
			randomCfg = null;
		},
		/**
		 * The fault to answer this request with, or null; counts it down. Sequences first, then
		 * one-off faults, then random ones. `{ regex: false }` ignores RegExp faults (for paths
		 * that only a named fault may touch, such as a token endpoint).
		 */
		take(ctx, opts = {}) {
			for (let i = 0; i < sequences.length; i++) {
				const s = sequences[i];
				if (!pathMatches(s, ctx, opts)) continue;
				const step = s.steps[s.next++];
				if (s.next >= s.steps.length) sequences.splice(i, 1);
				return step ? { path: s.path, ...step } : null;
			}
			for (let i = 0; i < list.length; i++) {
				const f = list[i];
				if (f.times <= 0 || !pathMatches(f, ctx, opts)) continue;
				f.times--;
				if (f.times <= 0) list.splice(i, 1);
				return f;
			}
			return null;
		},
		/** A random fault for a GET, within the configured budget, or null. */
		takeRandom(ctx) {
			const r = randomCfg;
			if (!r || ctx.method !== 'GET' || r.used >= r.max || !(r.rng.float() < r.rate)) return null;
			r.used++;
			return { status: r.rng.pick(r.statuses), random: true };
		},
	};
	return faults;
}

module.exports = { createFaults, pathMatches };
