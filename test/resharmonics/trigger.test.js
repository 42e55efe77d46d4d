'use strict';
/**
 * The Res:harmonics Trigger (polling) against the stand-in (through a pass-through proxy; faults
 * and odd pages from the stand-in core): what a user sees from each poll (items, grouped room-stay rows), the cursor
 * n8n keeps in static data, manual mode, and errors that throw instead of being swallowed.
 */
const { startResHarmonicsStandIn } = require('../support/resharmonics-standin');
const { changeProxy, triggerHarness, emitted, pollUntilQuiet, changeKey, tally, bookingKeysSince } = require('../support/resharmonics-changes');

let s;
let p;
beforeEach(async () => {
	s = await startResHarmonicsStandIn({ maxPageSize: 10, data: { bookings: 30 } });
	p = await changeProxy(s);
});
afterEach(async () => {
	await p.close();
	await s.close();
});

const listRequests = (path = '/api/v3/bookings') => s.apiRequests().filter((r) => r.path === path);
const keyOf = (b) => `${b.id}@${b.lastUpdated}`;
const PAST = { startAt: 'dateTime', startDateTime: '2026-10-01T00:00:00Z' };

test('activation emits nothing old; a created and an updated booking arrive once, each with its room-stay rows grouped', async () => {
	const h = triggerHarness(s, p);
	expect(await h.poll()).toBeNull();
	expect(h.savedStaticData().pollState.cursor.from).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
	expect(await h.poll()).toBeNull();

	const created = s.createBooking({});
	const twoStays = s.data.bookings.find((b) => b.roomStays.length === 2);
	const updated = s.updateBooking(twoStays.id, { status: 'CONFIRMED' });
	const items = emitted(await h.poll());
	expect(items.map((i) => [i.bookingId, i.lastUpdated, i.roomStays.map((r) => r.roomStayId)])).toEqual([
		[created.id, created.lastUpdated, [created.roomStays[0].roomStayId]],
		[updated.id, updated.lastUpdated, updated.roomStays.map((r) => r.roomStayId)],
	]);
	expect(items[1].roomStays[1]).toMatchObject({ bookingId: updated.id, bookingReference: updated.bookingReference, status: 'CONFIRMED' });
	expect(await h.poll()).toBeNull();

	// The cursor n8n keeps: the newest change handled and the changes remembered for late commits.
	const cursor = h.savedStaticData().pollState.cursor;
	expect(cursor.at).toBe(updated.lastUpdated);
	expect(cursor.seen.map((e) => e[1])).toEqual([keyOf(created), keyOf(updated)]);
	// Every poll asks from the cursor with the API's own filter name.
	expect(listRequests().at(-1).params.get('lastUpdatedFrom')).toBe(cursor.from);
});

test('room stays: one item per room stay and change, read from /api/v3/roomStays', async () => {
	const h = triggerHarness(s, p, { event: 'roomStayCreatedOrUpdated' });
	expect(await h.poll()).toBeNull();
	const twoStays = s.data.bookings.find((b) => b.roomStays.length === 2);
	s.updateBooking(twoStays.id, { status: 'CHECKED_IN' });
	const added = s.addRoomStay(s.data.bookings[1].id, {});
	const items = emitted(await h.poll());
	expect(items.map(changeKey)).toEqual([...twoStays.roomStays.map((r) => `${r.roomStayId}@${r.lastUpdated}`), `${added.roomStayId}@${added.lastUpdated}`]);
	expect(items[0]).toMatchObject({ bookingId: twoStays.id, status: 'CHECKED_IN' });
	expect(items[0].roomStays).toBeUndefined();
	expect(listRequests('/api/v3/roomStays').length).toBeGreaterThan(0);
	expect(listRequests()).toHaveLength(0);
});

test('"Fetch test event" shows the latest change and leaves the cursor alone; the change is still delivered', async () => {
	const h = triggerHarness(s, p);
	await h.poll();
	const before = h.savedStaticData();
	const latest = s.updateBooking(s.data.bookings[5].id, { status: 'CANCELLED' });
	const sample = emitted(await h.poll({ mode: 'manual' }));
	expect(sample.map(changeKey)).toEqual([keyOf(latest)]);
	expect(h.savedStaticData()).toEqual(before);
	expect(emitted(await h.poll()).map(changeKey)).toEqual([keyOf(latest)]);
});

test('manual mode before any activation creates no cursor, and says so when nothing changed in a year', async () => {
	const h = triggerHarness(s, p);
	expect(emitted(await h.poll({ mode: 'manual' }))).toHaveLength(1);
	expect(h.savedStaticData()).toEqual({});
	const empty = await startResHarmonicsStandIn({ data: { bookings: 0 } });
	try {
		await expect(triggerHarness(empty, empty).poll({ mode: 'manual' })).rejects.toThrow(/no test event/);
	} finally {
		await empty.close();
	}
});

test('a start in the past delivers the history across pages (the server caps the page size), each booking once', async () => {
	const h = triggerHarness(s, p, PAST);
	const keys = await pollUntilQuiet(h);
	expect(tally(bookingKeysSince(s, 0), keys)).toEqual({ expected: 30, delivered: 30, lost: 0, duplicated: 0, extra: 0 });
	// 40 rows (one per room stay) at 10 per page, though 100 were asked for.
	expect(listRequests().every((r) => r.params.get('size') === '100')).toBe(true);
	expect(listRequests().length).toBeGreaterThanOrEqual(4);
});

