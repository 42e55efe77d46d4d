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

import { apiError, clip, extractHttpFailure, headerValue, redact } from './errors';
import type { HttpFailure } from './errors';
import { deadlineError, deadlineIn, remainingMs, seconds, sooner } from './deadline';
import type { Deadline } from './deadline';
import { describeFailure, isAbort, pathOf, shapeError, timedOut } from './failure';
import { checkBody } from './responseShape';
import type { ExpectedBody } from './responseShape';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, shouldRetry } from './retry';
import type { RetryPolicy } from './retry';

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
	/** The documented shape of a successful answer; anything else is an error. Default: any JSON or empty. */
	expect?: ExpectedBody;
	/** A deadline of the caller (a poll's budget); the sooner of it and the node's own limit applies. */
	deadline?: Deadline;
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
	 * The secrets current at the moment an error is built (n8n may have refreshed a token since
	 * the connection was made). Read only when an error is shaped.
	 */
	currentSecrets?: () => Promise<string[]>;
	/** A deadline for every request made through this connection (a poll's budget). */
	deadline?: Deadline;
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
	/** Longest wait for one attempt's answer (connect, headers and body). */
	timeoutMs?: number;
	/**
	 * The base URL is only known to the credential (learned with its token, e.g. Kaizala's
	 * endpoint): paths are sent relative and the credential's `authenticate` resolves and checks
	 * them. `baseUrl` is then ignored.
	 */
	relativeUrls?: boolean;
	/** This connection's retry policy; default DEFAULT_RETRY_POLICY. */
	retry?: Readonly<RetryPolicy>;
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

/** Redirect statuses the kernel follows itself (n8n's own following is switched off). */
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

function refuseOrigin(connection: VendorConnection, node: INode, target: URL, itemIndex?: number, how = 'pointed to') {
	const origin = new URL(connection.baseUrl).origin;
	return apiError(node, {
		message: `Refused to send the ${connection.vendor} credential to ${target.origin}`,
		description: `Only ${origin} (the API base URL of the credential) is trusted; the server ${how} another host.`,
		itemIndex,
	});
}

/**
 * Sends one request and returns the full response.
 * - The credential goes only to the credential's own origin: `Link` URLs and redirects to any
 *   other origin are refused (n8n's own redirect following is switched off for that).
 * - Retries 429 (any method) and 5xx or network failures (idempotent methods only), at most
 *   `maxRetries` times of the connection's retry policy.
 * - One total deadline covers connect, headers, body, every retry and every wait: the node's
 *   own limit (the policy's `requestDeadlineMs`) or the caller's deadline, whichever is sooner.
 * - A success whose body is not the documented JSON is an error naming the URL and content type.
 */
