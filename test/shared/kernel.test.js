'use strict';
/** The shared request kernel on its own: redaction, body shapes, retries of writes, deadlines. */
const { redact, secretsOf, clip } = require('../../dist/nodes/shared/transport/errors');
const { checkBody } = require('../../dist/nodes/shared/transport/responseShape');
const { sendRequest } = require('../../dist/nodes/shared/transport/request');
const { DEFAULT_RETRY_POLICY } = require('../../dist/nodes/shared/transport/retry');
const { isDeadlineError } = require('../../dist/nodes/shared/transport/deadline');

// This file's connections wait 1-5 ms between attempts: passed per connection, nothing global changes.
const retryPolicy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, maxDelayMs: 5 };

const token = 'Zx9kQ2mB7rT4vW1yL8nP3sD6fG0hJ5aC';

describe('redact', () => {
	test.each([
		['as is', `token ${token} here`],
		['lower-cased', `token ${token.toLowerCase()} here`],
		['upper-cased', `token ${token.toUpperCase()} here`],
		['cut to its first 12 characters', `token ${token.slice(0, 12)}…`],
		['its last 10 characters', `…${token.slice(-10)}`],
		['Base64 after a user name (Basic)', `auth ${Buffer.from(`client:${token}`).toString('base64')}`],
		['Base64 after a longer user name', `auth ${Buffer.from(`client-id:${token}`).toString('base64')}`],
		['URL-encoded in a query', `url ?t=${encodeURIComponent(`${token}/+`)}`],
	])('hides a secret %s', (_, text) => {
		const out = redact(text, [token]);
		for (let i = 0; i + 8 <= token.length; i++) expect(out.toLowerCase()).not.toContain(token.slice(i, i + 8).toLowerCase());
		expect(out).toContain('[redacted]');
	});

	test('keeps ordinary text', () => {
		expect(redact('The rate 1234 was not found', [token])).toBe('The rate 1234 was not found');
	});

	test('secretsOf finds the secrets of any credential shape', () => {
		expect(secretsOf({ accessToken: 'a1', clientId: 'id', clientSecret: 's1', oauthTokenData: { access_token: 'a2', refresh_token: 'r2', token_type: 'Bearer' } }).sort()).toEqual(['a1', 'a2', 'r2', 's1']);
	});

	test('clip says how much was cut', () => {
		expect(clip('x'.repeat(600))).toMatch(/^x{500}… \[cut: 100 more characters\]$/);
	});
});

describe('checkBody', () => {
	const json = { 'content-type': 'application/json; charset=utf-8' };
	test.each([
		[{ 'content-type': 'text/html' }, '<html/>', 'array', /text\/html instead of JSON/],
		[json, 'hello', 'array', /a text that is not JSON data/],
		[json, { id: 1 }, 'array', /an object where a list belongs/],
		[json, [1], 'object', /a list where an object belongs/],
		[json, '', 'array', /an empty body/],
		[{}, '[]', 'array', /without content type/],
	])('%j %j as %s is refused', (headers, body, expect_, pattern) => {
		expect(checkBody(headers, body, expect_).what).toMatch(pattern);
	});
	test.each([
		[json, [], 'array'],
		[{ 'content-type': 'application/problem+json' }, { a: 1 }, 'object'],
		[{}, '', 'json'],
		[{ 'content-type': 'text/plain' }, 'ok', 'any'],
	])('%j %j as %s is accepted', (headers, body, expect_) => {
		expect(checkBody(headers, body, expect_)).toBeUndefined();
	});
});

/** A context whose HTTP helper answers from `answer(options, call)`. */
function fakeContext(answer) {
	const calls = [];
	return {
		calls,
		getNode: () => ({ id: '1', name: 'Node', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} }),
		getCredentials: async () => ({ accessToken: 'secret-token-value' }),
		helpers: {
			async httpRequestWithAuthentication(type, options) {
				calls.push(options);
				return await answer(options, calls.length);
			},
		},
	};
}
const connection = { vendor: 'Vendor', credentialType: 'x', baseUrl: 'http://127.0.0.1:9', headers: {}, secrets: [], retry: retryPolicy };
const failure = (status, headers = {}) => Object.assign(new Error(`HTTP ${status}`), { response: { status, headers, data: '' } });

describe.each(['PUT', 'DELETE'])('a failed %s', (method) => {
	test('is retried, and the error does not claim otherwise', async () => {
		const ctx = fakeContext(async () => {
			throw failure(503);
		});
		const error = await sendRequest(ctx, connection, { method, url: '/thing/1' }).catch((e) => e);
		expect(ctx.calls).toHaveLength(retryPolicy.maxRetries + 1);
		expect(error.description).toMatch(/Gave up after 5 attempts/);
		expect(error.description).not.toMatch(/not retried/);
	});
});

test('a POST 500 is not retried and says so', async () => {
	const ctx = fakeContext(async () => {
		throw failure(500);
	});
	const error = await sendRequest(ctx, connection, { method: 'POST', url: '/thing', body: {} }).catch((e) => e);
	expect(ctx.calls).toHaveLength(1);
	expect(error.description).toMatch(/not retried automatically/);
});

test('every attempt carries the remaining deadline, and redirects are the kernel\'s to follow', async () => {
	const ctx = fakeContext(async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: [] }));
	await sendRequest(ctx, connection, { method: 'GET', url: '/x', deadline: { atMs: Date.now() + 5000, label: 'a test' } });
	const [options] = ctx.calls;
	expect(options.disableFollowRedirect).toBe(true);
	expect(options.sendCredentialsOnCrossOriginRedirect).toBe(false);
	expect(options.timeout).toBeLessThanOrEqual(5000);
	expect(options.abortSignal).toBeDefined();
});

test('a Retry-After beyond the deadline is not slept on: a deadline error says what was waited for', async () => {
	const ctx = fakeContext(async () => {
		throw failure(429, { 'retry-after': '120' });
	});
	const error = await sendRequest(ctx, connection, { method: 'GET', url: '/x', deadline: { atMs: Date.now() + 60_000, label: "the poll's time budget" } }).catch((e) => e);
	expect(isDeadlineError(error)).toBe(true);
	expect(error.message).toBe("Vendor asked to wait 120 s (Retry-After), beyond the poll's time budget");
	expect(ctx.calls).toHaveLength(1);
});
