'use strict';
/**
 * The Kaizala node inside a real n8n: a 308 move followed and the new endpoint stored by n8n
 * (through preAuthentication), a 4,001-unit message refused before any call, and 300 sends
 * under 429 throttling all delivered.
 */
const { createInstance, N8N_MAJOR } = require('../support/n8n');

// n8n 1.x's NodeApiError drops the original HTTP error (ExecutionBaseError keeps `cause` only when
// it is not an Error), so a node cannot read the headers of a failed answer: a 308's Location is
// unreadable there. Kaizala's moves work on n8n 2.x only (README, Compatibility).
const testV2 = N8N_MAJOR >= 2 ? test : test.skip;
const { startKaizalaStandIn } = require('../support/kaizala-standin');
const { kaizalaCredential } = require('../../dev/fixtures/kaizala');
const { manualWorkflow, PACKAGE_NAME } = require('./fixtures/workflows');
const { itemsNode } = require('./fixtures/apiv1');

jest.setTimeout(15 * 60 * 1000);

let s;
let n8n;
let cred;
let list;
let tooLong;
let many;

const node = (name, parameters) => ({ name, type: `${PACKAGE_NAME}.kaizala`, credential: cred, parameters });
const group = { __rl: true, mode: 'id', value: 'g-front' };

beforeAll(async () => {
	// Kaizala: 100 calls a minute per connector; a two-second window keeps the run short.
	s = await startKaizalaStandIn({ rateLimit: { calls: 100, windowMs: 2000 } });
	n8n = await createInstance();
	cred = kaizalaCredential(s);
	list = manualWorkflow({ name: 'kaizala groups', nodes: [node('Groups', { resource: 'group', operation: 'getMany', returnAll: true })] });
	tooLong = manualWorkflow({ name: 'kaizala too long', nodes: [node('Send', { resource: 'message', operation: 'send', groupId: group, message: `${'x'.repeat(3999)}😀` })] });
	many = manualWorkflow({
		name: 'kaizala 300 sends',
		nodes: [itemsNode('Items', 300), node('Send', { resource: 'message', operation: 'send', groupId: group, message: '=Message {{ $json.i }}' })],
	});
	await n8n.importCredentials([cred]);
	await n8n.importWorkflow([list, tooLong, many]);
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (s) await s.close();
});

beforeEach(() => s.clearRequests());

testV2('a 308 move: the call is re-sent against the new base and n8n stores the new endpoint', async () => {
	expect((await n8n.execute(list.id)).error).toBeNull();
	const moved = await s.move();
	s.clearRequests();
	const r = await n8n.execute(list.id);
	expect(r.error).toBeNull();
	expect(r.items('Groups')).toHaveLength(2);
	expect(s.apiRequests().map((c) => [c.host, c.status])).toEqual([
		['endpoint0', 308],
		['endpoint1', 200],
	]);
	expect((await n8n.exportCredential(cred.id)).data.endpointUrl).toBe(moved);
	expect((await n8n.exportCredential(cred.id)).data.movedTo).toBe('');
});

test('a message of 4,001 UTF-16 units is refused before any call', async () => {
	const r = await n8n.execute(tooLong.id);
	expect(JSON.stringify(r.error)).toMatch(/4001 UTF-16 units, more than Kaizala's 4000/);
	expect(s.requests()).toHaveLength(0);
});

test('300 sends under throttling: all delivered once, in order', async () => {
	const r = await n8n.execute(many.id, { timeoutMs: 5 * 60 * 1000 });
	expect(r.error).toBeNull();
	expect(r.items('Send')).toHaveLength(300);
	const delivered = s.data.groups.find((g) => g.groupId === 'g-front').messages.map((m) => m.message);
	expect(delivered).toEqual(Array.from({ length: 300 }, (_, i) => `Message ${i}`));
	const throttled = s.apiRequests().filter((c) => c.status === 429).length;
	process.stderr.write(`[e2e] kaizala: 300 sends, ${throttled} answers 429\n`);
	expect(throttled).toBeGreaterThan(0);
	expect(n8n.logText()).toMatch(/Kaizala: \d+ calls; throttled \d+ times \(HTTP 429\)/);
});
