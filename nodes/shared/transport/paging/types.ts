import type { PagingGuard } from '../pagingGuard';

/** One reading of a listing: Return All (`limit` undefined) or Limit, bounded by `guard`. */
export interface PagingRun {
	/** Stop after this many items; undefined = all. A page this number does not need is never fetched. */
	limit?: number;
	/** Bounds every page of this listing (repeats, no progress, implausible plans, page count). */
	guard: PagingGuard;
}

/** A way of walking one listing's pages. Built by a factory (`linkCursor`, `springPages`, ...). */
export interface PagingStrategy<T> {
	collect(run: PagingRun): Promise<T[]>;
}

/** The items up to `limit` (all when undefined). */
export function capped<T>(items: T[], limit: number | undefined): T[] {
	return limit !== undefined && items.length > limit ? items.slice(0, limit) : items;
}

/** Whether `items` already satisfies `limit`. */
export function reached(items: unknown[], limit: number | undefined): boolean {
	return limit !== undefined && items.length >= limit;
}
