'use strict';
/**
 * The Spring page/size strategy against a tiny Spring-style server on 127.0.0.1: what is asked
 * (page, size), how many pages are fetched, what comes back, and the server's silent size cap.
 */
const http = require('http');
const { springPages, springFetcher, springPageOf } = require('../../dist/nodes/shared/transport/paging');
const { PagingGuard } = require('../../dist/nodes/shared/transport/pagingGuard');

const node = { id: 'n1', name: 'Paging test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

/** A Spring Data list: `?page&size` (0-based), `size` silently capped at `cap`, `{content, page:{...}}`. */
function springServer({ total = 250, cap = 100, latencyMs = 5, pageParam = 'page', sizeParam = 'size', flat = false, base = 0 } = {}) {
	const state = { rows: Array.from({ length: total }, (_, i) => ({ id: i, name: `row ${i}` })), requests: [], inFlight: 0, maxInFlight: 0, wrongNumber: false };
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		const page = Number(url.searchParams.get(pageParam) ?? base);
		const size = Math.min(Number(url.searchParams.get(sizeParam) ?? 20), cap);
		state.requests.push({ page: url.searchParams.get(pageParam), size: url.searchParams.get(sizeParam) });
		state.inFlight++;
		state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
		setTimeout(() => {
			state.inFlight--;
			const content = state.rows.slice((page - base) * size, (page - base) * size + size);
			// As Spring: with one-indexed-parameters only the request counts from 1; `number` counts from 0.
			const meta = { number: (state.wrongNumber ? page + 1 : page) - base, size, totalElements: state.rows.length, totalPages: Math.ceil(state.rows.length / size) };
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify(flat ? { content, ...meta } : { content, page: meta }));
		}, latencyMs);
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			state.url = `http://127.0.0.1:${server.address().port}/api/v3/rows`;
			state.close = () => new Promise((r) => server.close(r));
			resolve(state);
		});
	});
}

/** A fetcher over real HTTP, as a node's transport builds it (send = one GET with the page query). */
function fetcherFor(s, params) {
	return springFetcher(async (pageQuery) => {
		const url = new URL(s.url);
		url.searchParams.set('sort', 'id');
		for (const [k, v] of Object.entries(pageQuery)) url.searchParams.set(k, String(v));
		const response = await fetch(url);
		return { statusCode: response.status, headers: {}, body: await response.json(), url: url.toString() };
	}, params);
}

const guard = (maxPages) => new PagingGuard({ node, vendor: 'Spring test', maxPages });
const ids = (rows) => rows.map((r) => r.id);
const range = (n) => Array.from({ length: n }, (_, i) => i);

let s;
afterEach(async () => {
	await s?.close();
	s = undefined;
});

