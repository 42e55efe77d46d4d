'use strict';
/**
 * The other strategies behind the one interface, driven by page-fetch functions that log what
 * was asked: Link cursor, Link offset, fromDate + hasMore, opaque body cursor.
 */
const { linkCursor, linkOffset, fromDatePages, bodyCursor, readLinkList } = require('../../dist/nodes/shared/transport/paging');
const { PagingGuard } = require('../../dist/nodes/shared/transport/pagingGuard');

const node = { id: 'n1', name: 'Paging test', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
const guard = (maxPages) => new PagingGuard({ node, vendor: 'Paging test', maxPages });
const range = (n, from = 0) => Array.from({ length: n }, (_, i) => ({ id: from + i }));
const ids = (rows) => rows.map((r) => r.id);

/** Offset pages over `rows` by `skip`/`limit`, with `next` and `last` links like RFC 8288 APIs. */
function offsetApi(rows, size) {
	const asked = [];
	const fetchPage = async (url) => {
		asked.push(url);
		const u = new URL(url);
		const skip = Number(u.searchParams.get('skip') ?? 0);
		const items = rows.slice(skip, skip + size);
		const link = (s) => `http://api.test/list?limit=${size}&skip=${s}`;
		const links = [];
		if (skip + size < rows.length) links.push({ rel: ['next'], url: link(skip + size) });
		links.push({ rel: ['last'], url: link(Math.max(0, Math.floor((rows.length - 1) / size) * size)) });
		return { items, links, url };
	};
	return { asked, fetchPage };
}

describe('Link strategies', () => {
	test('cursor: follows next until it ends; Limit stops without the page it does not need', async () => {
		const api = offsetApi(range(25), 10);
		expect(ids(await linkCursor(api.fetchPage, 'http://api.test/list?limit=10&skip=0').collect({ guard: guard() }))).toEqual(ids(range(25)));
		expect(api.asked).toHaveLength(3);
		const limited = offsetApi(range(25), 10);
		expect(await linkCursor(limited.fetchPage, 'http://api.test/list?limit=10&skip=0').collect({ limit: 10, guard: guard() })).toHaveLength(10);
		expect(limited.asked).toHaveLength(1);
	});

	test('offset: planned from last, order kept, Limit fetches only the pages it needs', async () => {
		const api = offsetApi(range(95), 10);
		const all = await linkOffset(api.fetchPage, 'http://api.test/list?limit=10&skip=0', { offsetParam: 'skip', concurrency: 4 }).collect({ guard: guard() });
		expect(ids(all)).toEqual(ids(range(95)));
		expect(api.asked).toHaveLength(10);
		const limited = offsetApi(range(95), 10);
		const some = await linkOffset(limited.fetchPage, 'http://api.test/list?limit=10&skip=0', { offsetParam: 'skip', concurrency: 4 }).collect({ limit: 25, guard: guard() });
		expect(ids(some)).toEqual(ids(range(25)));
		expect(limited.asked).toHaveLength(3);
	});
});

describe('a Link list asked by path', () => {
	/** `get(path, qs)` / `get(url)` as a transport answers them: full responses with a Link header. */
	function linkApi(total, size) {
		const asked = [];
		const get = async (url, qs) => {
			const u = new URL(url, 'http://api.test');
			for (const [k, v] of Object.entries(qs ?? {})) u.searchParams.set(k, String(v));
			asked.push(u.toString());
			const skip = Number(u.searchParams.get('skip') ?? 0);
			const link = (x) => `<http://api.test/list?limit=${size}&skip=${x}>`;
			const rels = [];
			if (skip + size < total) rels.push(`${link(skip + size)}; rel="next"`);
			rels.push(`${link(Math.floor((total - 1) / size) * size)}; rel="last"`);
			return { statusCode: 200, headers: { link: rels.join(', ') }, body: range(Math.max(0, Math.min(size, total - skip)), skip), url: u.toString() };
		};
		return { asked, get };
	}

	test('the first answer is reused, never fetched twice; the rest follow the strategy', async () => {
		for (const how of [{ style: 'cursor' }, { style: 'offset', offsetParam: 'skip', concurrency: 4 }]) {
			const api = linkApi(35, 10);
			const rows = await readLinkList(api.get, '/list', { limit: 10 }, how, { guard: guard() });
			expect(ids(rows)).toEqual(ids(range(35)));
			expect(api.asked).toHaveLength(4);
			expect(new Set(api.asked).size).toBe(4);
			const limited = linkApi(35, 10);
			expect(await readLinkList(limited.get, '/list', { limit: 10 }, how, { limit: 10, guard: guard() })).toHaveLength(10);
			expect(limited.asked).toEqual(['http://api.test/list?limit=10']);
		}
	});
});

describe('fromDate + hasMore', () => {
	const at = (id, second) => ({ referenceId: `a${id}`, creationTime: second });
	const options = (extra) => ({
		fromDate: 0,
		pageSize: 3,
		timeOf: (item) => item.creationTime * 1000,
		keyOf: (item) => item.referenceId,
		what: 'actions',
		...extra,
	});
	/** Actions from `fromDate` (inclusive), `count` at most, oldest first. */
	function actionsApi(actions) {
		const asked = [];
		const fetchPage = async (fromDate, count) => {
			asked.push({ fromDate, count });
			const from = actions.filter((a) => a.creationTime * 1000 >= fromDate);
			return { items: from.slice(0, count), hasMore: from.length > count };
		};
		return { asked, fetchPage };
	}

	test('the next page starts at the newest time seen; records of that moment are not repeated', async () => {
		const api = actionsApi([at(1, 10), at(2, 11), at(3, 12), at(4, 12), at(5, 13), at(6, 14)]);
		const rows = await fromDatePages(api.fetchPage, options({ map: (a) => a.referenceId })).collect({ guard: guard() });
		expect(rows).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6']);
		expect(api.asked[1]).toEqual({ fromDate: 12000, count: 3 });
	});

	test('a page full of one moment doubles count; Limit stops at once', async () => {
		const api = actionsApi([at(1, 10), at(2, 10), at(3, 10), at(4, 10), at(5, 11)]);
		const rows = await fromDatePages(api.fetchPage, options()).collect({ guard: guard() });
		expect(rows.map((a) => a.referenceId)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
		expect(api.asked.map((a) => a.count)).toEqual([3, 3, 6]);
		const limited = actionsApi([at(1, 10), at(2, 11), at(3, 12), at(4, 13)]);
		expect(await fromDatePages(limited.fetchPage, options()).collect({ limit: 2, guard: guard() })).toHaveLength(2);
		expect(limited.asked).toHaveLength(1);
	});

	test('a moment larger than the biggest page stops with a clear error', async () => {
		const api = actionsApi(Array.from({ length: 40 }, (_, i) => at(i, 10)));
		await expect(fromDatePages(api.fetchPage, options({ maxPageSize: 12 })).collect({ guard: guard() })).rejects.toThrow(/more actions at .* than one page can hold \(12\)/);
		expect(api.asked.map((a) => a.count)).toEqual([3, 3, 6, 12]);
	});
});

describe('opaque body cursor', () => {
	function cursorApi(total, size) {
		const asked = [];
		const fetchPage = async (cursor) => {
			asked.push(cursor);
			const start = cursor ? Number(Buffer.from(cursor, 'base64').toString()) : 0;
			const next = start + size < total ? Buffer.from(String(start + size)).toString('base64') : '';
			return { items: range(Math.min(size, total - start), start), cursor: next };
		};
		return { asked, fetchPage };
	}

	test('until no cursor comes back; Limit stops without the next page', async () => {
		const api = cursorApi(120, 50);
		expect(ids(await bodyCursor(api.fetchPage).collect({ guard: guard() }))).toEqual(ids(range(120)));
		expect(api.asked).toHaveLength(3);
		expect(api.asked[0]).toBe('');
		const limited = cursorApi(120, 50);
		expect(await bodyCursor(limited.fetchPage).collect({ limit: 50, guard: guard() })).toHaveLength(50);
		expect(limited.asked).toHaveLength(1);
	});

	test('a cursor that comes back ends the listing; the page bound holds', async () => {
		let n = 0;
		const repeating = async () => ({ items: [{ id: n++ }], cursor: 'same' });
		expect(await bodyCursor(repeating).collect({ guard: guard() })).toHaveLength(2);
		let m = 0;
		const endless = async () => ({ items: [{ id: m }], cursor: `c${m++}` });
		await expect(bodyCursor(endless).collect({ guard: guard(5) })).rejects.toThrow(/went past 5 pages/);
		expect(m).toBe(5);
	});
});
