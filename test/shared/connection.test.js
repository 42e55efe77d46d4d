'use strict';
/**
 * The connection builder on its own, against a fake n8n context that logs every request:
 * the credential read once per context (or afresh), a retry policy per connection, base URL and
 * secrets resolved after authentication and again after a renewal.
 */
const { openConnection, perContext, setRetryPolicy, builtFor } = require('../../dist/nodes/shared/transport/connection');
const { DEFAULT_RETRY_POLICY } = require('../../dist/nodes/shared/transport/retry');

function fakeContext({ credential, answer }) {
	const node = { id: 'n', name: 'Test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {}, credentials: { testApi: { id: 'c1', name: 'Test' } } };
	const ctx = {
		stored: { ...credential },
		reads: 0,
		calls: [],
		getNode: () => node,
		async getCredentials() {
			ctx.reads++;
			return { ...ctx.stored };
		},
		helpers: {
			async httpRequestWithAuthentication(type, options, extra) {
				const data = extra?.credentialsDecrypted?.data;
				if (data && data.accessToken === '') {
					// n8n runs preAuthentication and merges its output into the object it was handed.
					Object.assign(data, { accessToken: 'token-2', endpointUrl: 'http://127.0.0.1:2' });
					ctx.stored = { ...data };
				}
				ctx.calls.push({ url: options.url, token: data?.accessToken });
				return answer(ctx.calls.length, options);
			},
		},
	};
	return ctx;
}

const ok = () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: { ok: true } });
const unavailable = () => {
	const error = new Error('Service Unavailable');
	error.httpCode = '503';
	error.response = { status: 503, headers: {}, data: {} };
	return Promise.reject(error);
};

const spec = (extra = {}) => ({
	vendor: 'Test',
	credentialType: 'testApi',
	resolve: (data) => ({ baseUrl: data.endpointUrl ?? 'http://127.0.0.1:1', headers: { 'X-Tenant': String(data.tenant ?? '') } }),
	secretsOf: (data) => [data.apiKey, data.accessToken].filter(Boolean),
	...extra,
});

describe('connection builder', () => {
	test('the credential is read once per context and key; fresh reads it again', async () => {
		const ctx = fakeContext({ credential: { apiKey: 'k-123456789', tenant: 't1' }, answer: ok });
		const open = () => openConnection(ctx, spec());
		const a = await perContext(ctx, 'test', open);
		const b = await perContext(ctx, 'test', open);
		expect(a).toBe(b);
		expect(ctx.reads).toBe(1);
		expect(await builtFor(ctx, 'test')).toBe(a);
		expect(await builtFor(ctx, 'other')).toBeUndefined();
		const c = await perContext(ctx, 'test', open, true);
		expect(c).not.toBe(a);
		expect(ctx.reads).toBe(2);
		// Another context (the next execution) reads it again.
		const other = fakeContext({ credential: { apiKey: 'k-123456789' }, answer: ok });
		await perContext(other, 'test', () => openConnection(other, spec()));
		expect(other.reads).toBe(1);
	});

	test('a failed build is forgotten, so the next call tries again', async () => {
		const ctx = fakeContext({ credential: { apiKey: 'k' }, answer: ok });
		let tries = 0;
		const open = async () => {
			tries++;
			if (tries === 1) throw new Error('no credential');
			return await openConnection(ctx, spec());
		};
		await expect(perContext(ctx, 'k', open)).rejects.toThrow('no credential');
		await expect(perContext(ctx, 'k', open)).resolves.toBeDefined();
		expect(tries).toBe(2);
	});

	test('each connection has its own retry policy; the default is frozen', async () => {
		expect(Object.isFrozen(DEFAULT_RETRY_POLICY)).toBe(true);
		const ctxA = fakeContext({ credential: { apiKey: 'k' }, answer: unavailable });
		const ctxB = fakeContext({ credential: { apiKey: 'k' }, answer: unavailable });
		const a = await openConnection(ctxA, spec({ retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 1, baseDelayMs: 1, maxDelayMs: 2 } }));
		setRetryPolicy(ctxB.getNode(), { ...DEFAULT_RETRY_POLICY, maxRetries: 3, baseDelayMs: 1, maxDelayMs: 2 });
		const b = await openConnection(ctxB, spec());
		await expect(a.request({ method: 'GET', url: '/x' })).rejects.toThrow();
		await expect(b.request({ method: 'GET', url: '/x' })).rejects.toThrow();
		expect(ctxA.calls).toHaveLength(2);
		expect(ctxB.calls).toHaveLength(4);
		// A node without a policy of its own gets the default.
		const ctxC = fakeContext({ credential: { apiKey: 'k' }, answer: ok });
		expect((await openConnection(ctxC, spec())).vendor.retry).toBe(DEFAULT_RETRY_POLICY);
	});

	test('base URL, headers and secrets come from the authenticated credential, and again after a renewal', async () => {
		let renewNow = false;
		const ctx = fakeContext({ credential: { apiKey: 'k-123456789', accessToken: 'token-1', endpointUrl: 'http://127.0.0.1:1', tenant: 't1' }, answer: ok });
		const conn = await openConnection(
			ctx,
			spec({ expirable: { field: 'accessToken', isDue: () => renewNow } }),
		);
		await conn.request({ method: 'GET', url: '/a' });
		expect(ctx.calls[0]).toEqual({ url: 'http://127.0.0.1:1/a', token: 'token-1' });
		expect(conn.vendor.headers).toEqual({ 'X-Tenant': 't1' });
		renewNow = true;
		await conn.request({ method: 'GET', url: '/b' });
		renewNow = false;
		await conn.request({ method: 'GET', url: '/c' });
		expect(conn.renewals()).toBe(1);
		// The token call taught a new endpoint: the next request goes there, with the new token.
		expect(ctx.calls[2]).toEqual({ url: 'http://127.0.0.1:2/c', token: 'token-2' });
		expect(conn.vendor.secrets).toEqual(expect.arrayContaining(['k-123456789', 'token-1', 'token-2']));
		expect(ctx.reads).toBe(1);
	});

	test('secrets of one request are kept out of errors of that connection', async () => {
		const ctx = fakeContext({ credential: { apiKey: 'k' }, answer: ok });
		const conn = await openConnection(ctx, spec());
		conn.addSecrets(['p@ssw0rd-of-a-new-user', '', undefined]);
		expect(conn.vendor.secrets).toEqual(['k', 'p@ssw0rd-of-a-new-user']);
	});
});
