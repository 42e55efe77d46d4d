/**
 * Opaque body cursor (Kaizala subscribers): the first page is asked without a cursor, each
 * answer carries the cursor of the next one, and the listing ends at an answer without a
 * cursor, an empty page, or a cursor that comes back (a server repeating itself).
 */
import { capped, reached } from './types';
import type { PagingRun, PagingStrategy } from './types';

export interface CursorPage<T> {
	items: T[];
	/** The next page's cursor; empty or undefined = the end. */
	cursor?: string;
}

export function bodyCursor<T>(fetchPage: (cursor: string) => Promise<CursorPage<T>>): PagingStrategy<T> {
	return {
		async collect({ limit, guard }: PagingRun): Promise<T[]> {
			const out: T[] = [];
			const cursors = new Set<string>();
			let cursor = '';
			for (;;) {
				guard.beforePage(`cursor ${JSON.stringify(cursor)}`);
				const page = await fetchPage(cursor);
				out.push(...page.items);
				if (reached(out, limit)) return capped(out, limit);
				if (!page.cursor || page.items.length === 0 || cursors.has(page.cursor)) return out;
				cursors.add(page.cursor);
				cursor = page.cursor;
			}
		},
	};
}
