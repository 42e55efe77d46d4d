'use strict';
/**
 * The unit harness reads parameters as n8n-core does. These tests pin that down, because every
 * other unit test relies on it: a harness more lenient than n8n hides bugs that only a real n8n
 * shows (a hidden resource locator read with extractValue, a parameter read for the wrong item).
 */
const { createHarness } = require('../support/n8n-context');

const harness = (parameters, options = {}) =>
	createHarness({ parameters: { authentication: 'accessToken', ...parameters }, credentials: { rezStreamApi: { accessToken: 'x' } }, ...options });

test('a parameter hidden by displayOptions cannot be read without a fallback; with one, the fallback comes back', () => {
	const h = harness({ resource: 'reservation', operation: 'getManyUpdated', returnAll: true, limit: 7 });
	expect(() => h.parameter('limit')).toThrow(/Could not get parameter/);
	expect(h.parameter('limit', { fallback: 50 })).toBe(50);
	h.parameters.returnAll = false;
	expect(h.parameter('limit', { fallback: 50 })).toBe(7);
});

test('extractValue on a hidden resource locator throws, as in n8n; on a shown one it gives the value', () => {
	const tenant = { __rl: true, mode: 'id', value: 'abc' };
	expect(() => harness({ resource: 'tenant', operation: 'getAll', tenant }).parameter('tenant', { fallback: '', extractValue: true })).toThrow(
		/Could not find property "tenant"/,
	);
	expect(harness({ resource: 'inventory', operation: 'getBusiness', tenant }).parameter('tenant', { fallback: '', extractValue: true })).toBe('abc');
});

test('defaults are filled in for displayed parameters only', () => {
	const h = harness({ resource: 'reservation', operation: 'getManyUpdated' });
	expect(h.parameter('returnAll')).toBe(false);
	expect(h.parameter('limit')).toBe(50);
	expect(() => h.parameter('reservationId')).toThrow(/Could not get parameter/);
});

test('expressions are evaluated per item: each item reads its own value', () => {
	const h = harness({ resource: 'reservation', operation: 'get', reservationId: '={{ $json.id }}' });
	const items = [{ json: { id: 'first' } }, { json: { id: 'second' } }];
	expect(h.parameter('reservationId', { itemIndex: 0, items })).toBe('first');
	expect(h.parameter('reservationId', { itemIndex: 1, items })).toBe('second');
	expect(harness({ resource: 'reservation', operation: 'get', reservationId: '=id-{{ $itemIndex + 1 }}' }).parameter('reservationId')).toBe('id-1');
});
