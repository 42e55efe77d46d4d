'use strict';
/**
 * Issue 12, item 11: date fields use n8n's date picker. A stay date keeps its calendar day in the
 * workflow's time zone (never shifted by UTC); a moment picked without a zone is in the workflow's
 * time zone; an expression or ISO text still works.
 */
const { standIn, tokenHarness, apiCalls } = require('./helpers');

let s;
beforeAll(async () => {
	s = await standIn({ data: { reservations: 30 } });
});
afterAll(async () => s.close());
beforeEach(() => s.clearRequests());

const byDate = (from, to, timezone) =>
	tokenHarness(s, { resource: 'reservation', operation: 'getManyByStayDate', from, to, returnAll: true }, { timezone });
const since = (updatedSince, timezone) =>
	tokenHarness(s, { resource: 'reservation', operation: 'getManyUpdated', updatedSince, returnAll: true }, { timezone });

test('every day or moment field is an n8n date picker', () => {
	const h = tokenHarness(s, {});
	const props = h.nodeType.description.properties;
	const named = (name) => props.filter((p) => p.name === name);
	for (const p of [...named('from'), ...named('to'), ...named('updatedSince')]) expect({ name: p.name, type: p.type }).toEqual({ name: p.name, type: 'dateTime' });
	expect(named('from').length).toBeGreaterThanOrEqual(6);
	const night = named('rows')[0].options[0].values.find((v) => v.name === 'date');
	expect(night.type).toBe('dateTime');
	const trigger = tokenHarness(s, {}, { nodeName: 'RezStreamTrigger' }).nodeType.description.properties;
	expect(trigger.find((p) => p.name === 'startDateTime').type).toBe('dateTime');
});

test.each(['Pacific/Auckland', 'America/Los_Angeles', 'UTC'])('a day picked in the date picker is sent as that day (workflow in %s)', async (timezone) => {
	await byDate('2025-07-01T00:00:00', '2025-07-31T00:00:00', timezone).execute();
	const [call] = apiCalls(s, '/reservations/byDate');
	expect(call.query).toMatchObject({ from: '2025-07-01', to: '2025-07-31' });
});

test("an expression giving a Date is a moment: its calendar day in the workflow's time zone, not in UTC", async () => {
	// 22:30 UTC on June 30 is already July 1 in Berlin.
	await byDate("={{ new Date('2025-06-30T22:30:00Z') }}", '2025-07-31', 'Europe/Berlin').execute();
	expect(apiCalls(s, '/reservations/byDate')[0].query.from).toBe('2025-07-01');
	s.clearRequests();
	await byDate("={{ new Date('2025-06-30T22:30:00Z') }}", '2025-07-31', 'America/New_York').execute();
	expect(apiCalls(s, '/reservations/byDate')[0].query.from).toBe('2025-06-30');
});

test('ISO text still works and keeps its date as written', async () => {
	await byDate('2025-03-09', '2025-03-10T23:30:00-05:00', 'Asia/Tokyo').execute();
	expect(apiCalls(s, '/reservations/byDate')[0].query).toMatchObject({ from: '2025-03-09', to: '2025-03-10' });
});

test.each([
	['Europe/Berlin', '2025-07-01T10:00:00', '2025-07-01T08:00:00.000Z'],
	['America/New_York', '2025-03-09T03:30:00', '2025-03-09T07:30:00.000Z'], // just after the spring change
	['America/New_York', '2025-11-02T12:00:00', '2025-11-02T17:00:00.000Z'], // after the autumn change
	['UTC', '2025-07-01T00:00:00', '2025-07-01T00:00:00.000Z'],
])('Updated Since picked in %s at %s is that moment (%s)', async (timezone, picked, instant) => {
	await since(picked, timezone).execute();
	expect(apiCalls(s, '/reservations/updated')[0].query.from).toBe(instant);
});

test('Updated Since as ISO text with a zone is sent as written', async () => {
	await since('2025-07-01T10:00:00+02:00', 'Pacific/Auckland').execute();
	expect(apiCalls(s, '/reservations/updated')[0].query.from).toBe('2025-07-01T10:00:00+02:00');
});

test("the trigger's Start Date and Time from the picker starts there, in the workflow's time zone", async () => {
	const h = tokenHarness(
		s,
		{ event: 'newOrUpdated', startAt: 'dateTime', startDateTime: '2000-01-01T00:00:00', options: {}, simplify: false },
		{ nodeName: 'RezStreamTrigger', timezone: 'Europe/Berlin' },
	);
	const result = await h.poll();
	expect(result[0]).toHaveLength(30);
	expect(apiCalls(s, '/reservations/updated')[0].query.from).toBe('1999-12-31T23:00:00.000Z');
});
