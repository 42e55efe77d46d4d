/**
 * Where the trigger starts with Start = Now, and the sample of "Fetch test event". The start
 * comes from the API's own clock (its `Date` header) minus a margin; the activation drain then
 * reads up to the API's newest change without emitting, so the boundary is the API's own order,
 * never the n8n host's clock.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

import { headerValue } from '../../shared/transport/errors';
import type { Deadline } from '../../shared/transport/deadline';
import { findLink } from '../../shared/transport/linkHeader';
import { MAX_PAGE_SIZE } from '../transport';
import type { RezStreamClient } from '../transport';
import type { Reservation } from './cursor';
import { fetchDetail, reservationsOf } from './drain';

/** How far before the API's own time the activation drain starts reading (clock steps, late commits). */
export const START_MARGIN_MS = 10 * 60_000;
/** Where the activation drain starts when the API tells no time: the whole history is read, not emitted. */
export const NO_CLOCK_START = '2000-01-01T00:00:00Z';

/**
 * Start = Now: the API's own time (the Date header of a cheap call) is the activation point;
 * reading starts the margin before it, so that what is present at activation is read (and not
 * emitted) by the activating poll.
 */
export async function apiStart(client: RezStreamClient): Promise<{ from: string; primeUntil: string }> {
	const response = await client.request({ method: 'GET', url: '/auth/tokendetails' });
	const date = Date.parse(headerValue(response.headers, 'date') ?? '');
	if (Number.isNaN(date)) return { from: NO_CLOCK_START, primeUntil: NO_CLOCK_START };
	return { from: new Date(date - START_MARGIN_MS).toISOString(), primeUntil: new Date(date).toISOString() };
}

/** Manual "fetch test event": windows tried, smallest first, and pages read per window. */
const SAMPLE_WINDOWS_HOURS = [1, 24, 24 * 7, 24 * 30, 24 * 365];
const SAMPLE_MAX_PAGES = 20;

/** The most recently changed reservation (of the chosen statuses), looking back from the API's own time. */
export async function sampleReservation(
	node: INode,
	client: RezStreamClient,
	settings: { fetchFull: boolean; statuses: string[]; deadline: Deadline },
): Promise<IDataObject> {
	const probe = await client.request({ method: 'GET', url: '/auth/tokendetails' });
	const apiNow = Date.parse(headerValue(probe.headers, 'date') ?? '');
	const now = Number.isNaN(apiNow) ? Date.now() : apiNow;
	const wanted = new Set(settings.statuses);
	for (const hours of SAMPLE_WINDOWS_HOURS) {
		const from = new Date(now - hours * 3_600_000 - START_MARGIN_MS).toISOString();
		const guard = client.pagingGuard((item) => `${(item as Reservation).id}@${(item as Reservation).updatedAt}`);
		let page = await client.page<unknown>('/reservations/updated', { from, limit: MAX_PAGE_SIZE });
		guard.noteUrl(page.url);
		guard.afterPage(page.items, page.url);
		let latest: Reservation | undefined;
		for (let pages = 1; ; pages++) {
			const reservations = reservationsOf(node, page);
			if (reservations.length === 0) break;
			for (const r of reservations) if (wanted.size === 0 || wanted.has(String(r.status ?? ''))) latest = r;
			const next = findLink(page.links, 'next');
			if (!next || pages >= SAMPLE_MAX_PAGES) break;
			guard.beforePage(next);
			page = await client.page<unknown>(next);
			guard.afterPage(page.items, page.url);
		}
		if (latest) return settings.fetchFull ? await fetchDetail(client, latest, settings.deadline) : latest;
	}
	throw new NodeOperationError(
		node,
		`No reservation${wanted.size ? ` with status ${[...wanted].join(' or ')}` : ''} was created or changed in the last year, so there is no test event`,
		{
			description:
				'Create or change a reservation in rezStream (or pick another tenant or status) and fetch again. The trigger itself is not affected.',
		},
	);
}
