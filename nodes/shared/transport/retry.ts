/**
 * Retry policy shared by every vendor: which failures are worth another attempt, and how
 * long to wait. The waiting itself uses n8n-workflow's `sleep` (no timers in node code).
 */
import type { IHttpRequestMethods } from 'n8n-workflow';

export interface RetryPolicy {
	/** Further attempts after the first one. */
	maxRetries: number;
	/** First backoff step; doubled on every further attempt. */
	baseDelayMs: number;
	/** Upper bound of one computed backoff step. */
	maxDelayMs: number;
	/** A `Retry-After` longer than this is not waited for: the error is raised instead. */
	maxRetryAfterMs: number;
	/**
	 * The node's own total limit for one request: connect, headers, body, every retry and every
	 * wait. A poll's remaining budget shortens it.
	 */
	requestDeadlineMs: number;
}

/**
 * The policy of every connection that is not given its own (see connection.ts). Frozen: a
 * connection, a host or a test that wants other waits passes its own policy, and changes
 * nothing for anyone else.
 */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
	maxRetries: 4,
	baseDelayMs: 1000,
	maxDelayMs: 30_000,
	maxRetryAfterMs: 120_000,
	requestDeadlineMs: 150_000,
});

const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const RETRYABLE_5XX: ReadonlySet<number> = new Set([500, 502, 503, 504]);
const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
	'ECONNREFUSED',
]);

export function isIdempotent(method: IHttpRequestMethods): boolean {
	return IDEMPOTENT.has(method.toUpperCase());
}

/**
 * Whether a failed attempt may be repeated.
 * - 429 means the request was refused before it was processed, so any method may retry.
 * - 5xx and network failures may have happened after a write was applied: only idempotent
 *   methods retry them, so a POST is never replayed blindly.
 */
export function shouldRetry(
	method: IHttpRequestMethods,
	status: number | undefined,
	networkCode: string | undefined,
): boolean {
	if (status === 429) return true;
	if (!isIdempotent(method)) return false;
	if (status !== undefined) return RETRYABLE_5XX.has(status);
	return networkCode !== undefined && RETRYABLE_NETWORK_CODES.has(networkCode);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (typeof text !== 'string' && typeof text !== 'number') return undefined;
	const trimmed = String(text).trim();
	if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
	const at = Date.parse(trimmed);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, at - nowMs);
}

/** Exponential backoff with equal jitter for attempt `attempt` (0 = first retry). */
export function backoffDelay(attempt: number, policy: Readonly<RetryPolicy> = DEFAULT_RETRY_POLICY): number {
	const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.round(step / 2 + (Math.random() * step) / 2);
}
