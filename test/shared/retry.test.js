'use strict';
const { parseRetryAfter, shouldRetry, backoffDelay } = require('../../dist/nodes/shared/transport/retry');
const { compareInstants, isPlainDate } = require('../../dist/nodes/shared/validation');

describe('retry policy', () => {
	test('Retry-After as seconds or as an HTTP date', () => {
		const now = Date.parse('2025-01-01T00:00:00Z');
		expect(parseRetryAfter('3', now)).toBe(3000);
		expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10000);
		expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now)).toBe(0);
		expect(parseRetryAfter('soon', now)).toBeUndefined();
		expect(parseRetryAfter(undefined, now)).toBeUndefined();
	});

	test('429 retries any method; 5xx and network errors only idempotent ones', () => {
		expect(shouldRetry('POST', 429)).toBe(true);
		expect(shouldRetry('POST', 503)).toBe(false);
		expect(shouldRetry('POST', undefined, 'ECONNRESET')).toBe(false);
		expect(shouldRetry('GET', 503)).toBe(true);
		expect(shouldRetry('GET', undefined, 'ECONNRESET')).toBe(true);
		expect(shouldRetry('GET', 404)).toBe(false);
		expect(shouldRetry('GET', 401)).toBe(false);
	});

	test('backoff grows exponentially within its cap', () => {
		const policy = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 0 };
		for (let attempt = 0; attempt < 6; attempt++) {
			const step = Math.min(1000, 100 * 2 ** attempt);
			const d = backoffDelay(attempt, policy);
			expect(d).toBeGreaterThanOrEqual(step / 2);
			expect(d).toBeLessThanOrEqual(step);
		}
	});
});

describe('dates and instants without Date round trips', () => {
	test('calendar dates, leap years included', () => {
		expect(isPlainDate('2024-02-29')).toBe(true);
		expect(isPlainDate('2023-02-29')).toBe(false);
		expect(isPlainDate('2000-02-29')).toBe(true);
		expect(isPlainDate('1900-02-29')).toBe(false);
		expect(isPlainDate('2025-04-31')).toBe(false);
		expect(isPlainDate('2025-4-01')).toBe(false);
	});

	test('instants compare exactly beyond milliseconds and across offsets', () => {
		expect(compareInstants('2021-10-01T14:44:54.0312345Z', '2021-10-01T14:44:54.0312346Z')).toBe(-1);
		expect(compareInstants('2021-10-01T14:44:54.03Z', '2021-10-01T14:44:54.030Z')).toBe(0);
		expect(compareInstants('2021-10-01T16:44:54Z', '2021-10-01T18:44:54+02:00')).toBe(0);
		expect(compareInstants('2021-10-02T00:00:00Z', '2021-10-01T23:59:59.999Z')).toBe(1);
	});
});
