/**
 * RFC 8288 `Link` paging shared by every vendor whose API pages that way.
 *
 * - `followNext` walks `rel="next"` links one page at a time (cursor paging, where the next
 *   page is only known from the previous answer). It stops at a missing link, an empty page,
 *   or the item limit, and never asks for a page the limit does not need.
 * - `collectOffsetPages` handles offset paging whose `last` link tells every page's offset
 *   after the first answer: the remaining pages are fetched concurrently with a small bound,
 *   the API's order is kept, and only the pages the limit needs are fetched. Whatever cannot
 *   be derived safely falls back to `followNext`.
 */
import { findLink, parseLinkHeader } from './linkHeader';
import type { ParsedLink } from './linkHeader';
import { headerValue } from './errors';
import type { HttpResponse } from './request';

export interface Page<T> {
	items: T[];
	links: ParsedLink[];
	url: string;
}

/** Fetches one page: the first with (path, qs), later ones by absolute URL. */
export type PageFetcher<T> = (url: string) => Promise<Page<T>>;

/** A hard bound on pages in one listing, so that a looping server cannot spin forever. */
export const MAX_PAGES = 100_000;

/** Turns a full response whose body is a bare JSON array into a page. */
export function toPage<T>(response: HttpResponse<unknown>): Page<T> {
	const body = response.body;
	const items = Array.isArray(body) ? (body as T[]) : body === '' || body === undefined || body === null ? [] : [body as T];
	return {
		items,
		links: parseLinkHeader(headerValue(response.headers, 'link'), response.url),
		url: response.url,
	};
}

export interface CollectOptions {
	/** Stop after this many items; undefined = all. */
	limit?: number;
	/** Called with each page as it arrives; return false to stop early. */
	onPage?: (page: Page<unknown>) => boolean | void;
}

/** Follows `next` links from `firstUrl`, sequentially. */
export async function followNext<T>(
	fetchPage: PageFetcher<T>,
	firstUrl: string,
	options: CollectOptions = {},
	already: T[] = [],
): Promise<T[]> {
	const out = already;
	const seen = new Set<string>();
	let url: string | undefined = firstUrl;
	for (let pages = 0; url !== undefined && pages < MAX_PAGES; pages++) {
		if (seen.has(url)) break;
		seen.add(url);
		const page = await fetchPage(url);
		for (const item of page.items) out.push(item);
		if (options.limit !== undefined && out.length >= options.limit) return out.slice(0, options.limit);
		if (options.onPage && options.onPage(page as Page<unknown>) === false) break;
		url = page.items.length > 0 ? findLink(page.links, 'next') : undefined;
	}
	return out;
}

/** Runs `tasks` with at most `concurrency` in flight; results keep the tasks' order. */
export async function mapBounded<R>(count: number, concurrency: number, task: (i: number) => Promise<R>): Promise<R[]> {
	const results = new Array<R>(count);
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const index = next++;
			results[index] = await task(index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	return results;
}

interface OffsetPlan {
	urls: string[];
}

function offsetOf(url: URL, param: string): number | undefined {
	const raw = url.searchParams.get(param);
	if (raw === null) return 0;
	return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

/** Everything but the offset parameter must agree between two links. */
function sameExceptOffset(a: URL, b: URL, param: string): boolean {
	if (a.origin !== b.origin || a.pathname !== b.pathname) return false;
	const strip = (u: URL) => {
		const p = new URLSearchParams(u.searchParams);
		p.delete(param);
		p.sort();
		return p.toString();
	};
	return strip(a) === strip(b);
}

/** The URLs of every page after the first, derived from its `next` and `last` links. */
function planOffsetPages(first: Page<unknown>, param: string): OffsetPlan | undefined {
	const nextLink = findLink(first.links, 'next');
	const lastLink = findLink(first.links, 'last');
	if (!nextLink || !lastLink) return undefined;
	const current = new URL(first.url);
	const next = new URL(nextLink);
	const last = new URL(lastLink);
	if (!sameExceptOffset(next, last, param)) return undefined;
	const start = offsetOf(current, param);
	const nextOffset = offsetOf(next, param);
	const lastOffset = offsetOf(last, param);
	if (start === undefined || nextOffset === undefined || lastOffset === undefined) return undefined;
	const step = nextOffset - start;
	if (step <= 0 || lastOffset < nextOffset || (lastOffset - nextOffset) % step !== 0) return undefined;
	const count = (lastOffset - nextOffset) / step + 1;
	if (count > MAX_PAGES) return undefined;
	const urls: string[] = [];
	for (let i = 0; i < count; i++) {
		const u = new URL(next.toString());
		u.searchParams.set(param, String(nextOffset + i * step));
		urls.push(u.toString());
	}
	return { urls };
}

export interface OffsetOptions extends CollectOptions {
	/** The query parameter that carries the offset ("skip"). */
	offsetParam: string;
	/** Pages in flight at once after the first answer. */
	concurrency: number;
}

/** Offset-paged list: first page, then the rest concurrently (bounded), in the API's order. */
export async function collectOffsetPages<T>(
	fetchPage: PageFetcher<T>,
	firstUrl: string,
	options: OffsetOptions,
): Promise<T[]> {
	const first = await fetchPage(firstUrl);
	const out: T[] = [...first.items];
	if (options.limit !== undefined && out.length >= options.limit) return out.slice(0, options.limit);
	if (first.items.length === 0) return out;
	const plan = planOffsetPages(first as Page<unknown>, options.offsetParam);
	if (!plan) {
		const nextUrl = findLink(first.links, 'next');
		return nextUrl ? followNext(fetchPage, nextUrl, options, out) : out;
	}
	let urls = plan.urls;
	if (options.limit !== undefined) {
		const pageSize = first.items.length;
		const needed = Math.ceil((options.limit - out.length) / pageSize);
		urls = urls.slice(0, needed);
	}
	const pages = await mapBounded(urls.length, options.concurrency, (i) => fetchPage(urls[i]));
	for (const page of pages) for (const item of page.items) out.push(item);
	if (options.limit !== undefined && out.length >= options.limit) return out.slice(0, options.limit);
	// The list may have grown while it was read: continue from the last page's own next link.
	const lastPage = pages[pages.length - 1];
	const more = lastPage && lastPage.items.length > 0 ? findLink(lastPage.links, 'next') : undefined;
	return more ? followNext(fetchPage, more, options, out) : out;
}
