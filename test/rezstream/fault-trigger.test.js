'use strict';
/**
 * Fault injection against the rezStream Trigger (issue 17 items 3-7, issue 12 items 1-5): each
 * scenario is measured (expected, delivered, lost, duplicated, extra, requests) and the table is
 * printed. Goal: 0 lost, 0 duplicated, 0 extra, no unbounded loop. Every loop is bounded.
 */
const { retryPolicy } = require('./helpers');
const { standIn, trigger, polls, measure, printTable, key } = require('../support/fault-scenarios');

const rows = [];
afterAll(() => printTable(rows));
let s;
afterEach(async () => {
	if (s) await s.close();
	s = undefined;
});

/** Changes after activation: `creates` new reservations and `updates` of distinct old ones. */
function changes(creates, updates) {
	const tenant = s.tenants[0].id;
	const old = s.listReservations(tenant).slice(0, updates);
	return [...Array.from({ length: creates }, () => s.createReservation(tenant)), ...old.map((r) => s.updateReservation(r.id))];
}

describe.each([
	['API clock 2 s behind the host', -2000],
	['API clock 60 s behind the host', -60_000],
	['API clock 60 s ahead of the host', 60_000],
])('Start = Now: %s', (name, offset) => {
	test('every change after activation arrives once, nothing old', async () => {
		s = await standIn({ clockOffsetMs: offset });
		const tenant = s.tenants[0].id;
		const h = trigger(s);
		// Five changes just before activation, by the API's clock: old, never to be emitted.
		for (const r of s.listReservations(tenant).slice(10, 15)) s.updateReservation(r.id);
		expect(await h.poll()).toBeNull();
		const expected = changes(10, 10).map(key);
		const run = await polls(h);
		const row = measure(`start now, ${name}`, expected, run.keys, { requests: s.requestCount(), outcome: run.errors[0]?.message ?? 'ok' });
		rows.push(row);
		expect(row).toMatchObject({ lost: 0, duplicated: 0, extra: 0, expected: 20 });
	});
});

test('Start = Now: an activation drain cut by the budget; changes made before the next poll still arrive', async () => {
	s = await standIn({ data: { reservations: 5 }, maxPageSize: 20, latencyMs: 150 });
	const tenant = s.tenants[0].id;
	// 200 changes in the minute before activation: the activating poll cannot read them all.
	const t0 = s.apiNow() - 60_000;
	for (let i = 0; i < 200; i++) s.createReservation(tenant, { atMs: t0 + i * 250 });
	const h = trigger(s);
	expect(await h.poll({ pollBudgetMs: 1000 })).toBeNull();
	expect(h.savedStaticData().pollState.cursor.primeUntil).toBeDefined();
	const expected = changes(3, 2).map(key);
	const run = await polls(h, { maxPolls: 8, budgetMs: 1000, untilQuiet: false });
	const row = measure('start now, activation drain cut by the budget', expected, run.keys, { requests: s.requestCount(), outcome: run.errors[0]?.message ?? 'ok' });
	rows.push(row);
	expect(row).toMatchObject({ lost: 0, duplicated: 0, extra: 0 });
});

describe('"New only"', () => {
	test('a reservation made exactly at the boundary timestamp is delivered', async () => {
		s = await standIn();
		const tenant = s.tenants[0].id;
		const h = trigger(s, { event: 'newOnly' });
		await h.poll();
		const a = s.createReservation(tenant);
		const first = await polls(h, { maxPolls: 1 });
		// Made at the very instant of the last reservation the trigger has handled.
		const tie = s.createReservation(tenant, { madeAt: a.updatedAt });
		const run = await polls(h);
		const row = measure('new only: madeAt ties the boundary', [a.id, tie.id], [...first.ids, ...run.ids], { requests: s.requestCount(), outcome: 'ok' });
		rows.push(row);
		expect(row).toMatchObject({ lost: 0, duplicated: 0, extra: 0 });
	});

	test('a reservation made in the same millisecond as activation is delivered', async () => {
		s = await standIn();
		const tenant = s.tenants[0].id;
		const h = trigger(s, { event: 'newOnly' });
		await h.poll();
		const from = Date.parse(h.savedStaticData().pollState.cursor.from);
		const at = Math.abs(Date.now() - from) < 5000 ? from : Date.now();
		const iso = new Date(at).toISOString();
		const same = s.createReservation(tenant, { atMs: at, madeAt: iso });
		const run = await polls(h);
		const row = measure('new only: made in the activation millisecond', [same.id], run.ids, { requests: s.requestCount(), outcome: 'ok' });
		rows.push(row);
		expect(row).toMatchObject({ lost: 0, duplicated: 0, extra: 0 });
	});

	test('a reservation without madeAt is new once, not after every caught-up poll', async () => {
		s = await standIn();
		const tenant = s.tenants[0].id;
		const h = trigger(s, { event: 'newOnly' });
		await h.poll();
		const bare = s.createReservation(tenant, { madeAt: null });
		const delivered = [...(await polls(h)).ids];
		for (let i = 0; i < 3; i++) {
			s.updateReservation(bare.id);
			delivered.push(...(await polls(h)).ids);
		}
		const row = measure('new only: reservation without madeAt', [bare.id], delivered, { requests: s.requestCount(), outcome: 'ok' });
		rows.push(row);
		expect(row).toMatchObject({ lost: 0, duplicated: 0, extra: 0 });
	});
});

