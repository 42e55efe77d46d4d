/**
 * Where the Res:harmonics Trigger reads its changes: the bookings or room-stays list filtered by
 * `lastUpdatedFrom` (inclusive), Spring-paged. Offset paging through a list ordered by last update
 * skips a row whenever a record changes while the pages are read (every later row moves up one
 * place), so page numbers are not trusted: once a page has moved the cursor, the next request asks
 * afresh from the cursor, page 0. Only a page whose rows all sit at the query's own timestamp (a
 * tie larger than a page) is followed by the next page number of the same query.
 */
import { NodeApiError } from 'n8n-workflow';
import type { IDataObject, INode, JsonObject } from 'n8n-workflow';

import type { Deadline } from '../../shared/transport/deadline';
import { headerValue } from '../../shared/transport/errors';
import type { DrainPage, DrainSource } from '../../shared/poll/drain';
import type { SeenCursor } from '../../shared/poll/seen';
import { compareInstants } from '../../shared/validation';
import { PAGE_SIZE } from '../transport';
import type { ResHarmonicsClient } from '../transport';
import { changesOf, EVENT_PATHS, pageRows } from './rows';
import type { Change, TriggerEvent } from './rows';

export interface SpringPage {
	content: unknown[];
	number: number;
	size: number;
	totalPages: number;
	url: string;
	date?: string;
}

/** One page of a list; the page numbers come from the answer (the server may cap `size`). */
export async function readPage(node: INode, client: ResHarmonicsClient, path: string, qs: IDataObject, deadline?: Deadline): Promise<SpringPage> {
	const response = await client.request<IDataObject>({ method: 'GET', url: path, qs, expect: 'object', deadline });
	const body = response.body;
	const meta = ((body?.page as IDataObject | undefined) ?? body) as IDataObject;
	if (!body || !Array.isArray(body.content) || typeof meta?.totalPages !== 'number' || typeof meta?.size !== 'number') {
		const message = 'Res:harmonics answered with something that is not a page of a list';
		throw new NodeApiError(node, { message } as JsonObject, {
			message,
			description: `${response.url} has no "content" list with page numbers.`,
			httpCode: String(response.statusCode),
		});
	}
	return {
		content: body.content as unknown[],
		number: typeof meta.number === 'number' ? meta.number : Number(qs.page ?? 0),
		size: meta.size,
		totalPages: meta.totalPages,
		url: response.url,
		date: headerValue(response.headers, 'date'),
	};
}

/** A timestamp as the filter wants it: with a zone (one without is UTC, see rows.ts). */
export function withZone(timestamp: string): string {
	if (/(?:[Zz]|[+-]\d{2}:?\d{2})$/.test(timestamp)) return timestamp;
	return timestamp.length === 10 ? `${timestamp}T00:00:00Z` : `${timestamp}Z`;
}

interface QueryPage extends DrainPage<Change> {
	/** The query's lastUpdatedFrom and page number. */
	from: string;
	number: number;
	/** The newest timestamp this page handed over: everything up to it has been read. */
	reached: string;
	phase: 'forward' | 'sweep';
	/** The query had no page after this one. */
	ended: boolean;
}

/** The cursor of the trigger: the seen window, and where an unfinished late-commit sweep stopped. */
export interface SweepCursor extends SeenCursor {
	sweep?: string;
}

/**
 * A poll reads in two phases. Forward: from the newest change handled onwards, so new changes
 * come first whatever the budget. Sweep: the late-commit margin, from `from` up to where the
 * forward read began, for writes that committed late with an older timestamp; a sweep the budget
 * cuts short goes on from `cursor.sweep` at the next poll. Within a phase every query starts
 * from what the last page reached (page numbers are not trusted, see above).
 */
