'use strict';
/** Throttling: 429 with Retry-After is waited out, bounded, and reported in the closing log. */
const { startKaizalaStandIn, harness, jsonOf, group } = require('./helpers');

let s;
beforeAll(async () => {
	// Kaizala: 100 calls a minute per connector. Here 5 a second: the test stays short, and any
	// machine sends faster than that, so the 429s come however loaded it is.
	s = await startKaizalaStandIn({ rateLimit: { calls: 5, windowMs: 1000 } });
});
afterAll(async () => s.close());

test('30 sends in one run: every message delivered once, the waits reported in the closing log', async () => {
	const items = Array.from({ length: 30 }, (_, i) => ({ json: { n: i } }));
	const h = harness(s, { resource: 'message', operation: 'send', groupId: group(), message: '=Message {{$json.n}}' });
	const out = jsonOf(await h.execute({ items }), 30);
	expect(out).toHaveLength(30);
	expect(out.every((o) => typeof o.referenceId === 'string')).toBe(true);
	const delivered = s.data.groups.find((g) => g.groupId === 'g-front').messages.map((m) => m.message);
	expect(delivered).toEqual(items.map((i) => `Message ${i.json.n}`));
	const throttled = s.apiRequests().filter((r) => r.status === 429);
	expect(throttled.length).toBeGreaterThan(0);
	const log = h.stats.logs.find((l) => /^Kaizala: /.test(l));
	expect(log).toMatch(new RegExp(`throttled ${throttled.length} times \\(HTTP 429\\)`));
	expect(log).toMatch(/waited [\d.]+ s in total, longest wait [\d.]+ s/);
});
