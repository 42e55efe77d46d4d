/**
 * A Link-paged list read end to end: the first page is asked by path and query, the answer is
 * kept and handed to the strategy as its first page (never fetched twice), later pages are
 * fetched by the absolute URLs the `Link` header gives.
 */
import type { IDataObject } from 'n8n-workflow';

import type { HttpResponse } from '../request';
import { linkCursor, linkOffset, toPage } from './link';
import type { Page, PageFetcher } from './link';
import type { PagingRun } from './types';

/** `cursor`: follow `next`; `offset`: plan every page from `last` and fetch them concurrently. */
export type LinkStyle = { style: 'cursor' } | { style: 'offset'; offsetParam: string; concurrency: number };

/** Answers `first` for its own URL once, then fetches as `fetchPage` does. */
export function reuseFirst<T>(first: HttpResponse<unknown>, fetchPage: PageFetcher<T>): PageFetcher<T> {
	let reused = false;
	return async (url: string): Promise<Page<T>> => {
		if (!reused && url === first.url) {
			reused = true;
			return toPage<T>(first);
		}
		return await fetchPage(url);
	};
}

/**
 * Reads a Link-paged list: `get(path, qs)` for the first page, `get(url)` for the others (both
 * return the full response of a JSON list).
 */
export async function readLinkList<T>(
	get: (url: string, qs?: IDataObject) => Promise<HttpResponse<unknown>>,
	path: string,
	qs: IDataObject,
	how: LinkStyle,
	run: PagingRun,
): Promise<T[]> {
	const first = await get(path, qs);
	const fetchPage = reuseFirst<T>(first, async (url) => toPage<T>(await get(url)));
	const strategy =
		how.style === 'offset'
			? linkOffset(fetchPage, first.url, { offsetParam: how.offsetParam, concurrency: how.concurrency })
			: linkCursor(fetchPage, first.url);
	return await strategy.collect(run);
}
