/**
 * `fromDate` + `hasMore` paging (Kaizala actions): each page is asked from a time (inclusive)
 * with a `count`; the next page starts at the newest time seen, so records of that moment come
 * again and are dropped by key. A page full of one moment doubles `count` (bounded); a server
 * that still brings nothing new is stopped with a clear error.
 */
import { capped, reached } from './types';
import type { PagingRun, PagingStrategy } from './types';

export interface FromDatePage<T> {
	items: T[];
	hasMore: boolean;
}

export interface FromDateOptions<T, R> {
	/** Where the listing starts (epoch ms, inclusive). */
	fromDate: number;
	/** The count asked per page. */
	pageSize: number;
	/** How far `count` may grow when one moment fills a page (default 8 x pageSize). */
	maxPageSize?: number;
	/** A record's time (epoch ms), undefined when it has none. */
	timeOf: (item: T) => number | undefined;
	/** A record's identity, for dropping the records of the boundary moment that come again. */
	keyOf: (item: T) => string;
	/** What the listing returns for a record (default: the record). */
	map?: (item: T) => R;
	/** Names the records in the error, e.g. "actions". */
	what: string;
}

export function fromDatePages<T, R = T>(
	fetchPage: (fromDate: number, count: number) => Promise<FromDatePage<T>>,
	options: FromDateOptions<T, R>,
): PagingStrategy<R> {
	const map = options.map ?? ((item: T) => item as unknown as R);
	const maxPageSize = options.maxPageSize ?? options.pageSize * 8;
	return {
		async collect({ limit, guard }: PagingRun): Promise<R[]> {
			const seen = new Set<string>();
			const out: R[] = [];
			let fromDate = options.fromDate;
			let count = options.pageSize;
			let again = 0;
			for (;;) {
				guard.beforePage(`fromDate ${fromDate} count ${count} try ${again}`);
				const { items, hasMore } = await fetchPage(fromDate, count);
				let fresh = 0;
				let newest = fromDate;
				for (const item of items) {
					const t = options.timeOf(item);
					if (t !== undefined && t > newest) newest = t;
					const key = options.keyOf(item);
					if (seen.has(key)) continue;
					seen.add(key);
					fresh++;
					out.push(map(item));
					if (reached(out, limit)) return capped(out, limit);
				}
				if (!hasMore || items.length === 0) return out;
				again++;
				if (newest > fromDate) {
					fromDate = newest;
					count = options.pageSize;
					again = 0;
				} else if (fresh === 0 || items.length >= count) {
					// A whole page within one moment: ask for more at once, or give up if that does not help.
					if (count >= maxPageSize) {
						guard.refuse(
							`${guard.vendor} reported more ${options.what} at ${new Date(fromDate).toISOString()} than one page can hold (${count})`,
							`Every record of the page has the same time, and the page was already ${count} records long.`,
						);
					}
					count *= 2;
					again = 0;
				}
				// Otherwise the same page is asked again: what it brought is now dropped as seen.
			}
		},
	};
}
