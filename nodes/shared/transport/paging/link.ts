/**
 * RFC 8288 `Link` paging (see index.ts for the strategy interface).
 *
 * - `followNext` walks `rel="next"` links one page at a time (cursor paging, where the next
 *   page is only known from the previous answer). It stops at a missing link, an empty page,
 *   or the item limit, and never asks for a page the limit does not need.
 * - `collectOffsetPages` handles offset paging whose `last` link tells every page's offset
 *   after the first answer: the remaining pages are fetched concurrently with a small bound,
 *   window by window, the API's order is kept, and only the pages the limit needs are fetched.
 *   An empty page ends the listing early (the list shrank, or `last` promised too much).
 *   Whatever cannot be derived safely falls back to `followNext`.
 * Both run under the listing's `PagingGuard` (repeated URLs, pages adding nothing new,
 * implausible `last`, a page bound).
 */
import { findLink, parseLinkHeader } from '../linkHeader';
import type { ParsedLink } from '../linkHeader';
import { headerValue } from '../errors';
import type { PagingGuard } from '../pagingGuard';
import type { HttpResponse } from '../request';
import { mapBounded } from './bounded';
import type { PagingRun, PagingStrategy } from './types';

export interface Page<T> {
	items: T[];
	links: ParsedLink[];
	url: string;
}

/** Fetches one page: the first with (path, qs), later ones by absolute URL. */
export type PageFetcher<T> = (url: string) => Promise<Page<T>>;

/**
 * Turns a full response whose body is a JSON array into a page. The kernel has already
 * refused any other body (`expect: 'array'`); this check keeps a wrong shape from ever
 * becoming data or an empty page.
 */
export function toPage<T>(response: HttpResponse<unknown>): Page<T> {
	const body = response.body;
	if (!Array.isArray(body)) {
		throw new Error(`The answer of ${response.url} is not a JSON list`);
	}
	return {
		items: body as T[],
		links: parseLinkHeader(headerValue(response.headers, 'link'), response.url),
		url: response.url,
	};
}

/** Stop after `limit` items (undefined = all), every page under `guard`. */
export type CollectOptions = PagingRun;

async function guardedFetch<T>(fetchPage: PageFetcher<T>, url: string, guard: PagingGuard): Promise<Page<T>> {
	guard.beforePage(url);
	const page = await fetchPage(url);
	guard.afterPage(page.items, url);
	return page;
}

/** Follows `next` links from `firstUrl`, sequentially. */
export async function followNext<T>(
	fetchPage: PageFetcher<T>,
	firstUrl: string,
	options: CollectOptions,
	already: T[] = [],
): Promise<T[]> {
	const out = already;
	let url: string | undefined = firstUrl;
	while (url !== undefined) {
		const page: Page<T> = await guardedFetch(fetchPage, url, options.guard);
		for (const item of page.items) out.push(item);
		if (options.limit !== undefined && out.length >= options.limit) return out.slice(0, options.limit);
		url = page.items.length > 0 ? findLink(page.links, 'next') : undefined;
	}
	return out;
}

interface OffsetPlan {
	urls: string[];
	lastUrl: string;
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
function planOffsetPages(first: Page<unknown>, param: string, guard: PagingGuard): OffsetPlan | undefined {
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
	guard.checkPlan(count, lastLink);
	const urls: string[] = [];
	for (let i = 0; i < count; i++) {
		const u = new URL(next.toString());
		u.searchParams.set(param, String(nextOffset + i * step));
		urls.push(u.toString());
	}
	return { urls, lastUrl: lastLink };
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
	const { guard } = options;
	const first = await guardedFetch(fetchPage, firstUrl, guard);
	const out: T[] = [...first.items];
	if (options.limit !== undefined && out.length >= options.limit) return out.slice(0, options.limit);
	if (first.items.length === 0) return out;
	const plan = planOffsetPages(first as Page<unknown>, options.offsetParam, guard);
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
	let lastPage: Page<T> | undefined;
	// Window by window: a page that comes back empty ends the listing, so a `last` that
	// promised more than there is costs one window, not the whole promise.
	for (let offset = 0; offset < urls.length; offset += options.concurrency) {
		const window = urls.slice(offset, offset + options.concurrency);
		for (const url of window) guard.beforePage(url);
		const pages = await mapBounded(window.length, options.concurrency, (i) => fetchPage(window[i]));
		let ended = false;
		for (let i = 0; i < pages.length && !ended; i++) {
			if (pages[i].items.length === 0) {
				ended = true;
				break;
			}
			guard.afterPage(pages[i].items, window[i]);
			for (const item of pages[i].items) out.push(item);
			lastPage = pages[i];
		}
		if (options.limit !== undefined && out.length >= options.limit) return out.slice(0, options.limit);
		if (ended) return out;
	}
	// The list may have grown while it was read: continue from the last page's own next link.
	const more = lastPage && lastPage.items.length > 0 ? findLink(lastPage.links, 'next') : undefined;
	return more ? followNext(fetchPage, more, options, out) : out;
}

/** Link cursor: `rel="next"` from `firstUrl`, one page at a time. */
export function linkCursor<T>(fetchPage: PageFetcher<T>, firstUrl: string): PagingStrategy<T> {
	return { collect: async (run) => await followNext(fetchPage, firstUrl, run) };
}

/** Link offset: the first page, then every page up to `last`, `concurrency` at a time. */
export function linkOffset<T>(
	fetchPage: PageFetcher<T>,
	firstUrl: string,
	options: { offsetParam: string; concurrency: number },
): PagingStrategy<T> {
	return { collect: async (run) => await collectOffsetPages(fetchPage, firstUrl, { ...run, ...options }) };
}
