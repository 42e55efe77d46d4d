/**
 * One poll of the rezStream Trigger: read /reservations/updated from the cursor, in the API's
 * order, until the stream is caught up, the poll's budget is spent, or a reservation cannot be
 * handled yet. The cursor moves exactly past what was handled (emitted, or skipped by a filter).
 */
import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { findLink } from '../../shared/transport/linkHeader';
import { clip } from '../../shared/transport/errors';
import type { Deadline } from '../../shared/transport/deadline';
import { FailedFetchList } from '../../shared/poll/failedFetches';
import { drainPages } from '../../shared/poll/drain';
import type { DrainPage, DrainResult, DrainSource } from '../../shared/poll/drain';
import type { Page } from '../../shared/transport/paginate';
import { MAX_PAGE_SIZE } from '../transport';
import type { RezStreamClient } from '../transport';
import { compareInstants } from '../../shared/validation';
import { NewnessTracker } from './cursor';
import type { Cursor, Reservation } from './cursor';

/** Detail requests in flight at once when the full reservation is fetched. */
export const DETAIL_CONCURRENCY = 4;

export interface DrainSettings {
	event: string;
	fetchFull: boolean;
	/** Emit only reservations whose current status is one of these; empty = all. */
	statuses: string[];
	deadline: Deadline;
	/** This poll activated the trigger: every change it reads is present at activation, so old. */
	activating?: boolean;
}

function notAReservation(node: INode, url: string, index: number, item: unknown): NodeApiError {
	const message = 'rezStream answered with a list entry that is not a reservation';
	const payload: JsonObject = { message };
	return new NodeApiError(node, payload, {
		message,
		description: `Entry ${index + 1} of ${clip(url, 300)} has no id and updatedAt: ${clip(JSON.stringify(item) ?? String(item), 200)}. Nothing after the last reservation handled was used.`,
		httpCode: '200',
	});
}

export function reservationsOf(node: INode, page: Page<unknown>): Reservation[] {
	return page.items.map((item, index) => {
		const r = item as Reservation;
		if (!r || typeof r !== 'object' || typeof r.id !== 'string' || typeof r.updatedAt !== 'string' || !r.id || !r.updatedAt) {
			throw notAReservation(node, page.url, index, item);
		}
		return r;
	});
}

export async function fetchDetail(client: RezStreamClient, reservation: Reservation, deadline?: Deadline): Promise<IDataObject> {
	const response = await client.request<IDataObject>({
		method: 'GET',
		url: `/reservations/${encodeURIComponent(reservation.id)}`,
		expect: 'object',
		deadline,
	});
	return response.body;
}

/** The /reservations/updated stream from the cursor, followed by its `next` links. */
function reservationStream(node: INode, client: RezStreamClient, cursor: Cursor): DrainSource<Reservation> {
	const guard = client.pagingGuard((item) => {
		const r = item as Reservation;
		return `${r?.id}@${r?.updatedAt}`;
	});
	const read = (page: Page<unknown>): StreamPage => {
		const next = findLink(page.links, 'next');
		return { records: reservationsOf(node, page), more: next !== undefined, next };
	};
	return {
		async first() {
			const page = await client.page<unknown>('/reservations/updated', {
				from: cursor.from,
				afterAt: cursor.afterAt,
				afterId: cursor.afterAt ? cursor.afterId : undefined,
				limit: MAX_PAGE_SIZE,
			});
			guard.noteUrl(page.url);
			guard.afterPage(page.items, page.url);
			return read(page);
		},
		async next(previous) {
			const url = (previous as StreamPage).next as string;
			guard.beforePage(url);
			const page = await client.page<unknown>(url);
			guard.afterPage(page.items, page.url);
			return read(page);
		},
	};
}

interface StreamPage extends DrainPage<Reservation> {
	next?: string;
}

export async function drain(
	node: INode,
	client: RezStreamClient,
	cursor: Cursor,
	settings: DrainSettings,
): Promise<DrainResult> {
	const newness = new NewnessTracker(cursor);
	const failed = new FailedFetchList(cursor.failedFetches);
	const seenMadeAt = new Map<string, string>();
	const statuses = new Set(settings.statuses);
	const select = (reservations: Reservation[]) =>
		reservations.map((r) => {
			if (typeof r.madeAt === 'string') seenMadeAt.set(r.id, r.madeAt);
			let old = false;
			if (cursor.primeUntil !== undefined) {
				if (settings.activating) {
					old = true;
					if (compareInstants(r.updatedAt, cursor.primeUntil) > 0) cursor.primeUntil = r.updatedAt;
				} else {
					old = compareInstants(r.updatedAt, cursor.primeUntil) <= 0;
				}
			}
			const isNew = settings.event === 'newOnly' ? newness.isNew(r, old) : !old;
			if (old || !isNew) return false;
			return statuses.size === 0 || statuses.has(String(r.status ?? ''));
		});
	const result = await drainPages<Reservation>({
		node,
		deadline: settings.deadline,
		source: reservationStream(node, client, cursor),
		select,
		pass: (reservation) => {
			cursor.afterAt = reservation.updatedAt;
			cursor.afterId = reservation.id;
		},
		detail: settings.fetchFull
			? {
					fetch: async (reservation, deadline) => await fetchDetail(client, reservation, deadline),
					key: (reservation) => `${reservation.id}@${reservation.updatedAt}`,
					givenUp: (reservation, error) => ({ ...reservation, detailError: error }),
					failed,
					concurrency: DETAIL_CONCURRENCY,
				}
			: undefined,
	});

	// Past the activation point: every later change is stamped after it.
	if (result.caughtUp) cursor.primeUntil = undefined;
	newness.store(result.caughtUp, seenMadeAt);
	cursor.failedFetches = failed.toJSON();
	return result;
}
