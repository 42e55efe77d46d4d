/**
 * The one place that bounds paging, for every strategy (cursor `next` links, offset pages
 * planned from `last`, a trigger's drain): a listing stops with a clear error when
 * - a URL comes back (a `next` that repeats its own URL, or cycles A -> B -> A),
 * - a page adds no record that was not already seen (new URLs serving the same items),
 * - a `last` link promises more pages than is plausible,
 * - the listing reaches `MAX_PAGES`.
 */
import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { clip } from './errors';

/** Most pages one listing may take (1,000,000 records at 100 per page). */
export const MAX_PAGES = 10_000;

/** How a record is told apart from another one; undefined = by its whole content. */
export type RecordKey = (item: unknown) => string | undefined;

/** Default identity: `id` (with `updatedAt` when present, so a changed record counts as new), else the content. */
export function defaultRecordKey(item: unknown): string {
	if (item && typeof item === 'object' && !Array.isArray(item)) {
		const record = item as Record<string, unknown>;
		const id = record.id;
		if (typeof id === 'string' || typeof id === 'number') {
			const version = record.updatedAt ?? record.version;
			return version === undefined ? `id:${id}` : `id:${id}@${String(version)}`;
		}
	}
	let text: string;
	try {
		text = JSON.stringify(item) ?? String(item);
	} catch {
		text = String(item);
	}
	return `json:${text.length > 400 ? `${text.slice(0, 400)}#${text.length}` : text}`;
}

/** A URL with its query parameters in a stable order, so that reordered repeats are caught. */
function normalise(url: string): string {
	try {
		const u = new URL(url);
		u.searchParams.sort();
		u.hash = '';
		return u.toString();
	} catch {
		return url;
	}
}

export interface PagingGuardOptions {
	node: INode;
	vendor: string;
	keyOf?: RecordKey;
	maxPages?: number;
	itemIndex?: number;
}

export class PagingGuard {
	private readonly urls = new Set<string>();
	private readonly keys = new Set<string>();
	private pages = 0;

	constructor(private readonly options: PagingGuardOptions) {}

	/** Stops the listing with a clear error (a strategy's own finding that the paging is wrong). */
	refuse(message: string, description: string): never {
		return this.fail(message, description);
	}

	private fail(message: string, description: string): never {
		const payload: JsonObject = { message };
		throw new NodeApiError(this.options.node, payload, {
			message,
			description: `${description} Stopped so that the listing cannot run forever; nothing after this point was read. If it persists, report it to ${this.options.vendor}.`,
			itemIndex: this.options.itemIndex,
		});
	}

	/** The vendor named in this listing's errors. */
	get vendor(): string {
		return this.options.vendor;
	}

	get pageCount(): number {
		return this.pages;
	}

	/** Before a page is fetched: its URL must be new, and the page count within bounds. */
	beforePage(url: string): void {
		const key = normalise(url);
		if (this.urls.has(key)) {
			this.fail(
				`${this.options.vendor}'s paging does not progress: it links back to a page already read`,
				`Page ${this.pages + 1} would be ${clip(url, 300)}, which was already read in this listing.`,
			);
		}
		const max = this.options.maxPages ?? MAX_PAGES;
		if (this.pages >= max) {
			this.fail(
				`${this.options.vendor}'s listing went past ${max} pages`,
				`The next page would be ${clip(url, 300)}.`,
			);
		}
		this.urls.add(key);
		this.pages++;
	}

	/** Records a URL read outside `beforePage` (the absolute form of a first page asked by path). */
	noteUrl(url: string): void {
		this.urls.add(normalise(url));
	}

	/** After a page arrived: a non-empty page must add at least one record not seen before. Returns how many it added. */
	afterPage(items: unknown[], url: string): number {
		const keyOf = this.options.keyOf ?? defaultRecordKey;
		let added = 0;
		for (const item of items) {
			const key = keyOf(item) ?? defaultRecordKey(item);
			if (!this.keys.has(key)) {
				this.keys.add(key);
				added++;
			}
		}
		if (items.length > 0 && added === 0) {
			this.fail(
				`${this.options.vendor}'s paging does not progress: a page repeats records already read`,
				`All ${items.length} records of ${clip(url, 300)} were already on earlier pages of this listing.`,
			);
		}
		return added;
	}

	/** A `last` link promises `pageCount` more pages: refuse a promise beyond the bound. */
	checkPlan(pageCount: number, lastUrl: string): void {
		const max = this.options.maxPages ?? MAX_PAGES;
		if (this.pages + pageCount > max) {
			this.fail(
				`${this.options.vendor}'s "last" link promises ${pageCount} more pages, more than is plausible`,
				`The first page links its last page as ${clip(lastUrl, 300)}; a listing may take at most ${max} pages.`,
			);
		}
	}
}
