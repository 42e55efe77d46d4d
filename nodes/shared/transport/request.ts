/**
 * The request kernel every vendor's transport is built on: one authenticated request through
 * n8n's `httpRequestWithAuthentication` (so n8n applies the credential and refreshes OAuth2
 * tokens), a same-origin guard, bounded retries with backoff that honour `Retry-After`, and
 * errors shaped into NodeApiError with the vendor's message and no secrets.
 */
import { sleep } from 'n8n-workflow';
import type {
	FunctionsBase,
	IAdditionalCredentialOptions,
	IAllExecuteFunctions,
	ICredentialsDecrypted,
	IDataObject,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
	RequestHelperFunctions,
} from 'n8n-workflow';

import { apiError, extractHttpFailure, headerValue, redact, vendorMessage } from './errors';
import type { HttpFailure } from './errors';
import { backoffDelay, parseRetryAfter, retryPolicy, shouldRetry } from './retry';

/** What the kernel needs from any n8n context (execute, poll, load options, hooks). */
export interface HttpContext {
	helpers: Pick<RequestHelperFunctions, 'httpRequestWithAuthentication'>;
	getNode(): INode;
	getCredentials: FunctionsBase['getCredentials'];
}

export interface HttpResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, unknown>;
	body: T;
	/** The URL that was requested, with its query string, for resolving relative links. */
	url: string;
}

export interface RequestSpec {
	method: IHttpRequestMethods;
	/** A path below the base URL ("/reservations") or an absolute URL on the same origin. */
	url: string;
	qs?: IDataObject;
	body?: unknown;
	headers?: Record<string, string>;
	itemIndex?: number;
}

/** A vendor's resolved connection: where to send, what to add, and how to explain failures. */
export interface VendorConnection {
	vendor: string;
	credentialType: string;
	baseUrl: string;
	headers: Record<string, string>;
	/** Values that must never appear in an error text. */
	secrets: string[];
	/**
	 * The credential as already read for this run. Handed to n8n so that it does not decrypt
	 * the credential again for every request (n8n uses it for non-OAuth credentials; OAuth2
	 * always reads the stored token data itself, so that refreshed tokens are seen).
	 */
	credentialsDecrypted?: ICredentialsDecrypted;
	/** Turns a failure into a message that says what to fix; undefined = generic. */
	explain?: (
		failure: HttpFailure,
		spec: RequestSpec,
	) => Promise<{ message: string; description?: string } | undefined>;
	timeoutMs?: number;
	/**
	 * The base URL is only known to the credential (learned with its token, e.g. Kaizala's
	 * endpoint): paths are sent relative and the credential's `authenticate` resolves and checks
	 * them. `baseUrl` is then ignored.
	 */
	relativeUrls?: boolean;
	/** Told about every wait before a retry (for a closing log of throttling). */
	onRetry?: (info: { status?: number; waitMs: number; attempt: number }) => void;
}

/** Stands for the credential-resolved base of `relativeUrls` connections; never requested. */
const RELATIVE_BASE = 'http://relative.invalid/';

