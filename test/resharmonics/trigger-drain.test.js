'use strict';
/**
 * The Res:harmonics Trigger while bookings change between and during its polls: rows that move
 * across page boundaries mid-drain, timestamps that tie (beyond a page), writes that commit late
 * with an older timestamp, a poll budget, a restart, and the bounded memory of the cursor.
 * Measured as a user would: every version delivered at most once, every final state delivered.
 */
const { startResHarmonicsStandIn } = require('../support/resharmonics-standin');
const {
	changeProxy,
	triggerHarness,
	emitted,
	pollUntilQuiet,
	changeKey,
	tally,
	tied,
	lateCommit,
	bookingKeysSince,
} = require('../support/resharmonics-changes');
const { SeenWindow, earlierInstant } = require('../../dist/nodes/shared/poll/seen');

let s;
let p;
afterEach(async () => {
	if (p) await p.close();
	if (s) await s.close();
	s = p = undefined;
});

async function setUp(options = {}) {
	s = await startResHarmonicsStandIn({ maxPageSize: 5, data: { bookings: 30 }, ...options });
	p = await changeProxy(s);
}

const PAST = { startAt: 'dateTime', startDateTime: '2026-10-01T00:00:00Z' };
const keyOf = (b) => `${b.id}@${b.lastUpdated}`;

/** Every version a booking has had, so that a delivered old version counts as real, not extra. */
function versions() {
	const all = new Set(bookingKeysSince(s, 0));
	return { note: (b) => all.add(keyOf(b)), has: (k) => all.has(k) };
}

/** Reads the list the naive way (page numbers of one query), with the same steps: what a page-trusting reader gets. */
async function naiveRead(target, from) {
	const keys = [];
	for (let page = 0; page < 50; page++) {
		const r = await fetch(`${target.url}/api/v3/bookings?lastUpdatedFrom=${from}&page=${page}&size=5`, { headers: { 'x-auth-token': s.settings.apiKey } });
		const body = await r.json();
		keys.push(...body.content.map((row) => `${row.bookingId}@${row.lastUpdated}`));
		if (page + 1 >= body.page.totalPages) break;
	}
	return [...new Set(keys)];
}

/** Steps that change bookings between page reads: one already read moves to the end, one not read yet too, one is created. */
function scriptChanges(v) {
	for (let step = 0; step < 5; step++) {
		p.beforeList(() => {
			const read = s.data.bookings[step];
			const unread = s.data.bookings[25 - step];
			v.note(s.updateBooking(read.id, { status: 'CONFIRMED' }));
			v.note(s.updateBooking(unread.id, { status: 'CHECKED_IN' }));
			v.note(s.createBooking({}));
		});
	}
}

test('the stand-in reproduces the skip: a reader trusting page numbers loses rows when bookings change mid-read', async () => {
	await setUp();
	const v = versions();
	p.beforeList(() => {}); // page 0 read before any change
	scriptChanges(v);
	const naive = await naiveRead(p, '2026-10-01T00:00:00Z');
	const finals = bookingKeysSince(s, 0);
	expect(finals.filter((k) => !naive.includes(k)).length).toBeGreaterThan(0);
});

test('bookings changing during the drain (rows moving across page boundaries): 0 lost, 0 duplicated', async () => {
	await setUp();
	const v = versions();
	const h = triggerHarness(s, p, PAST);
	p.beforeList(() => {});
	scriptChanges(v);
	const delivered = await pollUntilQuiet(h);
	expect(p.pendingSteps()).toBe(0);
	const result = tally(bookingKeysSince(s, 0), delivered);
	expect(result).toMatchObject({ lost: 0, duplicated: 0 });
	// Old versions read before their change are real changes, not extras.
	expect(delivered.filter((k) => !v.has(k))).toEqual([]);
});

test('changes between polls and during a drain, across a restart of n8n: 0 lost, 0 duplicated', async () => {
	await setUp();
	const v = versions();
	const h = triggerHarness(s, p);
	expect(await h.poll()).toBeNull();
	const activated = Date.parse(h.savedStaticData().pollState.cursor.from);
	const delivered = [];
	for (let round = 0; round < 4; round++) {
		for (let i = 0; i < 7; i++) v.note(s.updateBooking(s.data.bookings[(round * 7 + i) % 30].id, { status: 'PENDING' }));
		p.beforeList(() => v.note(s.createBooking({})), () => v.note(s.updateBooking(s.data.bookings[round].id, {})));
		delivered.push(...emitted(await h.poll()).map(changeKey));
		// n8n restarts: what it saved is all that is left.
		if (round === 1) h.restart();
	}
	delivered.push(...(await pollUntilQuiet(h)));
	const finals = bookingKeysSince(s, activated);
	expect(finals.length).toBeGreaterThanOrEqual(28);
	expect(tally(finals, delivered)).toMatchObject({ lost: 0, duplicated: 0 });
	expect(delivered.filter((k) => !v.has(k))).toEqual([]);
});

