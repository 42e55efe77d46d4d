/**
 * The drain loop every polling trigger runs: read pages of changes from the trigger's cursor, in
 * the API's order, until the source is caught up, the poll's budget is spent, or a record cannot
 * be handled yet. The cursor moves exactly past what was handled (emitted, or skipped by a
 * filter), record by record, so a poll that stops anywhere leaves it at a clean point.
 *
 * What stays with the vendor: how a page is read and what "the next page" is (a Link cursor, or
 * a fresh query from the cursor when page numbers cannot be trusted), which records to emit,
 * and how the cursor moves past a record.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import { clip } from '../transport/errors';
import { isDeadlineError, remainingMs } from '../transport/deadline';
import type { Deadline } from '../transport/deadline';
import { isRecordFailure, mapSettled } from './failedFetches';
import type { FailedFetchList } from './failedFetches';

/** Polls in a row that may end at the budget without progress before the poll reports it. */
export const MAX_STALLS = 5;

export interface DrainPage<R> {
	/** An empty page means caught up. */
	records: R[];
	/** Whether the source may hold more after this page. */
	more: boolean;
}

export interface DrainSource<R> {
	/** The first page of this poll, read from the cursor. Every request gets the deadline. */
	first(deadline: Deadline): Promise<DrainPage<R>>;
	/** The page after `previous`, asked for once its records have been handled (the cursor is past them). */
	next(previous: DrainPage<R>, deadline: Deadline): Promise<DrainPage<R>>;
}

export interface ErrorText {
	message: string;
	description?: string;
	httpCode?: string;
}

/** One more request per emitted record (e.g. the full record), with the poison-record rule. */
export interface DetailFetch<R> {
	fetch(record: R, deadline: Deadline): Promise<IDataObject>;
	/** The record in the state that failed (id and version): a new version starts afresh. */
	key(record: R): string;
	/** What is emitted for a record whose detail failed in `maxTries` polls (the list's rule). */
	givenUp(record: R, error: ErrorText): IDataObject;
	/** Bounded list of records whose detail keeps failing, kept in the cursor by the caller. */
	failed: FailedFetchList;
	concurrency: number;
}

export interface DrainOptions<R> {
	node: INode;
	deadline: Deadline;
	source: DrainSource<R>;
	/** Which records of a page are emitted; called once per page, in order (it may remember what it saw). */
	select(records: R[]): boolean[];
	/** The cursor moves past `record` (emitted or skipped). */
	pass(record: R): void;
	/** The item for an emitted record (without a detail fetch); default: the record itself. */
	item?(record: R): IDataObject;
	detail?: DetailFetch<R>;
}

export interface DrainResult {
	items: IDataObject[];
	/** The source said it holds nothing more. */
	caughtUp: boolean;
	/** The poll stopped at its budget (true), or at a request or wait that would have passed it (the error). */
	stoppedAtBudget?: unknown;
	/** Records the cursor moved past. */
	passed: number;
}

export function errorText(error: unknown): ErrorText {
	const e = error as { message?: string; description?: string | null; httpCode?: string | null };
	return {
		message: clip(String(e?.message ?? error), 300),
		...(e?.description ? { description: clip(String(e.description), 500) } : {}),
		...(e?.httpCode ? { httpCode: String(e.httpCode) } : {}),
	};
}

export async function drainPages<R>(options: DrainOptions<R>): Promise<DrainResult> {
	const { node, deadline, source, detail } = options;
	const items: IDataObject[] = [];
	let passed = 0;
	let caughtUp = false;
	let stoppedAtBudget: unknown;
	let page: DrainPage<R> | undefined;

	read: for (;;) {
		// Once something was handled, the poll ends cleanly at its budget; the first page is always tried.
		if (remainingMs(deadline) <= 0 && passed > 0) {
			stoppedAtBudget = true;
			break;
		}
		try {
			page = page === undefined ? await source.first(deadline) : await source.next(page, deadline);
		} catch (error) {
			if (isDeadlineError(error)) {
				stoppedAtBudget = error;
				break;
			}
			// The kernel's errors are NodeApiErrors (or NodeOperationErrors) already: both
			// constructors hand those back as they are.
			if (error instanceof NodeOperationError) throw new NodeOperationError(node, error);
			throw new NodeApiError(node, error as JsonObject);
		}
		const records = page.records;
		if (records.length === 0) {
			caughtUp = true;
			break;
		}
		const emit = options.select(records);
		const wanted = detail ? records.filter((_, i) => emit[i]) : [];
		const details = detail ? await mapSettled(wanted.length, detail.concurrency, async (i) => detail.fetch(wanted[i], deadline)) : [];
		let detailIndex = 0;
		for (let i = 0; i < records.length; i++) {
			const record = records[i];
			let item: IDataObject | undefined;
			if (emit[i]) {
				if (!detail) item = options.item ? options.item(record) : (record as unknown as IDataObject);
				else {
					const fetched = details[detailIndex++];
					const key = detail.key(record);
					if (fetched.ok) {
						item = fetched.value;
						detail.failed.forget(key);
					} else if (isDeadlineError(fetched.error)) {
						stoppedAtBudget = fetched.error;
						break read;
					} else if (isRecordFailure(fetched.error)) {
						const text = errorText(fetched.error);
						// Tried again by the next poll; the cursor stays just before it.
						if (!detail.failed.fail(key, text.message)) break read;
						detail.failed.forget(key);
						item = detail.givenUp(record, text);
					} else {
						throw fetched.error;
					}
				}
			}
			options.pass(record);
			passed++;
			if (item) items.push(item);
		}
		if (!page.more) {
			caughtUp = true;
			break;
		}
	}
	return { items, caughtUp, stoppedAtBudget, passed };
}

/**
 * Counts polls that ended at the budget without progress (in `state.stalls`); after
 * `MAX_STALLS` in a row, the error that stopped them is thrown so that it is not silent.
 */
export function countStalls(state: { stalls?: number }, result: DrainResult, progressed: boolean, max = MAX_STALLS): void {
	if (result.stoppedAtBudget && !progressed) {
		state.stalls = (state.stalls ?? 0) + 1;
		if (state.stalls >= max && result.stoppedAtBudget instanceof Error) throw result.stoppedAtBudget;
	} else {
		state.stalls = 0;
	}
}
