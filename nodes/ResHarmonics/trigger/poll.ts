/**
 * One poll of the Res:harmonics Trigger: the cursor (a last-updated timestamp, trailing by a
 * margin for late commits, with the changes already handled at or after it) read from static
 * data, the shared drain run from it, and the cursor written back only after every request
 * succeeded. Manual mode ("Fetch test event") shows the latest change and leaves the cursor alone.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { pollDeadline } from '../../shared/poll/budget';
import { countStalls, drainPages } from '../../shared/poll/drain';
import { earlierInstant, SeenWindow } from '../../shared/poll/seen';
import { readCursor, writeCursor } from '../../shared/poll/state';
import { quote } from '../../shared/transport/errors';
import { requireInstant } from '../../shared/validation';
import { instantInZone } from '../../shared/plainDate';
import { credentialTypeOf, resHarmonicsClient } from '../transport';
import type { Change, TriggerEvent } from './rows';
import { apiNow, changeSource, latestChange } from './source';
import type { SweepCursor } from './source';

export const CURSOR_VERSION = 1;

/**
 * How long after its timestamp a write may still commit and be delivered: every poll reads again
 * from this far before the newest change handled (the changes already handled are skipped).
 */
export const LATE_COMMIT_MS = 5 * 60_000;
/** Changes remembered inside that margin; past it, the margin shrinks (no change is repeated). */
export const MAX_SEEN = 2_000;

export interface TriggerCursor extends SweepCursor {
	stalls?: number;
}

const EVENTS: TriggerEvent[] = ['bookingCreatedOrUpdated', 'roomStayCreatedOrUpdated'];

export async function pollChanges(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const node = ctx.getNode();
	const deadline = pollDeadline(ctx);
	const authentication = ctx.getNodeParameter('authentication', 'oAuth2') as string;
	const event = ctx.getNodeParameter('event', 'bookingCreatedOrUpdated') as TriggerEvent;
	const startAt = ctx.getNodeParameter('startAt', 'now') as string;
	if (!EVENTS.includes(event)) {
		throw new NodeOperationError(node, `Event: ${quote(event)} is not one of Booking Created or Updated, Room Stay Created or Updated`);
	}
	if (startAt !== 'now' && startAt !== 'dateTime') {
		throw new NodeOperationError(node, `Start: ${quote(startAt)} is not one of Now, At a Date and Time`);
	}
	const startDateTime =
		startAt === 'dateTime'
			? requireInstant(node, 'Start Date and Time', instantInZone(ctx.getNodeParameter('startDateTime', ''), ctx.getTimezone()))
			: undefined;
	// Read once per poll: a credential edited while the workflow is active applies at the next poll.
	const client = await resHarmonicsClient(ctx, { authentication, fresh: true, deadline });

	if (ctx.getMode() === 'manual') {
		const latest = await latestChange(node, client, event, deadline);
		if (!latest) {
			throw new NodeOperationError(node, `No ${event === 'bookingCreatedOrUpdated' ? 'booking' : 'room stay'} was created or changed in the last year, so there is no test event`, {
				description: 'Create or change one in Res:harmonics and fetch again. The trigger itself is not affected.',
			});
		}
		return [[{ json: latest.json }]];
	}

	const credentialType = credentialTypeOf(authentication) ?? authentication;
	const credentialId = node.credentials?.[credentialType]?.id ?? '';
	// The cursor belongs to the choice, not to a value that moves by itself (an expression is keyed by its text).
	const startText = startAt === 'dateTime' ? String(node.parameters?.startDateTime ?? '') : '';
	const key = JSON.stringify([event, credentialType, credentialId, startAt, startText]);
	const stored = readCursor<TriggerCursor>(ctx, key, CURSOR_VERSION);
	// Start = Now: the poll that activates reads from the late-commit margin before the API's own
	// time (its Date header) and emits nothing: what it finds was there before activation and is
	// only remembered, so a write that commits later with a timestamp inside the margin still comes.
	const activating = typeof stored?.from !== 'string' && startAt === 'now';
	const cursor: TriggerCursor =
		typeof stored?.from === 'string'
			? stored
			: { from: startDateTime ?? earlierInstant(await apiNow(node, client, event, deadline), LATE_COMMIT_MS), seen: [] };
	const window = new SeenWindow(cursor, { lookbackMs: LATE_COMMIT_MS, maxKeys: MAX_SEEN });
	const before = cursor.at;
	const sweptBefore = cursor.sweep;
	const result = await drainPages<Change>({
		node,
		deadline,
		source: changeSource(node, client, event, cursor),
		select: (changes) => changes.map((c) => !activating && window.isNew(c.timestamp, c.key)),
		pass: (change) => window.pass(change.timestamp, change.key),
		item: (change) => change.json,
	});
	window.store();
	countStalls(cursor, result, activating || result.items.length > 0 || result.caughtUp || cursor.at !== before || cursor.sweep !== sweptBefore);
	// Only now, with every request done, does the cursor move (n8n saves it with the emitted items).
	writeCursor(ctx, key, CURSOR_VERSION, cursor);
	return result.items.length ? [result.items.map((json: IDataObject) => ({ json }))] : null;
}
