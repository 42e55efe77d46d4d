/**
 * Cursor state for polling triggers, kept in the node's static data.
 *
 * n8n saves static data only when a poll returns (with the execution it starts, or on its own
 * when the poll returns null) and never in manual runs. The workflow object, and so the static
 * data object, can outlive a failed poll in memory. So a poll works on a copy and writes it
 * back only at the very end, after every request has succeeded: a poll that throws leaves the
 * stored cursor exactly as it was.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';

const STATE_KEY = 'pollState';

export interface PollState<C> {
	/** Bumped when the shape changes; an unknown version starts afresh. */
	version: number;
	/** What the cursor belongs to (credential, start option, …): a change starts afresh. */
	key: string;
	cursor: C;
}

/** The stored cursor if it belongs to `key` and `version`, as a private copy; else undefined. */
export function readCursor<C>(ctx: IPollFunctions, key: string, version: number): C | undefined {
	const stored = ctx.getWorkflowStaticData('node')[STATE_KEY] as PollState<C> | undefined;
	if (!stored || stored.version !== version || stored.key !== key) return undefined;
	return JSON.parse(JSON.stringify(stored.cursor)) as C;
}

/** Stores the cursor; a no-op in manual mode, whose static data n8n does not keep anyway. */
export function writeCursor<C>(ctx: IPollFunctions, key: string, version: number, cursor: C): void {
	if (ctx.getMode() === 'manual') return;
	const data = ctx.getWorkflowStaticData('node');
	const state: PollState<C> = { version, key, cursor };
	data[STATE_KEY] = state as unknown as IDataObject;
}