test('a start date-time without a zone is in the workflow time zone', async () => {
	const h = triggerHarness(s, p, { startAt: 'dateTime', startDateTime: '2026-11-01T09:00:20' }, { timezone: 'Europe/Paris' });
	const keys = await pollUntilQuiet(h);
	// 09:00:20 in Paris is 08:00:20 UTC: the bookings stamped from then on (the 20th onwards), not all 30.
	expect(listRequests()[0].params.get('lastUpdatedFrom')).toBe('2026-11-01T08:00:20.000Z');
	expect(tally(bookingKeysSince(s, Date.parse('2026-11-01T08:00:20Z')), keys)).toMatchObject({ expected: 11, lost: 0, duplicated: 0, extra: 0 });
});

test('a poll that fails throws (the vendor message carried), keeps the cursor, and the next poll delivers everything once', async () => {
	const h = triggerHarness(s, p);
	await h.poll();
	const changes = [s.createBooking({}), s.createBooking({})];
	const before = h.savedStaticData();
	s.failNext('/api/v3/bookings', 400, "Failed to convert value of type 'java.lang.String' for 'lastUpdatedFrom'");
	await expect(h.poll()).rejects.toThrow(/lastUpdatedFrom/);
	expect(h.savedStaticData()).toEqual(before);
	expect(emitted(await h.poll()).map(changeKey)).toEqual(changes.map(keyOf));
	expect(await h.poll()).toBeNull();
});

test('a failure on a later page of a drain throws; nothing of the drain is emitted twice afterwards', async () => {
	const h = triggerHarness(s, p, PAST);
	// Two pages go through; from the third on, the API fails (the kernel's retries included).
	s.srv.faults.sequence({ path: '/api/v3/bookings' }, [null, null, ...Array(10).fill(503)]);
	await expect(h.poll()).rejects.toMatchObject({ httpCode: '503' });
	expect(listRequests().filter((r) => r.status === 503).length).toBeGreaterThan(1);
	expect(h.savedStaticData()).toEqual({});
	s.srv.faults.clear();
	expect(tally(bookingKeysSince(s, 0), await pollUntilQuiet(h))).toMatchObject({ lost: 0, duplicated: 0, extra: 0 });
});

test('rows that break the assumptions (no lastUpdated, out of order) are refused with a clear error, not used', async () => {
	const h = triggerHarness(s, p, PAST);
	const page = (content) => s.srv.faults.add({ path: '/api/v3/bookings', status: 200, body: { content, page: { number: 0, size: 10, totalElements: content.length, totalPages: 1 } } });
	page([{ bookingId: 1, roomStayId: 2 }]);
	await expect(h.poll()).rejects.toThrow(/cannot place/);
	page([
			{ bookingId: 1, roomStayId: 2, lastUpdated: '2026-11-02T10:00:00.000Z' },
			{ bookingId: 3, roomStayId: 4, lastUpdated: '2026-11-02T09:00:00.000Z' },
		]);
	const error = await h.poll().catch((e) => e);
	expect(error.description).toMatch(/not ordered by lastUpdated/);
	expect(h.savedStaticData()).toEqual({});
});

test('lastUpdated in Java array form is read as ISO; the event and start choices are checked before any request', async () => {
	const h = triggerHarness(s, p, PAST);
	s.srv.faults.add({ path: '/api/v3/bookings', status: 200, body: { content: [{ bookingId: 7, roomStayId: 8, lastUpdated: [2026, 11, 23, 10, 15, 30] }], page: { number: 0, size: 10, totalElements: 1, totalPages: 1 } } });
	expect(emitted(await h.poll()).map(changeKey)).toEqual(['7@2026-11-23T10:15:30']);
	const count = p.requestCount();
	await expect(triggerHarness(s, p, { event: 'guestCreated' }).poll()).rejects.toThrow(/Event: "guestCreated"/);
	await expect(triggerHarness(s, p, { startAt: 'dateTime', startDateTime: 'yesterday' }).poll()).rejects.toThrow(/Start Date and Time/);
	expect(p.requestCount()).toBe(count);
});

test('changing the event, credential or start starts afresh (from now, nothing replayed)', async () => {
	const h = triggerHarness(s, p, PAST);
	expect((await pollUntilQuiet(h)).length).toBe(30);
	h.parameters.startAt = 'now';
	expect(await h.poll()).toBeNull();
	const created = s.createBooking({});
	expect(emitted(await h.poll()).map(changeKey)).toEqual([keyOf(created)]);
	h.parameters.event = 'roomStayCreatedOrUpdated';
	expect(await h.poll()).toBeNull();
});

test('OAuth2 (client credentials): tokens that expire in the middle of a drain are renewed; each booking once', async () => {
	const short = await startResHarmonicsStandIn({ maxPageSize: 10, tokenCalls: 2, data: { bookings: 30 } });
	try {
		const h = triggerHarness(short, short, PAST, { auth: 'oAuth2' });
		const keys = await pollUntilQuiet(h);
		expect(tally(bookingKeysSince(short, 0), keys)).toEqual({ expected: 30, delivered: 30, lost: 0, duplicated: 0, extra: 0 });
		const expired = short.apiRequests().filter((r) => r.status === 401);
		expect(expired.length).toBeGreaterThan(0);
		expect(short.tokenRequests().length).toBe(expired.length + 1);
	} finally {
		await short.close();
	}
});
