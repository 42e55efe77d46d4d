'use strict';
/** Issue 12, item 13: Simplify on reservation operations and on the trigger. */
const { standIn, tokenHarness, jsonOf } = require('./helpers');

let s;
let tenant;
beforeAll(async () => {
	s = await standIn({ data: { reservations: 20 } });
	tenant = s.tenants[0].id;
});
afterAll(async () => s.close());

const SIMPLE_KEYS = ['id', 'status', 'arrival', 'departure', 'nights', 'guestName', 'guestEmail', 'guestPhone', 'unitIds', 'rateIds', 'total', 'currency', 'updatedAt'];
const get = (id, parameters = {}, options = {}) => tokenHarness(s, { resource: 'reservation', operation: 'get', reservationId: id, ...parameters }, options);
const days = (a, b) => (Date.UTC(...b.split('-').map((v, i) => Number(v) - (i === 1 ? 1 : 0))) - Date.UTC(...a.split('-').map((v, i) => Number(v) - (i === 1 ? 1 : 0)))) / 86400000;

test('a new node (and an AI agent using it as a tool, which gets the defaults) returns the simplified reservation', async () => {
	const target = s.listReservations(tenant)[3];
	const [full] = jsonOf(await get(target.id, { simplify: false }).execute());
	const h = get(target.id);
	expect(h.node.typeVersion).toBe(1.1);
	const [simple] = jsonOf(await h.execute());
	expect(Object.keys(simple).sort()).toEqual([...SIMPLE_KEYS].sort());
	const lead = full.people[0];
	expect(simple).toEqual({
		id: full.id,
		status: full.status,
		arrival: full.arrival,
		departure: full.departure,
		nights: days(full.arrival, full.departure),
		guestName: `${lead.firstName} ${lead.lastName}`,
		guestEmail: lead.email ?? null,
		guestPhone: lead.phone ?? lead.mobilePhone ?? null,
		unitIds: [...new Set(full.unitAssignments.map((a) => a.unitId))],
		rateIds: [...new Set(full.unitAssignments.map((a) => a.rateId))],
		total: Math.round(full.invoices.reduce((sum, i) => sum + i.total, 0) * 100) / 100,
		currency: full.invoices[0].currency,
		updatedAt: full.updatedAt,
	});
	expect(Object.values(simple).every((v) => v === null || typeof v !== 'object' || Array.isArray(v))).toBe(true);
});

test('Simplify off returns the API object untouched; a version 1 node keeps the full object by default', async () => {
	const target = s.listReservations(tenant)[4];
	const [off] = jsonOf(await get(target.id, { simplify: false }).execute());
	const [v1] = jsonOf(await get(target.id, {}, { typeVersion: 1 }).execute());
	expect(v1).toEqual(off);
	expect(Array.isArray(off.people)).toBe(true);
	expect(Array.isArray(off.invoices)).toBe(true);
	expect(off.version).toBe(target.version);
});

test.each([
	['getManyByStayDate', { from: '2000-01-01', to: '2100-01-01' }],
	['getManyUpdated', { updatedSince: '2000-01-01T00:00:00Z' }],
])('%s: each summary is simplified (no guest or total in a summary: null)', async (operation, extra) => {
	const simple = jsonOf(await tokenHarness(s, { resource: 'reservation', operation, returnAll: true, ...extra }).execute());
	const raw = jsonOf(await tokenHarness(s, { resource: 'reservation', operation, returnAll: true, simplify: false, ...extra }).execute());
	expect(simple.map((r) => r.id)).toEqual(raw.map((r) => r.id));
	for (const [k, r] of simple.entries()) {
		expect(Object.keys(r).sort()).toEqual([...SIMPLE_KEYS].sort());
		expect(r).toMatchObject({ status: raw[k].status, arrival: raw[k].arrival, updatedAt: raw[k].updatedAt, guestName: null, total: null });
		expect(r.unitIds).toEqual([...new Set(raw[k].unitAssignments.map((a) => a.unitId))]);
	}
});

test('the trigger simplifies what it emits; with Fetch Full Reservation the guest and total are there', async () => {
	const trigger = (parameters) =>
		tokenHarness(s, { event: 'newOrUpdated', startAt: 'now', options: {}, ...parameters }, { nodeName: 'RezStreamTrigger' });
	const plain = trigger({});
	const full = trigger({ options: { fetchFullReservation: true } });
	const untouched = trigger({ simplify: false });
	for (const h of [plain, full, untouched]) await h.poll();
	const changed = s.updateReservation(s.listReservations(tenant)[5].id, { status: 'Cancelled' });
	const [a] = (await plain.poll())[0].map((i) => i.json);
	const [b] = (await full.poll())[0].map((i) => i.json);
	const [c] = (await untouched.poll())[0].map((i) => i.json);
	expect(Object.keys(a).sort()).toEqual([...SIMPLE_KEYS].sort());
	expect(a).toMatchObject({ id: changed.id, status: 'Cancelled', guestName: null });
	expect(b).toMatchObject({ id: changed.id, status: 'Cancelled' });
	expect(b.guestName).toEqual(expect.any(String));
	expect(b.total).toEqual(expect.any(Number));
	expect(c.version).toBe(changed.version);
	expect(Array.isArray(c.unitAssignments)).toBe(true);
});

test('the Simplify toggle is offered on the reservation operations and the trigger, on for version 1.1, off for 1', () => {
	for (const [parameters, nodeName] of [
		[{ resource: 'reservation', operation: 'get' }],
		[{ resource: 'reservation', operation: 'getManyByStayDate' }],
		[{ resource: 'reservation', operation: 'getManyUpdated' }],
		[{}, 'RezStreamTrigger'],
	]) {
		expect(tokenHarness(s, parameters, { nodeName }).parameter('simplify')).toBe(true);
		expect(tokenHarness(s, parameters, { nodeName, typeVersion: 1 }).parameter('simplify')).toBe(false);
	}
	expect(() => tokenHarness(s, { resource: 'inventory', operation: 'getUnits' }).parameter('simplify')).toThrow(/Could not get parameter/);
});