export async function sendRequest<T = unknown>(
	ctx: HttpContext,
	connection: VendorConnection,
	spec: RequestSpec,
): Promise<HttpResponse<T>> {
	const node = ctx.getNode();
	// A connection with relativeUrls leaves the base to its credential (Kaizala learns it at token
	// time): the URL handed to n8n is the path, and redirects come back to the vendor's transport.
	const baseUrl = connection.relativeUrls ? RELATIVE_BASE : connection.baseUrl;
	const origin = new URL(baseUrl).origin;
	let target = buildUrl(baseUrl, spec.url);
	if (target.origin !== origin) throw refuseOrigin(connection, node, target, spec.itemIndex);
	appendQuery(target, spec.qs);
	const policy = connection.retry ?? DEFAULT_RETRY_POLICY;
	const deadline = sooner(
		deadlineIn(policy.requestDeadlineMs, `the node's limit of ${seconds(policy.requestDeadlineMs)} per request`),
		sooner(connection.deadline, spec.deadline),
	) as Deadline;
	const method = spec.method;
	let body = spec.body;
	const credentialOptions: IAdditionalCredentialOptions | undefined = connection.credentialsDecrypted
		? { credentialsDecrypted: connection.credentialsDecrypted }
		: undefined;
	const startedMs = Date.now();
	let redirects = 0;
	let lastFailure: HttpFailure | undefined;

	for (let attempt = 0; ; attempt++) {
		const url = connection.relativeUrls ? `${target.pathname}${target.search}` : target.toString();
		const left = remainingMs(deadline);
		if (left <= 0) throw timedOut(node, connection, spec, method, url, deadline, startedMs, attempt, lastFailure);
		const options: IHttpRequestOptions = {
			method,
			url,
			headers: { Accept: 'application/json', ...connection.headers, ...spec.headers },
			json: true,
			returnFullResponse: true,
			timeout: Math.max(1, Math.min(connection.timeoutMs ?? 60_000, left)),
			abortSignal: AbortSignal.timeout(Math.max(1, left)),
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		};
		if (body !== undefined) options.body = body as IHttpRequestOptions['body'];
		let response: { statusCode: number; headers: Record<string, unknown>; body: unknown } | undefined;
		let failure: HttpFailure | undefined;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx as unknown as IAllExecuteFunctions,
				connection.credentialType,
				options,
				credentialOptions,
			)) as { statusCode: number; headers: Record<string, unknown>; body: unknown };
		} catch (error) {
			failure = extractHttpFailure(error);
		}
		const status = response?.statusCode ?? failure?.status;
		if (!connection.relativeUrls && status !== undefined && REDIRECTS.has(status)) {
			const location = headerValue(response?.headers ?? failure?.headers ?? {}, 'location');
			const next = location ? safeUrl(location, url) : undefined;
			if (next && next.origin !== origin) throw refuseOrigin(connection, node, next, spec.itemIndex, 'redirected to');
			const keepsMethod = status === 307 || status === 308;
			if (next && redirects < MAX_REDIRECTS && (keepsMethod || /^(GET|HEAD)$/i.test(method))) {
				redirects++;
				target = next;
				if (!keepsMethod) body = undefined;
				attempt--;
				continue;
			}
		}
		if (response && status !== undefined && status < 300) {
			const problem = checkBody(response.headers ?? {}, response.body, spec.expect);
			if (problem) {
				throw apiError(node, {
					message: `${connection.vendor} answered ${method} ${clip(pathOf(url), 120)} with ${problem.what}, not its documented answer`,
					description: redact(
						`${method} ${clip(url, 300)} returned HTTP ${status} with content type ${problem.contentType}. ${problem.why} Nothing from this answer was used; often a proxy, a captive portal or a maintenance page answers like this.`,
						connection.secrets,
					),
					itemIndex: spec.itemIndex,
					status,
				});
			}
			return { statusCode: status, headers: response.headers ?? {}, body: response.body as T, url };
		}
		failure = failure ?? { status, headers: response?.headers ?? {}, body: response?.body };
		lastFailure = failure;
		if (remainingMs(deadline) <= 0 || (failure.status === undefined && isAbort(failure))) {
			throw timedOut(node, connection, spec, method, url, deadline, startedMs, attempt + 1, failure);
		}
		if (attempt < policy.maxRetries && shouldRetry(method, failure.status, failure.networkCode)) {
			const retryAfter = parseRetryAfter(headerValue(failure.headers, 'retry-after'), Date.now());
			if (retryAfter === undefined || retryAfter <= policy.maxRetryAfterMs) {
				const wait = retryAfter ?? backoffDelay(attempt, policy);
				if (wait >= remainingMs(deadline)) {
					const asked = retryAfter !== undefined ? `asked to wait ${seconds(wait)} (Retry-After)` : `would have to wait ${seconds(wait)} before retrying`;
					throw deadlineError(node, {
						message: `${connection.vendor} ${asked}, beyond ${deadline.label}`,
						description: await describeFailure(connection, spec, failure, attempt, `Stopped after ${attempt + 1} attempt(s) of ${method} ${clip(pathOf(url), 120)}: only ${seconds(remainingMs(deadline))} were left of ${deadline.label}.`),
						itemIndex: spec.itemIndex,
					});
				}
				connection.onRetry?.({ status: failure.status, waitMs: wait, attempt });
				await sleep(wait);
				continue;
			}
		}
		throw await shapeError(node, connection, spec, failure, attempt);
	}
}

function safeUrl(location: string, base: string): URL | undefined {
	try {
		return new URL(location, base);
	} catch {
		return undefined;
	}
}

