/**
 * Deadlines shared by every vendor: one moment by which a whole request (connect, headers,
 * body, every retry and every wait) or a whole poll must be done, and the error that says
 * what was waited for when it passes.
 */
import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

export interface Deadline {
	/** Epoch milliseconds. */
	atMs: number;
	/** What sets it, for the error text: "the node's limit of 120 s", "the poll's budget of 36 s". */
	label: string;
}

/** The sooner of two deadlines (either may be absent). */
export function sooner(a: Deadline | undefined, b: Deadline | undefined): Deadline | undefined {
	if (!a) return b;
	if (!b) return a;
	return b.atMs < a.atMs ? b : a;
}

export function remainingMs(deadline: Deadline, nowMs = Date.now()): number {
	return Math.max(0, deadline.atMs - nowMs);
}

export function seconds(ms: number): string {
	return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** A deadline `ms` from now. */
export function deadlineIn(ms: number, label: string, nowMs = Date.now()): Deadline {
	return { atMs: nowMs + Math.max(0, ms), label };
}

const DEADLINE_MARK = 'deadlineReached';

/**
 * The error raised when a deadline passes. It is a NodeApiError (so n8n shows it like any API
 * failure) marked so that a poll can tell it from other failures and end cleanly.
 */
export function deadlineError(
	node: INode,
	options: { message: string; description: string; itemIndex?: number },
): NodeApiError {
	const payload: JsonObject = { message: options.message };
	const error = new NodeApiError(node, payload, {
		message: options.message,
		description: options.description,
		itemIndex: options.itemIndex,
	});
	(error as unknown as Record<string, unknown>)[DEADLINE_MARK] = true;
	return error;
}

/** True for an error raised because a deadline passed (not because the server refused). */
export function isDeadlineError(error: unknown): boolean {
	return !!error && typeof error === 'object' && (error as Record<string, unknown>)[DEADLINE_MARK] === true;
}
