/**
 * The token life of credentials that obtain their own access tokens in `preAuthentication`
 * (n8n's OAuth2 machinery does not cover them: OAuth2 password grant, Kaizala's refresh-token
 * headers). Shared by every such credential:
 * - one token request through n8n's `httpRequest`, whose failure is turned into a
 *   `TokenRequestError` that carries the server's status and answer, and never the request
 *   (so no secret travels inside it);
 * - an expiry with a safety margin, so that a token is renewed before it runs out;
 * - refresh-token rotation: a new refresh token replaces the stored one, and an empty answer
 *   never overwrites it;
 * - fallback from one grant to the next when the first one is refused.
 *
 * Nothing here knows a vendor: the credential says what to send and how to read the answer.
 */
import type { IDataObject, IHttpRequestHelper, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { extractHttpFailure, parseMaybeJson } from '../transport/errors';

/** The HTTP side of a failed token request: status, parsed answer, network code. */
export interface TokenFailure {
	status?: number;
	body: unknown;
	networkCode?: string;
}

/**
 * A token request that failed. Deliberately plain: it has no `response`, `status` or `code`
 * property, so n8n neither retries `preAuthentication` on it as if an API call had answered 401
 * nor replaces its message with a generic HTTP text. `tokenFailure` keeps what the server said.
 */
export class TokenRequestError extends Error {
	description?: string;

	tokenFailure: TokenFailure;

	/** The grant (or request kind) that failed, e.g. "refresh_token". */
	grant: string;

	constructor(message: string, grant: string, failure: TokenFailure, description?: string) {
		super(message);
		this.name = 'TokenRequestError';
		this.grant = grant;
		this.tokenFailure = failure;
		if (description) this.description = description;
	}
}

export interface TokenRequestSpec {
	method: IHttpRequestMethods;
	url: string;
	headers?: Record<string, string>;
	/** Sent as JSON (`application/json`, no parameters) or as a form; omitted when undefined. */
	body?: Record<string, string>;
	bodyFormat?: 'json' | 'form';
	timeoutMs?: number;
}

/**
 * Sends one token request with n8n's plain `httpRequest` (the credential is not applied: this
 * is how the credential gets its token). Answers the parsed JSON body; throws `TokenFailure`
 * wrapped by the caller's `explain` into a `TokenRequestError`.
 */
export async function sendTokenRequest(
	helper: IHttpRequestHelper,
	spec: TokenRequestSpec,
	grant: string,
	explain: (failure: TokenFailure, grant: string) => { message: string; description?: string },
): Promise<IDataObject> {
	const headers: Record<string, string> = { Accept: 'application/json', ...spec.headers };
	const options: IHttpRequestOptions = {
		method: spec.method,
		url: spec.url,
		headers,
		json: true,
		timeout: spec.timeoutMs ?? 30_000,
	};
	if (spec.body !== undefined) {
		if (spec.bodyFormat === 'form') {
			headers['Content-Type'] = 'application/x-www-form-urlencoded';
			options.body = new URLSearchParams(spec.body).toString();
		} else {
			headers['Content-Type'] = 'application/json';
			options.body = spec.body;
		}
	}
	// The failure is turned into a TokenRequestError after the catch: a credential has no node
	// for a NodeApiError, and n8n wraps what preAuthentication throws into one itself.
	let answer: unknown;
	let failure: TokenFailure | undefined;
	try {
		answer = await helper.helpers.httpRequest(options);
	} catch (error) {
		const raw = extractHttpFailure(error);
		failure = { status: raw.status, body: parseMaybeJson(raw.body), networkCode: raw.networkCode };
	}
	if (failure) {
		const text = explain(failure, grant);
		throw new TokenRequestError(text.message, grant, failure, text.description);
	}
	const body = parseMaybeJson(answer);
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		const text = explain({ status: 200, body }, grant);
		throw new TokenRequestError(text.message, grant, { status: 200, body }, text.description);
	}
	return body as IDataObject;
}

/** A grant to try: its name and how to run it. */
export interface GrantAttempt<T> {
	grant: string;
	run: () => Promise<T>;
}

