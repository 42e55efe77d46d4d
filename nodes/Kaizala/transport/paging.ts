/**
 * Kaizala's two list styles.
 * - Actions: `fromDate` (epoch ms, inclusive), `count`, `hasMore`. The next page starts at the
 *   newest time seen, so actions of that second come again: they are dropped by `referenceId`.
 *   Times are `creationTime` (epoch seconds) or `sentAt` (ISO); `createdAt` is added, ISO.
 * - Subscribers: an opaque cursor in the body, `count` at most 50, until no cursor comes back.
 * Both run on the shared strategies (nodes/shared/transport/paging) under a PagingGuard.
 */
import type { IDataObject, INode } from 'n8n-workflow';

import { fromDatePages } from '../../shared/transport/paging';
import type { FromDatePage, PagingStrategy } from '../../shared/transport/paging';
import { PagingGuard } from '../../shared/transport/pagingGuard';

export const ACTION_PAGE = 100;
export const SUBSCRIBER_PAGE = 50;

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

/** The actions strategy: fromDate + hasMore, de-duplicated by referenceId, `createdAt` added. */
export function actionPaging(
	fetchPage: (fromDate: number, count: number) => Promise<FromDatePage<IDataObject>>,
	fromDate: number,
): PagingStrategy<IDataObject> {
	return fromDatePages(fetchPage, {
		fromDate,
		pageSize: ACTION_PAGE,
		timeOf: actionTimeMs,
		keyOf,
		map: normaliseAction,
		what: 'actions',
	});
}

/** The bound of one Kaizala listing (errors name the item). */
export function kaizalaGuard(node: INode, itemIndex: number): PagingGuard {
	return new PagingGuard({ node, vendor: 'Kaizala', itemIndex });
}

/** One page of GET …/actions: `{actions, hasMore}` (any letter case). */
export function listOfActions(body: unknown): FromDatePage<IDataObject> {
	const record = body && typeof body === 'object' && !Array.isArray(body) ? (body as IDataObject) : {};
	let items: IDataObject[] = Array.isArray(body) ? (body as IDataObject[]) : [];
	let hasMore = false;
	for (const [k, v] of Object.entries(record)) {
		if (k.toLowerCase() === 'actions' && Array.isArray(v)) items = v as IDataObject[];
		if (k.toLowerCase() === 'hasmore') hasMore = v === true || v === 'true';
	}
	return { items, hasMore };
}
