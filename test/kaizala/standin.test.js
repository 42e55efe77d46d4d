'use strict';
/** The Kaizala stand-in keeps the real service's hard edges (a stand-in easier than Kaizala would let tests lie). */
const http = require('http');
const { startKaizalaStandIn } = require('./helpers');

let s;
beforeAll(async () => {
	s = await startKaizalaStandIn();
});
afterAll(async () => s.close());

async function token() {
	const res = await fetch(`${s.apiRoot}/accessToken`, {
		headers: { applicationId: s.applicationId, applicationSecret: s.applicationSecret, refreshToken: s.initialRefreshToken },
	});
	return await res.json();
}

test('the API root serves only the token service (ASP.NET {"Message"} 404 for API paths)', async () => {
	const { accessToken } = await token();
	const res = await fetch(`${s.apiRoot}/groups`, { headers: { accessToken } });
	expect(res.status).toBe(404);
	expect(Object.keys(await res.json())).toEqual(['Message']);
});

test('a 308 names the new base URL: a client that follows it lands on "/" and gets 404', async () => {
	const t = await startKaizalaStandIn();
	try {
		const res0 = await fetch(`${t.apiRoot}/accessToken`, { headers: { applicationId: t.applicationId, applicationSecret: t.applicationSecret, refreshToken: t.initialRefreshToken } });
		const { accessToken, endpointUrl } = await res0.json();
		const moved = await t.move();
		const manual = await fetch(`${endpointUrl}/v1/groups`, { headers: { accessToken }, redirect: 'manual' });
		expect(manual.status).toBe(308);
		expect(manual.headers.get('location')).toBe(moved);
		const followed = await fetch(`${endpointUrl}/v1/groups`, { headers: { accessToken } });
		expect(followed.status).toBe(404);
	} finally {
		await t.close();
	}
});

test('JSON property names are matched case-insensitively, as ASP.NET does', async () => {
	const { accessToken, endpointUrl } = await token();
	const res = await fetch(`${endpointUrl}/v1/groups/g-front/messages`, {
		method: 'POST',
		headers: { accessToken, 'content-type': 'application/json' },
		body: JSON.stringify({ Message: 'case' }),
	});
	expect(res.status).toBe(200);
});

test('webhook registration validates the callback: a JSON-quoted echo is refused, a plain one accepted', async () => {
	const { accessToken, endpointUrl } = await token();
	let quote = true;
	const cb = http.createServer((req, res) => {
		const t = new URL(req.url, 'http://x').searchParams.get('validationToken');
		res.writeHead(200, { 'content-type': quote ? 'application/json' : 'text/plain' });
		res.end(quote ? JSON.stringify(t) : t);
	});
	await new Promise((r) => cb.listen(0, '127.0.0.1', r));
	const register = () =>
		fetch(`${endpointUrl}/v1/webhook`, {
			method: 'POST',
			headers: { accessToken, 'content-type': 'application/json' },
			body: JSON.stringify({ objectId: 'g-front', objectType: 'Group', eventTypes: ['TextMessageCreated'], callBackUrl: `http://127.0.0.1:${cb.address().port}/hook`, callBackToken: 'x' }),
		});
	try {
		expect((await register()).status).toBe(400);
		quote = false;
		expect((await register()).status).toBe(200);
	} finally {
		await new Promise((r) => cb.close(r));
	}
});

test('429 with Retry-After once the window is used up', async () => {
	const t = await startKaizalaStandIn({ rateLimit: { calls: 2, windowMs: 60_000 } });
	try {
		const res0 = await fetch(`${t.apiRoot}/accessToken`, { headers: { applicationId: t.applicationId, applicationSecret: t.applicationSecret, refreshToken: t.initialRefreshToken } });
		const { accessToken, endpointUrl } = await res0.json();
		const statuses = [];
		let retryAfter;
		for (let i = 0; i < 3; i++) {
			const r = await fetch(`${endpointUrl}/v1/groups`, { headers: { accessToken } });
			statuses.push(r.status);
			retryAfter = r.headers.get('retry-after');
		}
		expect(statuses).toEqual([200, 200, 429]);
		expect(Number(retryAfter)).toBeGreaterThan(0);
	} finally {
		await t.close();
	}
});