describe('a 200 answer that is not the documented JSON is an error, never data or the end', () => {
	const bodies = {
		'HTML page from a proxy': (s) => ['text/html; charset=utf-8', '<html><body>Please log in to the Wi-Fi</body></html>'],
		'a JSON string': () => ['application/json', '"maintenance"'],
		'an object where the list belongs (newest reservation)': (s) => {
			const all = s.listReservations(s.tenants[0].id).sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1));
			return ['application/json', JSON.stringify(all[all.length - 1])];
		},
	};
	test.each(Object.keys(bodies))('%s on page 2', async (name) => {
		s = await standIn({ data: { reservations: 250 } });
		const h = trigger(s, { startAt: 'dateTime', startDateTime: '2000-01-01T00:00:00Z' });
		let served = false;
		s.fault = (info) => {
			if (served || info.path !== '/reservations/updated' || !info.query.afterAt) return false;
			served = true;
			const [type, body] = bodies[name](s);
			info.res.setHeader('Content-Type', type);
			info.res.end(body);
			return true;
		};
		const expected = s.listReservations(s.tenants[0].id).map(key);
		const run = await polls(h, { maxPolls: 5 });
		const error = run.errors[0];
		const row = measure(`200 with ${name}`, expected, run.keys, { requests: s.requestCount(), outcome: error ? error.message : 'no error' });
		rows.push(row);
		expect(error?.message).toMatch(/not its documented answer/);
		expect(error?.description).toMatch(/\/reservations\/updated\?from=.*content type/);
		expect(row).toMatchObject({ lost: 0, duplicated: 0, extra: 0 });
	});
});

describe('paging that does not progress stops with a clear error', () => {
	const kinds = {
		'next repeats its own URL': (info) => info.links.map(([u, rel]) => [rel === 'next' ? info.url : u, rel]),
		'next cycles A <-> B': (info) =>
			info.links.map(([u, rel]) => [rel === 'next' && info.query.afterAt ? `${info.origin}/reservations/updated?from=${encodeURIComponent(info.query.from)}&limit=${info.query.limit}` : u, rel]),
		'new URL on every page, same items': (info) => {
			const n = Number(info.query.n ?? 0) + 1;
			return info.links.map(([u, rel]) => [rel === 'next' ? `${info.origin}/reservations/updated?from=${encodeURIComponent(info.query.from)}&limit=${info.query.limit}&n=${n}` : u, rel]);
		},
	};
	test.each(Object.keys(kinds))('%s', async (name) => {
		s = await standIn({ data: { reservations: 250 } });
		const h = trigger(s, { startAt: 'dateTime', startDateTime: '2000-01-01T00:00:00Z' });
		s.hooks.transformList = (info) => (info.path === '/reservations/updated' ? { items: info.items, links: kinds[name](info) } : undefined);
		const faulty = await polls(h, { maxPolls: 2 });
		const requests = s.requestCount();
		s.hooks.transformList = null;
		const healed = await polls(h, { maxPolls: 5 });
		const expected = s.listReservations(s.tenants[0].id).map(key);
		const row = measure(`paging: ${name}`, expected, [...faulty.keys, ...healed.keys], { requests, capped: s.capped, outcome: faulty.errors[0]?.message ?? 'no error' });
		rows.push(row);
		expect(faulty.errors[0]?.message).toMatch(/paging does not progress/);
		expect(s.capped).toBe(false);
		expect(requests).toBeLessThan(10);
		expect(row).toMatchObject({ lost: 0, duplicated: 0, extra: 0 });
	});
});

