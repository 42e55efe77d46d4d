/**
 * Spring Data paging: `?page=N&size=S` (0-based by default), answered
 * `{content: [...], page: {number, size, totalElements, totalPages}}` (Spring Data 3.3+
 * `VIA_DTO`), or the older flat form with the same four fields next to `content`.
 *
 * - The first page is asked with `size = min(limit, pageSize)`.
 * - The server may cap `size` silently: every later page is planned from the size and
 *   `totalPages` the first ANSWER reports, and asked with that size, never the size asked.
 * - Pages after the first are fetched `concurrency` at a time, in windows, order kept; only
 *   the pages Limit needs are fetched; an empty page ends the listing (the list shrank).
 * - A list that grew while it was read is followed page by page while the newest answer
 *   reports more pages.
 */
import type { IDataObject } from 'n8n-workflow';

import type { PagingGuard } from '../pagingGuard';
import type { HttpResponse } from '../request';
import { mapBounded } from './bounded';
import { capped, reached } from './types';
import type { PagingRun, PagingStrategy } from './types';

export interface SpringPage<T> {
	items: T[];
	/** The page number the answer reports. */
	number: number;
	/** The page size the answer reports (what the server really used). */
	size: number;
	totalPages: number;
	totalElements?: number;
	/** Where the page came from, for messages. */
	url: string;
	/** Set when the answer is not a Spring page: what is wrong with it (the listing stops with it). */
	problem?: string;
}

/** Fetches page `page` of `size` items. */
export type SpringFetcher<T> = (page: number, size: number) => Promise<SpringPage<T>>;

export interface SpringOptions {
	/** The largest size asked for (the first request asks `min(limit, pageSize)`). */
	pageSize: number;
	/** Pages in flight at once after the first answer. */
	concurrency: number;
	/** The first page's number: 0 (Spring's default) or 1 (`one-indexed-parameters`). */
	firstPage?: number;
}

/** Query parameter names of a Spring endpoint (Spring's defaults: page, size). */
export interface SpringParams {
	page?: string;
	size?: string;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function notAPage<T>(url: string, why: string): SpringPage<T> {
	return { items: [], number: -1, size: 0, totalPages: 0, url, problem: `The answer of ${url} is not a page: ${why}` };
}

/** Reads a Spring page answer; one that is not a page (content list plus page numbers) says so in `problem`. */
export function springPageOf<T>(response: HttpResponse<unknown>): SpringPage<T> {
	const body = response.body;
	const record = body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : undefined;
	const meta = record && record.page && typeof record.page === 'object' ? (record.page as IDataObject) : record;
	if (!record || !Array.isArray(record.content) || !meta) {
		return notAPage(response.url, 'it has no "content" list');
	}
	const { number, size, totalElements } = meta;
	let totalPages = meta.totalPages;
	if (!isCount(totalPages) && isCount(totalElements) && isCount(size) && size > 0) totalPages = Math.ceil(totalElements / size);
	if (!isCount(number) || !isCount(size) || !isCount(totalPages)) {
		return notAPage(response.url, 'it lacks page number, size or totalPages');
	}
	return {
		items: record.content as T[],
		number,
		size,
		totalPages,
		totalElements: isCount(totalElements) ? totalElements : undefined,
		url: response.url,
	};
}

/** A SpringFetcher over `send(query)`: adds the page and size parameters and reads the answer. */
export function springFetcher<T>(
	send: (pageQuery: IDataObject) => Promise<HttpResponse<unknown>>,
	params: SpringParams = {},
): SpringFetcher<T> {
	return async (page, size) => springPageOf<T>(await send({ [params.page ?? 'page']: page, [params.size ?? 'size']: size }));
}

// Not a URL (the guard keys it as it is): page and size identify a Spring page.
const keyOf = (page: number, size: number) => `page ${page} size ${size}`;

async function fetchGuarded<T>(fetchPage: SpringFetcher<T>, page: number, size: number, base: number, guard: PagingGuard): Promise<SpringPage<T>> {
	guard.beforePage(keyOf(page, size));
	const answer = await fetchPage(page, size);
	if (answer.problem !== undefined) {
		guard.refuse(
			`${guard.vendor} answered a list request with something that is not a page`,
			`${answer.problem} (expected {content: [...], page: {number, size, totalElements, totalPages}}). Nothing from this answer was used.`,
		);
	}
	// Spring's one-indexed-parameters shifts the request only: its answers still count from 0.
	if (answer.number !== page && answer.number !== page - base) {
		guard.refuse(
			`${guard.vendor} answered page ${answer.number} when page ${page} was asked`,
			`${answer.url} does not page as documented (page=${page}, size=${size}).`,
		);
	}
	return answer;
}

export function springPages<T>(fetchPage: SpringFetcher<T>, options: SpringOptions): PagingStrategy<T> {
	return {
		async collect({ limit, guard }: PagingRun): Promise<T[]> {
			if (limit !== undefined && limit <= 0) return [];
			const base = options.firstPage ?? 0;
			const asked = Math.max(1, Math.min(limit ?? options.pageSize, options.pageSize));
			const first = await fetchGuarded(fetchPage, base, asked, base, guard);
			guard.afterPage(first.items, first.url);
			const out: T[] = [...first.items];
			if (reached(out, limit) || first.items.length === 0) return capped(out, limit);
			// Planned from the answer: the size the server really used, not the size asked.
			const size = first.size > 0 ? first.size : first.items.length;
			let total = first.totalPages;
			let planned = total - 1;
			if (planned <= 0) return out;
			guard.checkPlan(planned, first.url);
			if (limit !== undefined) planned = Math.min(planned, Math.ceil((limit - out.length) / size));
			let last = first;
			let lastNumber = base;
			for (let done = 0; done < planned; ) {
				const window = Math.min(options.concurrency, planned - done);
				const numbers = Array.from({ length: window }, (_, i) => base + 1 + done + i);
				const pages = await mapBounded(window, options.concurrency, (i) => fetchGuarded(fetchPage, numbers[i], size, base, guard));
				done += window;
				for (const page of pages) {
					if (page.items.length === 0) return capped(out, limit);
					guard.afterPage(page.items, page.url);
					out.push(...page.items);
					last = page;
					lastNumber++;
					if (reached(out, limit)) return capped(out, limit);
				}
			}
			// The list grew while it was read: go on while the newest answer reports more pages.
			total = Math.max(total, last.totalPages);
			for (let next = lastNumber + 1; next < base + total && last.items.length >= size; next++) {
				last = await fetchGuarded(fetchPage, next, size, base, guard);
				if (last.items.length === 0) break;
				guard.afterPage(last.items, last.url);
				out.push(...last.items);
				if (reached(out, limit)) break;
				total = Math.max(total, last.totalPages);
			}
			return capped(out, limit);
		},
	};
}
