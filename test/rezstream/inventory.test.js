'use strict';
/** Issue 12, item 8: GET /inventory, the one answer with everything, guest types included. */
const { standIn, tokenHarness, jsonOf, apiCalls } = require('./helpers');

let s;
beforeAll(async () => {
	s = await standIn({ data: { reservations: 5 } });
});
afterAll(async () => s.close());
beforeEach(() => s.clearRequests());

test('Inventory → Get Inventory makes one GET /inventory and returns it as one item, guest types included', async () => {
	const h = tokenHarness(s, { resource: 'inventory', operation: 'getInventory' });
	const items = jsonOf(await h.execute());
	expect(items).toHaveLength(1);
	const [inventory] = items;
	const calls = apiCalls(s, '/inventory');
	expect(calls).toHaveLength(1);
	expect(calls[0].method).toBe('GET');
	expect(calls[0].status).toBe(200);
	expect(s.apiRequests()).toHaveLength(1);
	expect(inventory.guestTypes.map((g) => g.name)).toEqual(['Adult', 'Child']);
	// The same inventory the specialised endpoints return, in one answer.
	const units = jsonOf(await tokenHarness(s, { resource: 'inventory', operation: 'getUnits' }).execute());
	expect(inventory.units.map((u) => u.id)).toEqual(units.map((u) => u.id));
	expect(inventory.business.timeZone).toBe(s.tenants[0].timeZone);
	for (const key of ['properties', 'unitTypes', 'rates']) expect(inventory[key].length).toBeGreaterThan(0);
});

test('the operation is offered as "Get Inventory" with the value getInventory', () => {
	const h = tokenHarness(s, { resource: 'inventory' });
	const selector = h.nodeType.description.properties.find((p) => p.name === 'operation' && p.displayOptions.show.resource[0] === 'inventory');
	expect(selector.options.find((o) => o.value === 'getInventory').name).toBe('Get Inventory');
});
