/**
 * How the request kernel explains a failure: the generic message per status, the vendor's own
 * words, the attempts made, a deadline that passed. Every text is redacted with the secrets
 * current at that moment and cut to a readable length.
 */
import type { INode } from 'n8n-workflow';

import { apiError, clip, headerValue, redact, vendorMessage } from './errors';
import type { HttpFailure } from './errors';
import { deadlineError, seconds } from './deadline';
import type { Deadline } from './deadline';
import { isIdempotent } from './retry';
import type { RequestSpec, VendorConnection } from './request';

const STATUS_TEXT: Record<number, string> = {
	400: 'rejected the request as invalid',
	401: 'did not accept the credentials',
	403: 'refused the request (forbidden)',
	404: 'could not find what was asked for',
	409: 'reported a conflict',
	422: 'could not process the request',
	429: 'is rate limiting requests',
};

export function genericMessage(vendor: string, failure: HttpFailure): string {
	if (failure.status === undefined) {
		// The network code goes into the description: n8n rewrites messages that contain one.
		return `Could not reach ${vendor}: check the API base URL in the credential and the network`;
	}
	const text =
		STATUS_TEXT[failure.status] ??
		(failure.status >= 500 ? 'failed to process the request' : 'answered with an error');
	return `${vendor} ${text} (HTTP ${failure.status})`;
}

export function pathOf(url: string): string {
	const u = new URL(url);
	return u.pathname;
}

export function isAbort(failure: HttpFailure): boolean {
	const code = failure.networkCode ?? '';
	return code === 'ERR_CANCELED' || code === 'ABORT_ERR' || /abort|cancel/i.test(failure.rawMessage ?? '');
}

export function timedOut(
	node: INode,
	connection: VendorConnection,
	spec: RequestSpec,
	method: string,
	url: string,
	deadline: Deadline,
	startedMs: number,
	attempts: number,
	failure: HttpFailure | undefined,
) {
	const waited = seconds(Date.now() - startedMs);
	const last = failure?.status !== undefined ? ` The last answer was HTTP ${failure.status}.` : '';
	return deadlineError(node, {
		message: `${connection.vendor} did not answer ${method} ${clip(pathOf(url), 120)} within ${deadline.label}`,
		description: redact(
			`Waited ${waited} in ${Math.max(1, attempts)} attempt(s) for a complete answer (connection, headers and body, retries and waits included) to ${method} ${clip(url, 300)}.${last} Check that the API base URL is right and the service is up.`,
			connection.secrets,
		),
		itemIndex: spec.itemIndex,
	});
}

export async function secretsNow(connection: VendorConnection): Promise<string[]> {
	let current: string[] = [];
	try {
		current = (await connection.currentSecrets?.()) ?? [];
	} catch {
		current = [];
	}
	return [...connection.secrets, ...current];
}

export async function describeFailure(
	connection: VendorConnection,
	spec: RequestSpec,
	failure: HttpFailure,
	attempt: number,
	lead?: string,
): Promise<string> {
	const vendorText = vendorMessage(failure.body);
	const details: string[] = [];
	if (lead) details.push(lead);
	if (vendorText) details.push(`${connection.vendor} says: ${vendorText}`);
	if (failure.status === undefined && failure.networkCode) details.push(`Network error ${failure.networkCode}.`);
	else if (failure.status === undefined && !vendorText && failure.rawMessage) details.push(clip(failure.rawMessage));
	if (attempt > 0 && !lead) details.push(`Gave up after ${attempt + 1} attempts.`);
	return redact(details.join(' '), await secretsNow(connection));
}

export async function shapeError(
	node: INode,
	connection: VendorConnection,
	spec: RequestSpec,
	failure: HttpFailure,
	attempt: number,
) {
	let explained: { message: string; description?: string } | undefined;
	try {
		explained = await connection.explain?.(failure, spec);
	} catch {
		explained = undefined;
	}
	const secrets = await secretsNow(connection);
	const message = explained?.message ?? genericMessage(connection.vendor, failure);
	const details: string[] = [];
	if (explained?.description) details.push(explained.description);
	const described = await describeFailure(connection, spec, failure, attempt);
	if (described) details.push(described);
	if (failure.status === 429) {
		const wait = headerValue(failure.headers, 'retry-after');
		if (wait) details.push(`The server asked to wait ${clip(wait, 40)}${/^\d+$/.test(wait) ? ' s' : ''} before retrying.`);
	}
	if (!isIdempotent(spec.method) && failure.status !== undefined && failure.status >= 500) {
		details.push(
			'The write was not retried automatically because it may already have been applied: check before running it again.',
		);
	}
	return apiError(node, {
		message: clip(redact(message, secrets)),
		description: details.length ? clip(redact(details.join(' '), secrets), 2000) : undefined,
		itemIndex: spec.itemIndex,
		status: failure.status,
	});
}
