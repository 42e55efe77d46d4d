/**
 * One poll of the rezStream Trigger: read /reservations/updated from the cursor, in the API's
 * order, until the stream is caught up, the poll's budget is spent, or a reservation cannot be
 * handled yet. The cursor moves exactly past what was handled (emitted, or skipped by a filter).
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { findLink } from '../../shared/transport/linkHeader';
import { clip } from '../../shared/transport/errors';
import { isDeadlineError, remainingMs } from '../../shared/transport/deadline';
import type { Deadline } from '../../shared/transport/deadline';
import { FailedFetchList, isRecordFailure, mapSettled } from '../../shared/poll/failedFetches';
import type { Page } from '../../shared/transport/paginate';
import { MAX_PAGE_SIZE } from '../transport';
import type { RezStreamClient } from '../transport';
import { compareInstants } from '../../shared/validation';
import { NewnessTracker } from './cursor';
import type { Cursor, Reservation } from './cursor';

/** Detail requests in flight at once when the full reservation is fetched. */
export const DETAIL_CONCURRENCY = 4;
/** Polls in a row that may end at the budget without progress before the poll reports it. */
export const MAX_STALLS = 5;

export interface DrainSettings {
	event: string;
	fetchFull: boolean;
	/** Emit only reservations whose current status is one of these; empty = all. */
	statuses: string[];
	deadline: Deadline;
	/** This poll activated the trigger: every change it reads is present at activation, so old. */
	activating?: boolean;
}

export interface DrainResult {
	items: IDataObject[];
	caughtUp: boolean;
	/** The poll stopped at its budget (or at a wait longer than it). */
	stoppedAtBudget?: unknown;
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

function errorText(error: unknown): { message: string; description?: string; httpCode?: string } {
	const e = error as { message?: string; description?: string | null; httpCode?: string | null };
	return {
		message: clip(String(e?.message ?? error), 300),
		...(e?.description ? { description: clip(String(e.description), 500) } : {}),
		...(e?.httpCode ? { httpCode: String(e.httpCode) } : {}),
	};
}

export async function drain(
	node: INode,
	client: RezStreamClient,
	cursor: Cursor,
	settings: DrainSettings,
): Promise<DrainResult> {
	const items: IDataObject[] = [];
	const newness = new NewnessTracker(cursor);
	const failed = new FailedFetchList(cursor.failedFetches);
	const seenMadeAt = new Map<string, string>();
	const guard = client.pagingGuard((item) => {
		const r = item as Reservation;
		return `${r?.id}@${r?.updatedAt}`;
	});
	const statuses = new Set(settings.statuses);
	let caughtUp = false;
	let stoppedAtBudget: unknown;
	let url = '/reservations/updated';
	let qs: IDataObject | undefined = {
		from: cursor.from,
		afterAt: cursor.afterAt,
		afterId: cursor.afterAt ? cursor.afterId : undefined,
		limit: MAX_PAGE_SIZE,
	};
	let handledAny = false;

	read: for (;;) {
		if (remainingMs(settings.deadline) <= 0 && handledAny) {
			stoppedAtBudget = true;
			break;
		}
		let page: Page<unknown>;
		try {
			if (!qs) guard.beforePage(url);
			page = await client.page<unknown>(url, qs);
			if (qs) guard.noteUrl(page.url);
			guard.afterPage(page.items, page.url);
		} catch (error) {
			if (isDeadlineError(error)) {
				stoppedAtBudget = error;
				break;
			}
			// The kernel's errors are NodeApiErrors already: the constructor hands those back as they are.
			throw new NodeApiError(node, error as JsonObject);
		}
		const reservations = reservationsOf(node, page);
		if (reservations.length === 0) {
			caughtUp = true;
			break;
		}
		const emit = reservations.map((r) => {
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
		const wanted = settings.fetchFull ? reservations.filter((_, i) => emit[i]) : [];
		const details = await mapSettled(wanted.length, DETAIL_CONCURRENCY, async (i) =>
			fetchDetail(client, wanted[i], settings.deadline),
		);
		let detailIndex = 0;
		for (let i = 0; i < reservations.length; i++) {
			const reservation = reservations[i];
			let item: IDataObject | undefined;
			if (emit[i]) {
				if (!settings.fetchFull) item = reservation;
				else {
					const detail = details[detailIndex++];
					const key = `${reservation.id}@${reservation.updatedAt}`;
					if (detail.ok) {
						item = detail.value;
						failed.forget(key);
					} else if (isDeadlineError(detail.error)) {
						stoppedAtBudget = detail.error;
						break read;
					} else if (isRecordFailure(detail.error)) {
						const text = errorText(detail.error);
						if (!failed.fail(key, text.message)) {
							// Tried again by the next poll; the cursor stays just before it.
							break read;
						}
						failed.forget(key);
						item = { ...reservation, detailError: text };
					} else {
						throw detail.error;
					}
				}
			}
			cursor.afterAt = reservation.updatedAt;
			cursor.afterId = reservation.id;
			handledAny = true;
			if (item) items.push(item);
		}
		const next = findLink(page.links, 'next');
		if (!next) {
			caughtUp = true;
			break;
		}
		url = next;
		qs = undefined;
	}

	// Past the activation point: every later change is stamped after it.
	if (caughtUp) cursor.primeUntil = undefined;
	newness.store(caughtUp, seenMadeAt);
	cursor.failedFetches = failed.toJSON();
	return { items, caughtUp, stoppedAtBudget };
}

/** The error a poll raises when it ends at its budget without progress, poll after poll. */
export function stalledError(node: INode, cause: unknown, stalls: number): Error {
	if (cause instanceof Error) return cause;
	return new NodeOperationError(node, `The trigger made no progress in ${stalls} polls`, {
		description: 'Each poll ended at its time budget before rezStream answered.',
	});
}
