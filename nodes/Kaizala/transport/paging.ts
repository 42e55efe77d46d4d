/**
 * Kaizala's two list styles.
 * - Actions: `fromDate` (epoch ms, inclusive), `count`, `hasMore`. The next page starts at the
 *   newest time seen, so actions of that second come again: they are dropped by `referenceId`.
 *   Times are `creationTime` (epoch seconds) or `sentAt` (ISO); `createdAt` is added, ISO.
 * - Subscribers: an opaque cursor in the body, `count` at most 50, until no cursor comes back.
 * Both stop on a page that brings nothing new (a server repeating itself cannot loop forever).
 */
import type { IDataObject } from 'n8n-workflow';

export const ACTION_PAGE = 100;
export const SUBSCRIBER_PAGE = 50;
/** Pages one list may take: generous, but bounded. */
export const MAX_PAGES = 10_000;

/** Epoch ms of an action: `creationTime` in seconds (or ms), else `sentAt`. */
export function actionTimeMs(item: IDataObject): number | undefined {
	const created = typeof item.creationTime === 'string' ? Number(item.creationTime) : item.creationTime;
	if (typeof created === 'number' && Number.isFinite(created) && created > 0) {
		return created < 1e11 ? created * 1000 : created;
	}
	if (typeof item.sentAt === 'string') {
		const at = Date.parse(item.sentAt);
		if (!Number.isNaN(at)) return at;
	}
	return undefined;
}

export function normaliseAction(item: IDataObject): IDataObject {
	const ms = actionTimeMs(item);
	return { ...item, createdAt: ms === undefined ? null : new Date(ms).toISOString() };
}

function keyOf(item: IDataObject): string {
	const id = item.referenceId ?? item.actionId ?? item.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : JSON.stringify(item);
}

export interface ActionPage {
	items: IDataObject[];
	hasMore: boolean;
}

export async function collectActions(
	fetchPage: (fromDate: number, count: number) => Promise<ActionPage>,
	options: { fromDate: number; limit?: number; fail: (message: string) => never },
): Promise<IDataObject[]> {
	const seen = new Set<string>();
	const out: IDataObject[] = [];
	let fromDate = options.fromDate;
	let count = ACTION_PAGE;
	for (let page = 0; page < MAX_PAGES; page++) {
		const { items, hasMore } = await fetchPage(fromDate, count);
		let fresh = 0;
		let newest = fromDate;
		for (const item of items) {
			const t = actionTimeMs(item);
			if (t !== undefined && t > newest) newest = t;
			const key = keyOf(item);
			if (seen.has(key)) continue;
			seen.add(key);
			fresh++;
			out.push(normaliseAction(item));
			if (options.limit !== undefined && out.length >= options.limit) return out;
		}
		if (!hasMore || items.length === 0) return out;
		if (newest > fromDate) {
			fromDate = newest;
			count = ACTION_PAGE;
		} else if (fresh === 0 || items.length >= count) {
			// A whole page within one second: ask for more at once, or give up if that does not help.
			if (count >= ACTION_PAGE * 8) {
				options.fail(`Kaizala reported more actions at ${new Date(fromDate).toISOString()} than one page can hold (${count})`);
			}
			count *= 2;
		}
	}
	return options.fail(`Kaizala's action list did not end within ${MAX_PAGES} pages`);
}

export interface CursorPage {
	items: IDataObject[];
	cursor: string;
}

export async function collectByCursor(
	fetchPage: (cursor: string) => Promise<CursorPage>,
	options: { limit?: number; fail: (message: string) => never },
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	const cursors = new Set<string>();
	let cursor = '';
	for (let page = 0; page < MAX_PAGES; page++) {
		const next = await fetchPage(cursor);
		for (const item of next.items) {
			out.push(item);
			if (options.limit !== undefined && out.length >= options.limit) return out;
		}
		if (!next.cursor || next.items.length === 0 || cursors.has(next.cursor)) return out;
		cursors.add(next.cursor);
		cursor = next.cursor;
	}
	return options.fail(`Kaizala's list did not end within ${MAX_PAGES} pages`);
}

/** One page of GET …/actions: `{actions, hasMore}` (any letter case). */
export function listOfActions(body: unknown): ActionPage {
	const record = body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};
	let items: IDataObject[] = Array.isArray(body) ? (body as IDataObject[]) : [];
	let hasMore = false;
	for (const [k, v] of Object.entries(record)) {
		if (k.toLowerCase() === 'actions' && Array.isArray(v)) items = v as IDataObject[];
		if (k.toLowerCase() === 'hasmore') hasMore = v === true || v === 'true';
	}
	return { items, hasMore };
}