/**
 * Runs the grants in order until one succeeds. A refused grant (`fallBack` says yes, e.g. a
 * revoked or rotated-away refresh token) moves on to the next one; any other failure, and the
 * failure of the last grant, is thrown. Answers the result and the grants that were refused.
 */
export async function withFallback<T>(
	attempts: Array<GrantAttempt<T>>,
	fallBack: (error: TokenRequestError) => boolean,
): Promise<{ result: T; grant: string; refused: string[] }> {
	const refused: string[] = [];
	let lastError: unknown = new Error('No grant to try');
	for (let i = 0; i < attempts.length; i++) {
		const attempt = attempts[i];
		let failed = false;
		try {
			return { result: await attempt.run(), grant: attempt.grant, refused };
		} catch (error) {
			failed = true;
			lastError = error;
		}
		const last = i === attempts.length - 1;
		if (failed && (last || !(lastError instanceof TokenRequestError) || !fallBack(lastError))) break;
		refused.push(attempt.grant);
	}
	throw lastError;
}

/**
 * How long before its expiry a token is renewed: a fifth of its life, at least 1 second and at
 * most 5 minutes. A 60-second token is renewed after 48 s, a 2-hour or 24-hour one 5 minutes
 * early: room for the clock difference and for the request that uses it. Unknown life: 5 s.
 */
export function safetyMarginMs(lifetimeMs: number): number {
	if (!Number.isFinite(lifetimeMs) || lifetimeMs <= 0) return 5_000;
	return Math.min(300_000, Math.max(1_000, Math.round(lifetimeMs / 5)));
}

/** A token's life as stored: when it was obtained and when it expires (epoch ms; 0 = unknown). */
export interface TokenLife {
	obtainedAt: number;
	expiresAt: number;
}

/** From `expires_in` seconds (OAuth2) measured from the moment the answer arrived. */
export function lifeFromExpiresIn(nowMs: number, expiresIn: unknown): TokenLife {
	const seconds = typeof expiresIn === 'string' && expiresIn.trim() !== '' ? Number(expiresIn) : expiresIn;
	if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return { obtainedAt: nowMs, expiresAt: 0 };
	return { obtainedAt: nowMs, expiresAt: nowMs + Math.round(seconds * 1000) };
}

/** From an absolute expiry in epoch milliseconds (Kaizala's `accessTokenExpiry`). */
export function lifeFromExpiryMs(nowMs: number, expiresAtMs: unknown): TokenLife {
	const at = typeof expiresAtMs === 'string' && expiresAtMs.trim() !== '' ? Number(expiresAtMs) : expiresAtMs;
	if (typeof at !== 'number' || !Number.isFinite(at) || at <= 0) return { obtainedAt: nowMs, expiresAt: 0 };
	return { obtainedAt: nowMs, expiresAt: at };
}

function asNumber(value: unknown): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

/**
 * Whether a token should be renewed now: there is none, or its expiry minus the safety margin
 * has passed. A token of unknown expiry is used until the API refuses it (401).
 */
export function renewalDue(accessToken: unknown, life: { obtainedAt: unknown; expiresAt: unknown }, nowMs: number): boolean {
	if (typeof accessToken !== 'string' || accessToken === '') return true;
	const expiresAt = asNumber(life.expiresAt);
	if (expiresAt <= 0) return false;
	const obtainedAt = asNumber(life.obtainedAt);
	const margin = safetyMarginMs(obtainedAt > 0 ? expiresAt - obtainedAt : Number.NaN);
	return nowMs >= expiresAt - margin;
}

/**
 * The refresh token to store after a grant.
 * - The answer carries a new one (rotation): that one.
 * - It carries none, or an empty one: the one already held stays (never store an empty value
 *   over a good token), unless that one was just refused, in which case it is dropped.
 */
export function nextRefreshToken(held: string, answered: unknown, heldWasRefused: boolean): string {
	if (typeof answered === 'string' && answered !== '') return answered;
	return heldWasRefused ? '' : held;
}