describe('the poll budget covers every request and every wait', () => {
	const faults = {
		'429 with Retry-After longer than the budget, forever': (info) => {
			info.res.statusCode = 429;
			info.res.setHeader('Retry-After', '3');
			info.res.end();
			return true;
		},
		'a server that never answers': (info) => {
			setTimeout(() => info.res.destroy(), 8000).unref();
			return true;
		},
		'a server that drips one byte every 250 ms': (info) => {
			info.res.setHeader('Content-Type', 'application/json');
			info.res.setHeader('Content-Length', '40');
			const body = `[${' '.repeat(38)}]`;
			let i = 0;
			const tick = setInterval(() => {
				if (i >= body.length || info.res.destroyed) return clearInterval(tick), info.res.end();
				info.res.write(body[i++]);
			}, 250);
			tick.unref();
			return true;
		},
	};
	test.each(Object.keys(faults))('%s: the poll ends cleanly at its budget, the next one resumes', async (name) => {
		s = await standIn();
		const tenant = s.tenants[0].id;
		const h = trigger(s);
		await h.poll();
		const expected = changes(3, 3).map(key);
		s.fault = (info) => (info.path === '/reservations/updated' ? faults[name](info) : false);
		const faulty = await polls(h, { maxPolls: 2, budgetMs: 2000, untilQuiet: false });
		const requests = s.requestCount();
		s.fault = null;
		const healed = await polls(h, { budgetMs: 2000 });
		const row = measure(`budget 2 s: ${name}`, expected, [...faulty.keys, ...healed.keys], {
			requests,
			outcome: `${faulty.errors.length} errors; polls took ${faulty.durations.map((d) => (d / 1000).toFixed(1)).join(', ')} s`,
		});
		rows.push(row);
		expect(faulty.errors).toEqual([]);
		expect(row).toMatchObject({ lost: 0, duplicated: 0, extra: 0 });
		// Each faulty poll was cut by the budget, not by a server or a default timeout.
		for (const d of faulty.durations) expect(d).toBeLessThan(2000 + 1500);
	});

	test('a wait beyond the budget, poll after poll, is reported after a few clean ends', async () => {
		s = await standIn();
		const h = trigger(s);
		await h.poll();
		s.fault = (info) => (info.path === '/reservations/updated' ? faults['429 with Retry-After longer than the budget, forever'](info) : false);
		const run = await polls(h, { maxPolls: 6, budgetMs: 2000, untilQuiet: false });
		expect(run.errors.length).toBeGreaterThan(0);
		expect(run.errors[0].message).toMatch(/asked to wait 3\.0 s \(Retry-After\), beyond the poll's time budget/);
	});

	test('Retry-After on a detail: the poll returns what it emitted, the cursor exactly there', async () => {
		s = await standIn();
		const tenant = s.tenants[0].id;
		const h = trigger(s, { options: { fetchFullReservation: true } });
		await h.poll();
		const made = changes(6, 0);
		s.fault = (info) => {
			if (info.path !== `/reservations/${made[3].id}`) return false;
			info.res.statusCode = 429;
			info.res.setHeader('Retry-After', '90');
			info.res.end();
			return true;
		};
		const first = await polls(h, { maxPolls: 1, budgetMs: 2000 });
		s.fault = null;
		const rest = await polls(h, { budgetMs: 2000 });
		const row = measure('budget 2 s: Retry-After 90 on one detail', made.map(key), [...first.keys, ...rest.keys], { requests: s.requestCount(), outcome: `first poll emitted ${first.keys.length}` });
		rows.push(row);
		expect(first.keys).toEqual(made.slice(0, 3).map(key));
		expect(row).toMatchObject({ lost: 0, duplicated: 0, extra: 0 });
	});
});

test('a 2,000-reservation backlog with Fetch Full, 30 ms per answer and a 2 s budget: every poll within its budget', async () => {
	s = await standIn({ data: { reservations: 2000 }, latencyMs: 30, requestCap: 3000 });
	const h = trigger(s, { startAt: 'dateTime', startDateTime: '2000-01-01T00:00:00Z', options: { fetchFullReservation: true } });
	const run = await polls(h, { maxPolls: 60, budgetMs: 2000 });
	const expected = s.listReservations(s.tenants[0].id).map(key);
	const slowest = Math.max(...run.durations);
	const row = measure('backlog 2,000, Fetch Full, 30 ms, budget 2 s', expected, run.keys, {
		requests: s.requestCount(),
		outcome: `${run.durations.length} polls, slowest ${(slowest / 1000).toFixed(2)} s, ${(s.requestCount() / expected.length).toFixed(2)} requests per reservation`,
	});
	rows.push(row);
	expect(run.errors).toEqual([]);
	expect(row).toMatchObject({ lost: 0, duplicated: 0, extra: 0 });
	// The budget plus one request's time (30 ms here), with room for a busy machine.
	expect(slowest).toBeLessThan(2000 + 1000);
});

test('a poison detail (404 for a purged reservation) is given up on after 3 polls, with detailError', async () => {
	s = await standIn();
	const h = trigger(s, { options: { fetchFullReservation: true } });
	await h.poll();
	const made = changes(5, 0);
	s.fault = (info) => {
		if (info.path !== `/reservations/${made[1].id}`) return false;
		info.res.statusCode = 404;
		info.res.setHeader('Content-Type', 'application/problem+json');
		info.res.end(JSON.stringify({ status: 404, title: 'Not Found', detail: 'Reservation was purged.' }));
		return true;
	};
	const run = await polls(h, { maxPolls: 6, untilQuiet: false });
	const row = measure('poison detail: 404 forever', made.map(key), run.keys, { requests: s.requestCount(), outcome: `${run.errors.length} errors` });
	rows.push(row);
	expect(run.errors).toEqual([]);
	expect(row).toMatchObject({ lost: 0, duplicated: 0, extra: 0 });
	const poison = run.items.find((r) => r.id === made[1].id);
	expect(poison.detailError).toMatchObject({ httpCode: '404' });
	expect(poison.detailError.description).toMatch(/Reservation was purged/);
	expect(run.items.filter((r) => r.id !== made[1].id).every((r) => Array.isArray(r.people))).toBe(true);
	expect(h.savedStaticData().pollState.cursor.failedFetches).toEqual([]);
});

test('an expression in Start Date and Time does not reset the cursor when its value moves', async () => {
	s = await standIn();
	const h = trigger(s, { startAt: 'dateTime', startDateTime: '2000-01-01T00:00:00Z' });
	h.node.parameters = { ...h.node.parameters, startDateTime: '={{ $today.minus({ days: 7 }) }}' };
	const first = await polls(h, { maxPolls: 1 });
	h.parameters.startDateTime = '2000-01-02T00:00:00Z'; // the expression's value a day later
	const later = await polls(h, { maxPolls: 2 });
	const row = measure('start expression moves by a day', s.listReservations(s.tenants[0].id).map(key), [...first.keys, ...later.keys], { requests: s.requestCount(), outcome: 'ok' });
	rows.push(row);
	expect(row).toMatchObject({ lost: 0, duplicated: 0, extra: 0 });
});

test('a credential edited while active applies at the next poll (read once per poll)', async () => {
	s = await standIn();
	const tenant = s.tenants[0].id;
	const h = trigger(s);
	await h.poll();
	const oldToken = h.store.rezStreamApi.accessToken;
	s.revokeToken(oldToken);
	h.store.rezStreamApi.accessToken = s.issueManualToken({ tenants: [tenant] });
	const made = changes(2, 0);
	const run = await polls(h);
	const row = measure('credential edited while active', made.map(key), run.keys, { requests: s.requestCount(), outcome: run.errors[0]?.message ?? 'ok' });
	rows.push(row);
	expect(row).toMatchObject({ lost: 0, duplicated: 0, extra: 0 });
	expect(s.apiRequests().slice(-1)[0].headers.authorization).toBe(`Bearer ${h.store.rezStreamApi.accessToken}`);
});

test('Status filter: only cancelled reservations are emitted; the others count as handled', async () => {
	s = await standIn();
	const tenant = s.tenants[0].id;
	const h = trigger(s, { options: { statuses: ['Cancelled'] } });
	await h.poll();
	const [a, b, c] = s.listReservations(tenant).filter((r) => r.status !== 'Cancelled');
	const cancelled = s.updateReservation(a.id, { status: 'Cancelled' });
	s.updateReservation(b.id, { notes: 'late arrival' });
	s.createReservation(tenant, { status: 'Reserved' });
	const run = await polls(h);
	const again = s.updateReservation(c.id, { status: 'Cancelled' });
	const next = await polls(h);
	const row = measure('status filter Cancelled', [cancelled, again].map(key), [...run.keys, ...next.keys], { requests: s.requestCount(), outcome: 'ok' });
	rows.push(row);
	expect(row).toMatchObject({ lost: 0, duplicated: 0, extra: 0 });
});

test('retry waits stay short in these tests', () => {
	expect(retryPolicy.maxDelayMs).toBeLessThanOrEqual(50);
});