function buildUrl(baseUrl: string, url: string): URL {
	const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
	if (/^https?:\/\//i.test(url)) return new URL(url);
	return new URL(url.replace(/^\//, ''), base);
}

function appendQuery(url: URL, qs: IDataObject | undefined): void {
	if (!qs) return;
	for (const [key, value] of Object.entries(qs)) {
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, String(v));
		else url.searchParams.set(key, String(value));
	}
}

const STATUS_TEXT: Record<number, string> = {
	400: 'rejected the request as invalid',
	401: 'did not accept the credentials',
	403: 'refused the request (forbidden)',
	404: 'could not find what was asked for',
	409: 'reported a conflict',
	422: 'could not process the request',
	429: 'is rate limiting requests',
};

function genericMessage(vendor: string, failure: HttpFailure): string {
	if (failure.status === undefined) {
		// The network code goes into the description: n8n rewrites messages that contain one.
		return `Could not reach ${vendor}: check the API base URL in the credential and the network`;
	}
	const text =
		STATUS_TEXT[failure.status] ??
		(failure.status >= 500 ? 'failed to process the request' : 'answered with an error');
	return `${vendor} ${text} (HTTP ${failure.status})`;
}

/**
 * Sends one request and returns the full response. Retries 429 (any method) and 5xx or
 * network failures (idempotent methods only), at most `retryPolicy.maxRetries` times.
 */
export async function sendRequest<T = unknown>(
	ctx: HttpContext,
	connection: VendorConnection,
	spec: RequestSpec,
): Promise<HttpResponse<T>> {
	const node = ctx.getNode();
	const baseUrl = connection.relativeUrls ? RELATIVE_BASE : connection.baseUrl;
	const target = buildUrl(baseUrl, spec.url);
	const origin = new URL(baseUrl).origin;
	if (target.origin !== origin) {
		throw apiError(node, {
			message: `Refused to send the ${connection.vendor} credential to ${target.origin}`,
			description: `Only ${origin} (the API base URL of the credential) is trusted; the server pointed to another host.`,
			itemIndex: spec.itemIndex,
		});
	}
	appendQuery(target, spec.qs);
	const url = connection.relativeUrls ? `${target.pathname}${target.search}` : target.toString();
	const options: IHttpRequestOptions = {
		method: spec.method,
		url,
		headers: { Accept: 'application/json', ...connection.headers, ...spec.headers },
		json: true,
		returnFullResponse: true,
		timeout: connection.timeoutMs ?? 60_000,
	};
	if (spec.body !== undefined) options.body = spec.body as IHttpRequestOptions['body'];
	const credentialOptions: IAdditionalCredentialOptions | undefined = connection.credentialsDecrypted
		? { credentialsDecrypted: connection.credentialsDecrypted }
		: undefined;

	for (let attempt = 0; ; attempt++) {
		try {
			const response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx as unknown as IAllExecuteFunctions,
				connection.credentialType,
				{ ...options, headers: { ...options.headers } },
				credentialOptions,
			)) as { statusCode: number; headers: Record<string, unknown>; body: T };
			return { statusCode: response.statusCode, headers: response.headers ?? {}, body: response.body, url };
		} catch (error) {
			const failure = extractHttpFailure(error);
			if (attempt < retryPolicy.maxRetries && shouldRetry(spec.method, failure.status, failure.networkCode)) {
				const retryAfter = parseRetryAfter(headerValue(failure.headers, 'retry-after'), Date.now());
				if (retryAfter === undefined || retryAfter <= retryPolicy.maxRetryAfterMs) {
					const waitMs = retryAfter ?? backoffDelay(attempt);
					connection.onRetry?.({ status: failure.status, waitMs, attempt });
					await sleep(waitMs);
					continue;
				}
			}
			throw await shapeError(node, connection, spec, failure, attempt);
		}
	}
}

async function shapeError(
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
	const vendorText = vendorMessage(failure.body);
	const message = explained?.message ?? genericMessage(connection.vendor, failure);
	const details: string[] = [];
	if (explained?.description) details.push(explained.description);
	if (vendorText) details.push(`${connection.vendor} says: ${vendorText}`);
	if (failure.status === undefined && failure.networkCode) details.push(`Network error ${failure.networkCode}.`);
	else if (failure.status === undefined && !vendorText && failure.rawMessage) details.push(failure.rawMessage);
	if (attempt > 0) details.push(`Gave up after ${attempt + 1} attempts.`);
	if (failure.status === 429) {
		const wait = headerValue(failure.headers, 'retry-after');
		if (wait) details.push(`The server asked to wait ${wait}${/^\d+$/.test(wait) ? ' s' : ''} before retrying.`);
	}
	if (!spec.method.match(/^(GET|HEAD)$/i) && failure.status !== undefined && failure.status >= 500) {
		details.push(
			'The write was not retried automatically because it may already have been applied: check before running it again.',
		);
	}
	return apiError(node, {
		message: redact(message, connection.secrets),
		description: details.length ? redact(details.join(' '), connection.secrets) : undefined,
		itemIndex: spec.itemIndex,
		status: failure.status,
	});
}
