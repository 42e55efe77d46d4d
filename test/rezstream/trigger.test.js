'use strict';
const { standIn, tokenHarness, oauthHarness } = require('./helpers');

let s;
let tenant;
beforeEach(async () => {
	s = await standIn({ data: { reservations: 40 } });
	tenant = s.tenants[0].id;
});
afterEach(async () => s.close());

const trigger = (parameters = {}, options = {}) =>
	tokenHarness(s, { event: 'newOrUpdated', startAt: 'now', options: {}, simplify: false, ...parameters }, { ...options, nodeName: 'RezStreamTrigger' });
const emitted = (result) => (result ? result[0].map((i) => i.json) : []);
const key = (r) => `${r.id}@${r.version}`;

test('the first activation emits nothing old; later polls emit what changed, once', async () => {
	const h = trigger();
	expect(await h.poll()).toBeNull();
	expect(h.savedStaticData().pollState.cursor.from).toBeDefined();
	expect(await h.poll()).toBeNull();

	const created = s.createReservation(tenant);
	const old = s.listReservations(tenant)[0];
	const updated = s.updateReservation(old.id, { status: 'Cancelled' });
	const items = emitted(await h.poll());
	expect(items.map(key)).toEqual([key(created), key(updated)]);
	expect(await h.poll()).toBeNull();
});

test('"Fetch test event" returns the latest reservation and leaves the cursor alone', async () => {
	const h = trigger();
	await h.poll();
	const before = h.savedStaticData();
	const latest = s.updateReservation(s.listReservations(tenant)[3].id);
	const sample = emitted(await h.poll({ mode: 'manual' }));
	expect(sample.map(key)).toEqual([key(latest)]);
	expect(h.savedStaticData()).toEqual(before);
	// The change the sample showed is still delivered by the next scheduled poll.
	expect(emitted(await h.poll()).map(key)).toEqual([key(latest)]);
});

test('manual mode before any activation creates no cursor, and says so when nothing exists', async () => {
	const h = trigger();
	const sample = emitted(await h.poll({ mode: 'manual' }));
	expect(sample).toHaveLength(1);
	expect(h.savedStaticData()).toEqual({});
	const empty = await standIn({ data: { reservations: 0 } });
	try {
		const none = tokenHarness(empty, { event: 'newOrUpdated', startAt: 'now', options: {} }, { nodeName: 'RezStreamTrigger' });
		await expect(none.poll({ mode: 'manual' })).rejects.toThrow(/no test event/);
	} finally {
		await empty.close();
	}
});

test('a failing poll throws, keeps the cursor, and the next poll delivers everything once', async () => {
	const h = trigger();
	await h.poll();
	const changes = [s.createReservation(tenant), s.createReservation(tenant)];
	const before = h.savedStaticData();
	s.addFault({ path: '/reservations/updated', status: 500, times: 10 });
	await expect(h.poll()).rejects.toMatchObject({ httpCode: '500' });
	expect(h.savedStaticData()).toEqual(before);
	s.faults.length = 0;
	expect(emitted(await h.poll()).map(key)).toEqual(changes.map(key));
});

test('a detail that fails is tried again by the next poll; the cursor waits just before it', async () => {
	const h = trigger({ options: { fetchFullReservation: true } });
	await h.poll();
	const created = s.createReservation(tenant);
	const before = h.savedStaticData().pollState.cursor;
	s.addFault({ path: `/reservations/${created.id}`, status: 503, times: 10 });
	expect(await h.poll()).toBeNull();
	const after = h.savedStaticData().pollState.cursor;
	expect([after.afterAt, after.afterId]).toEqual([before.afterAt, before.afterId]);
	expect(after.failedFetches).toEqual([expect.objectContaining({ tries: 1 })]);
	s.faults.length = 0;
	const items = emitted(await h.poll());
	expect(items.map((r) => r.id)).toEqual([created.id]);
	expect(Array.isArray(items[0].people)).toBe(true);
	expect(h.savedStaticData().pollState.cursor.failedFetches).toEqual([]);
});

test('a start in the past delivers the history since then, across several pages', async () => {
	const h = trigger({ startAt: 'dateTime', startDateTime: '2000-01-01T00:00:00Z' });
	const first = emitted(await h.poll());
	expect(first).toHaveLength(40);
	expect(await h.poll()).toBeNull();
});

