'use strict';
/**
 * Issue 17 item 11: odd values in Update Nightly Rates (from expressions) get an error that
 * names the field and says what was expected, before any request; never a raw TypeError.
 */
const { standIn, tokenHarness } = require('./helpers');

let s;
beforeAll(async () => {
	s = await standIn({ data: { reservations: 1 } });
});
afterAll(async () => s.close());
beforeEach(() => s.clearRequests());

const locator = { __rl: true, mode: 'id', value: '3f1c2b0a-1d2e-4f50-8a6b-7c8d9e0f1a2b' };
const posts = () => s.apiRequests().filter((r) => r.method === 'POST');

async function errorOf(parameters) {
	const h = tokenHarness(s, { resource: 'rate', operation: 'updateNightly', rateId: locator, ...parameters });
	try {
		await h.execute();
	} catch (error) {
		return error;
	}
	throw new Error('expected an error');
}

test.each([
	['Nights is null', { inputMode: 'fields', rows: null }, /^Nights/],
	['Nights is a string', { inputMode: 'fields', rows: 'tomorrow' }, /^Nights/],
	['a night is null', { inputMode: 'fields', rows: { row: [null] } }, /^Nights \[0\]/],
	['values of a night are a string (n8n drops them)', { inputMode: 'fields', rows: { row: [{ date: '2025-08-10', values: 'cheap' }] } }, /^Nights \[0\]/],
])('%s: a clear error naming the field, no request', async (_, parameters, pattern) => {
	const error = await errorOf(parameters);
	expect(error.constructor.name).toBe('NodeOperationError');
	expect(error.message).toMatch(pattern);
	expect(error.message).not.toMatch(/Cannot read|undefined|null is not/);
	expect(posts()).toEqual([]);
});

test('circular JSON from an expression names the field', async () => {
	const night = { date: '2025-08-10', price: 100 };
	night.self = night;
	const error = await errorOf({ inputMode: 'json', ratesJson: [{ rateId: locator.value, data: [night] }] });
	expect(error.message).toMatch(/^Rates \(JSON\)/);
	expect(error.message).not.toMatch(/circular|call stack/i);
	expect(posts()).toEqual([]);
});

test('deeply nested JSON text names the field', async () => {
	// As text: n8n itself copies object parameters recursively, so this depth only arrives as text.
	const deep = `${'{"nested":'.repeat(20000)}{"date":"2025-08-10"}${'}'.repeat(20000)}`;
	const error = await errorOf({ inputMode: 'json', ratesJson: `[{"rateId":"${locator.value}","data":[${deep}]}]` });
	expect(error.message).toMatch(/^Rates \(JSON\)/);
	expect(error.message).not.toMatch(/circular|call stack/i);
	expect(posts()).toEqual([]);
});
