'use strict';
// Self-check of the stand-in core (dev/standin/core.js) that every vendor stand-in is built on.
const core = require('./support/standin/core');

let srv;
const items = Array.from({ length: 45 }, (_, i) => ({ id: i + 1 }));

beforeAll(async () => {
	const routes = core.createRouter();
	routes.add('GET', /^\/spring$/, (ctx) => core.sendJson(ctx, 200, core.springPage(items, core.springPaging(ctx.query, { defaultSize: 20, maxSize: 10 }))));
	routes.add('GET', /^\/link$/, (ctx) => {
		const { page, links } = core.linkOffsetPage({ items, skip: Number(ctx.query.skip || 0), limit: 20, base: `${ctx.origin}/link?`, params: [['q', 'a b']] });
		core.sendJson(ctx, 200, page, { Link: core.formatLinks(links, 'joined') });
	});
	routes.add('POST', /^\/echo\/([^/]+)$/, (ctx, [name]) => {
		const json = core.readJson(ctx);
		if (json.error) return core.springError(ctx, 400, `Required request body is missing or unreadable (${name})`);
		return core.sendJson(ctx, 200, { name, body: json.value });
	});
	srv = await core.startServer({
		name: 'core-test',
		maxBodyBytes: 64,
		control: { touch: (arg) => ({ touched: arg.n }) },
		async handle(ctx) {
			const f = srv.faults.take(ctx);
			if (f) return core.sendFault(ctx, f);
			const hit = routes.match(ctx);
			if (!hit) return core.sendJson(ctx, 404, { message: 'Not Found' });
			if (hit.notAllowed) return core.send(ctx, 405, { Allow: hit.allow }, null);
			return hit.handler(ctx, hit.params);
		},
	});
});
afterAll(() => srv.close());

const get = (p, init) => fetch(srv.url + p, init);

test('listens on 127.0.0.1 and logs every vendor request with its status, not the control calls', async () => {
	expect(srv.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	srv.log.clear();
	await get('/nowhere');
	await get('/__standin/health');
	expect(srv.log.entries.map((e) => [e.method, e.path, e.status])).toEqual([['GET', '/nowhere', 404]]);
	const logged = await (await get('/__standin/requests')).json();
	expect(logged.map((e) => e.path)).toEqual(['/nowhere']);
});

test('Spring pages report the size used: an asked size above the cap is lowered silently', async () => {
	const body = await (await get('/spring?page=1&size=50')).json();
	expect(body.page).toEqual({ number: 1, size: 10, totalElements: 45, totalPages: 5 });
	expect(body.content.map((x) => x.id)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
	const last = await (await get('/spring?page=4&size=10')).json();
	expect(last.content.map((x) => x.id)).toEqual([41, 42, 43, 44, 45]);
	const beyond = await (await get('/spring?page=9&size=-3')).json();
	expect(beyond).toEqual({ content: [], page: { number: 9, size: 10, totalElements: 45, totalPages: 5 } });
});

test('Link pages carry next/prev/last/first with the fixed parameters kept', async () => {
	const res = await get('/link?skip=20');
	const link = res.headers.get('link');
	expect(link).toContain(`<${srv.url}/link?q=a%20b&skip=40&limit=20>; rel="next"`);
	expect(link).toContain('skip=0&limit=20>; rel="prev"');
	expect(link).toContain('skip=40&limit=20>; rel="last"');
	expect((await res.json()).length).toBe(20);
});

test('fault sequences answer in order, let null steps through, then stop', async () => {
	srv.faults.sequence({ path: '/link' }, [503, null, { status: 429, retryAfter: 2 }]);
	const a = await get('/link');
	const b = await get('/link');
	const c = await get('/link');
	const d = await get('/link');
	expect([a.status, b.status, c.status, d.status]).toEqual([503, 200, 429, 200]);
	expect(c.headers.get('retry-after')).toBe('2');
	expect(srv.faults.sequences).toHaveLength(0);
});

test('control endpoints add faults, set latency and call vendor actions', async () => {
	await get('/__standin/faults', { method: 'POST', body: JSON.stringify({ pathRegex: '^/sp', status: 502, times: 2 }) });
	expect((await get('/spring')).status).toBe(502);
	expect((await get('/spring')).status).toBe(502);
	expect((await get('/spring')).status).toBe(200);
	const lat = await (await get('/__standin/latency', { method: 'POST', body: '{"ms":5}' })).json();
	expect(lat).toEqual({ latencyMs: 5 });
	srv.setLatency(0);
	expect(await (await get('/__standin/touch', { method: 'POST', body: '{"n":3}' })).json()).toEqual({ touched: 3 });
});

test('bodies: JSON read, Spring 400 for a broken one, size cap flagged, 405 names the methods', async () => {
	const ok = await get('/echo/x%20y', { method: 'POST', body: '{"a":1}' });
	expect(await ok.json()).toEqual({ name: 'x y', body: { a: 1 } });
	const broken = await get('/echo/z', { method: 'POST', body: '{"a":' });
	expect(broken.status).toBe(400);
	expect(await broken.json()).toMatchObject({ status: 400, error: 'Bad Request', message: 'Required request body is missing or unreadable (z)', path: '/echo/z' });
	const big = await get('/echo/z', { method: 'POST', body: JSON.stringify({ a: 'x'.repeat(100) }) });
	expect(big.status).toBe(400);
	const wrong = await get('/echo/z');
	expect(wrong.status).toBe(405);
	expect(wrong.headers.get('allow')).toBe('POST');
});