export function changeSource(node: INode, client: ResHarmonicsClient, event: TriggerEvent, cursor: SweepCursor): DrainSource<Change> {
	const path = EVENT_PATHS[event];
	const forwardFrom = cursor.at !== undefined && compareInstants(cursor.at, cursor.from) > 0 ? cursor.at : cursor.from;
	const sweeping = forwardFrom !== cursor.from;
	const sweepFrom = cursor.sweep !== undefined && compareInstants(cursor.sweep, cursor.from) > 0 ? cursor.sweep : cursor.from;

	const query = async (phase: QueryPage['phase'], from: string, number: number, deadline: Deadline): Promise<QueryPage> => {
		const page = await readPage(node, client, path, { lastUpdatedFrom: withZone(from), page: number, size: PAGE_SIZE }, deadline);
		let rows = pageRows(node, event, page.url, page.content);
		const more = rows.length > 0 && page.number + 1 < page.totalPages;
		if (more) {
			// The newest timestamp of a full page may go on over the next page: it is read whole by
			// the next query instead, unless nothing newer than the query's own timestamp would be left.
			const newest = rows[rows.length - 1].timestamp;
			const older = rows.filter((r) => compareInstants(r.timestamp, newest) < 0);
			if (older.some((r) => compareInstants(r.timestamp, from) > 0)) rows = older;
		}
		const reached = rows.length ? rows[rows.length - 1].timestamp : from;
		const result = { records: changesOf(event, rows), more, from, number: page.number, reached, phase, ended: !more };
		if (phase === 'sweep') {
			// Done once it reaches where the forward read began (the rest was read forward).
			const done = !more || compareInstants(reached, forwardFrom) >= 0;
			cursor.sweep = done ? undefined : reached;
			result.more = !done;
		}
		return result;
	};
	const sweep = async (deadline: Deadline) => await query('sweep', sweepFrom, 0, deadline);
	const forward = async (from: string, number: number, deadline: Deadline): Promise<QueryPage> => {
		const page = await query('forward', from, number, deadline);
		if (page.more || !sweeping) return page;
		// The forward read is done: the sweep follows (at once if this page brought nothing).
		return page.records.length === 0 ? await sweep(deadline) : { ...page, more: true };
	};
	return {
		first: async (deadline) => await forward(forwardFrom, 0, deadline),
		next: async (previous, deadline) => {
			const last = previous as QueryPage;
			if (last.phase === 'forward' && last.ended) return await sweep(deadline);
			const again = async (from: string, number: number) =>
				last.phase === 'forward' ? await forward(from, number, deadline) : await query('sweep', from, number, deadline);
			// Onwards from what the last page reached; the next page number only inside a tie.
			if (compareInstants(last.reached, last.from) > 0) return await again(last.reached, 0);
			return await again(last.from, last.number + 1);
		},
	};
}

/** The API's own time (its Date header), or the n8n host's when it tells none. */
export async function apiNow(node: INode, client: ResHarmonicsClient, event: TriggerEvent, deadline?: Deadline): Promise<string> {
	const page = await readPage(node, client, EVENT_PATHS[event], { page: 0, size: 1 }, deadline);
	const date = Date.parse(page.date ?? '');
	return new Date(Number.isNaN(date) ? Date.now() : date).toISOString();
}

/** Manual "fetch test event": windows tried, smallest first. */
const SAMPLE_WINDOWS_DAYS = [1, 30, 365];

/** The most recent change, looking back from the API's own time; undefined when there is none. */
export async function latestChange(node: INode, client: ResHarmonicsClient, event: TriggerEvent, deadline?: Deadline): Promise<Change | undefined> {
	const now = Date.parse(await apiNow(node, client, event, deadline));
	for (const days of SAMPLE_WINDOWS_DAYS) {
		const qs = { lastUpdatedFrom: new Date(now - days * 86_400_000).toISOString(), size: PAGE_SIZE };
		let page = await readPage(node, client, EVENT_PATHS[event], { ...qs, page: 0 }, deadline);
		if (page.totalPages > 1) page = await readPage(node, client, EVENT_PATHS[event], { ...qs, page: page.totalPages - 1 }, deadline);
		const changes = changesOf(event, pageRows(node, event, page.url, page.content));
		if (changes.length) return changes[changes.length - 1];
	}
	return undefined;
}