describe('Spring page/size strategy', () => {
	test('Return All: every page once, in order, later pages asked with the size of the first answer', async () => {
		s = await springServer({ total: 250, cap: 100 });
		const rows = await springPages(fetcherFor(s), { pageSize: 100, concurrency: 4 }).collect({ guard: guard() });
		expect(ids(rows)).toEqual(range(250));
		expect(s.requests).toHaveLength(3);
		expect(s.requests.map((r) => r.page).sort()).toEqual(['0', '1', '2']);
		expect(s.requests.every((r) => r.size === '100')).toBe(true);
	});

	test('a silent size cap: planned from the size the answer reports, never the size asked', async () => {
		s = await springServer({ total: 250, cap: 40 });
		const rows = await springPages(fetcherFor(s), { pageSize: 100, concurrency: 4 }).collect({ guard: guard() });
		expect(ids(rows)).toEqual(range(250));
		// ceil(250 / 40) = 7 pages: asking page 1..2 of size 100 would have skipped rows 40-99 and 140-199.
		expect(s.requests).toHaveLength(7);
		expect(s.requests[0]).toEqual({ page: '0', size: '100' });
		expect(s.requests.slice(1).every((r) => r.size === '40')).toBe(true);
		expect(s.requests.map((r) => Number(r.page)).sort((a, b) => a - b)).toEqual(range(7));
	});

	test('Limit stops early: only the pages the limit needs are fetched', async () => {
		s = await springServer({ total: 1000, cap: 40 });
		const rows = await springPages(fetcherFor(s), { pageSize: 100, concurrency: 4 }).collect({ limit: 90, guard: guard() });
		expect(ids(rows)).toEqual(range(90));
		// Asked size 90, capped to 40: 40 + 40 + 40 >= 90, so pages 0, 1, 2 and nothing more.
		expect(s.requests).toHaveLength(3);
		expect(s.requests[0]).toEqual({ page: '0', size: '90' });
	});

	test('a Limit below one page asks for that many rows in one request', async () => {
		s = await springServer({ total: 1000, cap: 100 });
		const rows = await springPages(fetcherFor(s), { pageSize: 100, concurrency: 4 }).collect({ limit: 5, guard: guard() });
		expect(ids(rows)).toEqual(range(5));
		expect(s.requests).toEqual([{ page: '0', size: '5' }]);
	});

	test('a Limit that ends inside a page returns exactly Limit rows', async () => {
		s = await springServer({ total: 1000, cap: 100 });
		const rows = await springPages(fetcherFor(s), { pageSize: 100, concurrency: 4 }).collect({ limit: 150, guard: guard() });
		expect(ids(rows)).toEqual(range(150));
		expect(s.requests).toHaveLength(2);
	});

	test('pages after the first are fetched concurrently, never more than the bound at once', async () => {
		s = await springServer({ total: 2000, cap: 100, latencyMs: 30 });
		const rows = await springPages(fetcherFor(s), { pageSize: 100, concurrency: 4 }).collect({ guard: guard() });
		expect(rows).toHaveLength(2000);
		expect(s.requests).toHaveLength(20);
		expect(s.maxInFlight).toBeGreaterThan(1);
		expect(s.maxInFlight).toBeLessThanOrEqual(4);
	});

	test('an empty list costs one request; a list that shrank ends at its empty page', async () => {
		s = await springServer({ total: 0 });
		expect(await springPages(fetcherFor(s), { pageSize: 100, concurrency: 4 }).collect({ guard: guard() })).toEqual([]);
		expect(s.requests).toHaveLength(1);
		await s.close();

		s = await springServer({ total: 500, cap: 100 });
		const fetchPage = fetcherFor(s);
		const shrinking = async (page, size) => {
			const answer = await fetchPage(page, size);
			if (page === 0) s.rows.length = 250; // rows deleted after the first answer promised 5 pages
			return answer;
		};
		const rows = await springPages(shrinking, { pageSize: 100, concurrency: 1 }).collect({ guard: guard() });
		expect(ids(rows)).toEqual(range(250));
		expect(s.requests.map((r) => r.page)).toEqual(['0', '1', '2', '3']);
	});

	test('a list that grew while it was read is followed to its new end', async () => {
		s = await springServer({ total: 200, cap: 100 });
		const fetchPage = fetcherFor(s);
		const growing = async (page, size) => {
			if (page === 1) for (let i = 200; i < 260; i++) s.rows.push({ id: i });
			return await fetchPage(page, size);
		};
		const rows = await springPages(growing, { pageSize: 100, concurrency: 4 }).collect({ guard: guard() });
		expect(ids(rows)).toEqual(range(260));
		expect(s.requests.map((r) => r.page)).toEqual(['0', '1', '2']);
	});

	test('parameter names are the endpoint\'s own, and the older flat answer is read', async () => {
		s = await springServer({ total: 30, cap: 10, pageParam: 'pageNumber', sizeParam: 'pageSize', flat: true });
		const rows = await springPages(fetcherFor(s, { page: 'pageNumber', size: 'pageSize' }), { pageSize: 10, concurrency: 2 }).collect({ guard: guard() });
		expect(ids(rows)).toEqual(range(30));
		expect(s.requests.map((r) => r.page).sort()).toEqual(['0', '1', '2']);
	});

	test('a one-based endpoint (firstPage 1) is read from page 1', async () => {
		s = await springServer({ total: 25, cap: 10, base: 1 });
		const rows = await springPages(fetcherFor(s), { pageSize: 10, concurrency: 4, firstPage: 1 }).collect({ guard: guard() });
		expect(ids(rows)).toEqual(range(25));
		expect(s.requests.map((r) => r.page).sort()).toEqual(['1', '2', '3']);
	});

	test('an answer for another page than the one asked stops the listing with a clear error', async () => {
		s = await springServer({ total: 300, cap: 100 });
		s.wrongNumber = true;
		await expect(springPages(fetcherFor(s), { pageSize: 100, concurrency: 4 }).collect({ guard: guard() })).rejects.toThrow(
			/answered page 1 when page 0 was asked/,
		);
		expect(s.requests).toHaveLength(1);
	});

	test('a totalPages beyond the page bound is refused before any further page is fetched', async () => {
		s = await springServer({ total: 5000, cap: 10 });
		await expect(springPages(fetcherFor(s), { pageSize: 10, concurrency: 4 }).collect({ guard: guard(50) })).rejects.toThrow(
			/more pages, more than is plausible/,
		);
		expect(s.requests).toHaveLength(1);
	});

	test('a list answer that is not a page stops the listing with the vendor\'s error', async () => {
		const notAPage = springFetcher(async () => ({ statusCode: 200, headers: {}, body: { items: [] }, url: 'http://127.0.0.1/api/v3/rows?page=0&size=100' }));
		const error = await springPages(notAPage, { pageSize: 100, concurrency: 4 }).collect({ guard: guard() }).catch((e) => e);
		expect(error.constructor.name).toBe('NodeApiError');
		expect(error.message).toBe('Spring test answered a list request with something that is not a page');
		expect(error.description).toMatch(/has no "content" list/);
	});

	test('an answer that is not a Spring page is never read as an empty list', () => {
		const at = (body) => springPageOf({ statusCode: 200, headers: {}, body, url: 'http://127.0.0.1/x' });
		expect(at([]).problem).toMatch(/no "content" list/);
		expect(at({ content: [] }).problem).toMatch(/lacks page number, size or totalPages/);
		const page = at({ content: [{ id: 1 }], page: { number: 0, size: 20, totalElements: 41 } });
		expect(page.totalPages).toBe(3);
		expect(page.problem).toBeUndefined();
	});
});