test('a poll budget stops the drain; the next poll continues exactly there', async () => {
	// 200 ms per answer and a 1.5 s budget: a poll reads a few pages of 50, never all 8.
	const bulk = await standIn({ data: { reservations: 350 }, maxPageSize: 50, latencyMs: 200 });
	try {
		const h = tokenHarness(bulk, { event: 'newOrUpdated', startAt: 'dateTime', startDateTime: '2000-01-01T00:00:00Z', options: {}, simplify: false }, { nodeName: 'RezStreamTrigger' });
		const seen = [];
		let polls = 0;
		for (; polls < 30 && seen.length < 350; polls++) seen.push(...emitted(await h.poll({ pollBudgetMs: 1500 })));
		expect(polls).toBeGreaterThan(1);
		expect(seen).toHaveLength(350);
		expect(new Set(seen.map(key)).size).toBe(350);
		expect(await h.poll({ pollBudgetMs: 1500 })).toBeNull();
	} finally {
		await bulk.close();
	}
});

test('changing the credential or the start option starts afresh from now', async () => {
	const h = trigger({ startAt: 'dateTime', startDateTime: '2000-01-01T00:00:00Z' });
	expect(emitted(await h.poll())).toHaveLength(40);
	h.parameters.startAt = 'now';
	expect(await h.poll()).toBeNull();
	const created = s.createReservation(tenant);
	expect(emitted(await h.poll()).map(key)).toEqual([key(created)]);
	h.node.credentials.rezStreamApi.id = 'another-credential';
	// Afresh from now: nothing of the history is replayed.
	expect(await h.poll()).toBeNull();
	const again = s.updateReservation(created.id);
	expect(emitted(await h.poll()).map(key)).toEqual([key(again)]);
});

test('"New only" emits each new reservation once, even when it changes during and between polls', async () => {
	const h = trigger({ event: 'newOnly' });
	await h.poll();
	s.updateReservation(s.listReservations(tenant)[0].id);
	const a = s.createReservation(tenant);
	const b = s.createReservation(tenant);
	s.updateReservation(a.id);
	s.hooks.beforeApiRequest = () => {
		s.updateReservation(b.id);
		s.hooks.beforeApiRequest = undefined;
	};
	const first = emitted(await h.poll());
	expect(first.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
	s.updateReservation(a.id);
	s.updateReservation(b.id);
	expect(await h.poll()).toBeNull();
	const c = s.createReservation(tenant);
	expect(emitted(await h.poll()).map((r) => r.id)).toEqual([c.id]);
});

test('hundreds of polls with changes between and during them: no loss, no repeat (OAuth2, expiring tokens, faults)', async () => {
	const h = oauthHarness(s, { event: 'newOrUpdated', startAt: 'now', options: {}, simplify: false }, { nodeName: 'RezStreamTrigger' });
	await h.poll();
	let seed = 7;
	// mulberry32: a small seeded generator whose low bits are as random as its high bits.
	const rand = (n) => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return (((t ^ (t >>> 14)) >>> 0) % n);
	};
	const changed = new Map(); // id → newest version made after activation
	const change = () => {
		const all = s.listReservations(tenant);
		const r = rand(3) === 0 ? s.createReservation(tenant) : s.updateReservation(all[rand(all.length)].id);
		changed.set(r.id, r.version);
	};
	s.hooks.beforeApiRequest = (info) => {
		if (info.path === '/reservations/updated' && rand(4) === 0) change();
		if (rand(40) === 0) s.expireAccessTokens();
	};
	s.setRandomFaults({ rate: 0.03, statuses: [500, 502, 503], max: 25 });
	const seen = new Set();
	const last = new Map();
	let failedPolls = 0;
	const record = (result) => {
		for (const r of emitted(result)) {
			expect(seen.has(key(r))).toBe(false);
			seen.add(key(r));
			last.set(r.id, r.version);
		}
		return result;
	};
	let polls = 0;
	for (; polls < 300; polls++) {
		for (let k = rand(4); k > 0; k--) change();
		if (polls % 50 === 25) h.restart();
		try {
			record(await h.poll({ pollBudgetMs: rand(5) === 0 ? 0 : 60_000 }));
		} catch (error) {
			// A poll that still fails after its retries throws (n8n records a failed execution).
			failedPolls++;
		}
	}
	s.hooks.beforeApiRequest = undefined;
	s.setRandomFaults(null);
	for (let i = 0; i < 20 && record(await h.poll()) !== null; i++);
	expect(failedPolls).toBeLessThan(10);
	expect(changed.size).toBeGreaterThan(100);
	for (const [id, version] of changed) expect({ id, version: last.get(id) }).toEqual({ id, version });
});