test('timestamps that tie beyond a page, and a later write tied with the newest change handled: each delivered once', async () => {
	await setUp();
	const h = triggerHarness(s, p);
	await h.poll();
	const at = new Date(Date.now() + 1000).toISOString();
	const ties = tied(s, 12, at);
	const first = await pollUntilQuiet(h);
	expect(first.sort()).toEqual(ties.map(keyOf).sort());
	// Written later, stamped with the very instant the cursor stands on.
	const late = tied(s, 2, at);
	const second = await pollUntilQuiet(h);
	expect(second.sort()).toEqual(late.map(keyOf).sort());
	expect(h.savedStaticData().pollState.cursor.at).toBe(at);
});

test('a write that commits late with an older timestamp is delivered once inside the 5-minute margin; older than that it is not', async () => {
	await setUp();
	const h = triggerHarness(s, p, PAST);
	expect(await pollUntilQuiet(h)).toHaveLength(30);
	const inside = lateCommit(s, 2 * 60_000);
	expect(await pollUntilQuiet(h)).toEqual([keyOf(inside)]);
	lateCommit(s, 10 * 60_000);
	expect(await pollUntilQuiet(h)).toEqual([]);
});

test('a poll budget stops the drain; the next polls continue from the cursor, each booking once', async () => {
	await setUp({ latencyMs: 120 });
	const h = triggerHarness(s, p, PAST);
	const delivered = [];
	let polls = 0;
	for (; polls < 30 && delivered.length < 30; polls++) delivered.push(...emitted(await h.poll({ pollBudgetMs: 1000 })).map(changeKey));
	expect(polls).toBeGreaterThan(1);
	expect(tally(bookingKeysSince(s, 0), delivered)).toEqual({ expected: 30, delivered: 30, lost: 0, duplicated: 0, extra: 0 });
	expect(await h.poll({ pollBudgetMs: 1000 })).toBeNull();
});

describe('the bounded seen window (nodes/shared/poll/seen)', () => {
	test('past its bound, "from" moves up to the newest timestamps that fit, keeping every key of the boundary: nothing handled can come again', () => {
		const cursor = { from: '2026-11-01T00:00:00Z', seen: [] };
		const w = new SeenWindow(cursor, { lookbackMs: 3_600_000, maxKeys: 3 });
		const stamps = ['01', '02', '03', '03', '04'].map((m) => `2026-11-01T00:${m}:00Z`);
		stamps.forEach((t, i) => w.pass(t, `b${i}@${t}`));
		w.store();
		expect(cursor.from).toBe('2026-11-01T00:03:00Z');
		expect(cursor.seen.map((e) => e[1])).toEqual(['b2@2026-11-01T00:03:00Z', 'b3@2026-11-01T00:03:00Z', 'b4@2026-11-01T00:04:00Z']);
		const again = new SeenWindow(cursor, { lookbackMs: 3_600_000, maxKeys: 3 });
		expect(stamps.map((t, i) => again.isNew(t, `b${i}@${t}`))).toEqual([false, false, false, false, false]);
		expect(again.isNew('2026-11-01T00:03:00Z', 'new@2026-11-01T00:03:00Z')).toBe(true);
	});

	test('"from" trails the newest change by the margin, in the timestamps\' own style', () => {
		const cursor = { from: '2026-11-01T00:00:00Z', seen: [] };
		const w = new SeenWindow(cursor, { lookbackMs: 5 * 60_000, maxKeys: 100 });
		w.pass('2026-11-01T10:00:00.123456Z', 'a');
		w.store();
		expect(cursor.from).toBe('2026-11-01T09:55:00.123Z');
		expect(earlierInstant('2026-11-23T10:15:30', 30_000)).toBe('2026-11-23T10:15:00.000');
		expect(earlierInstant('2026-11-23T10:15:30+01:00', 0)).toBe('2026-11-23T09:15:30.000+00:00');
	});
});

test('a late commit deeper in the margin than one page is delivered (the re-read walks the whole margin, not only its first page)', async () => {
	await setUp();
	const h = triggerHarness(s, p, PAST);
	expect(await pollUntilQuiet(h)).toHaveLength(30);
	// Eight changes spread over the margin, then the newest one: all delivered.
	const now = Date.now();
	const spread = Array.from({ length: 8 }, (_, i) => s.createBooking({}, new Date(now - 4 * 60_000 + i * 1000).toISOString()));
	const newest = s.createBooking({}, new Date(now).toISOString());
	expect((await pollUntilQuiet(h)).sort()).toEqual([...spread, newest].map(keyOf).sort());
	// A write that commits now, stamped after those eight (more than a page of 5 from the margin's start).
	const late = s.createBooking({}, new Date(now - 60_000).toISOString());
	expect(await pollUntilQuiet(h)).toEqual([keyOf(late)]);
	expect(await pollUntilQuiet(h)).toEqual([]);
});

test('Start = Now: a write committed after activation with a timestamp just before it is delivered; what existed at activation is not', async () => {
	await setUp();
	const before = s.createBooking({}, new Date(Date.now() - 90_000).toISOString());
	const h = triggerHarness(s, p);
	expect(await h.poll()).toBeNull();
	const late = s.createBooking({}, new Date(Date.now() - 30_000).toISOString());
	const fresh = s.createBooking({});
	expect(await pollUntilQuiet(h)).toEqual([keyOf(late), keyOf(fresh)]);
	expect(await pollUntilQuiet(h)).toEqual([]);
	expect(keyOf(before)).not.toBe(keyOf(late));
});
