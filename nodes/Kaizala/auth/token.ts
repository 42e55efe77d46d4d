/**
 * Kaizala's connector token, run by the `kaizalaApi` credential's `preAuthentication` on the
 * shared token helper:
 * - `GET {apiRoot}/accessToken` with the headers `applicationId`, `applicationSecret` and
 *   `refreshToken`;
 * - the answer's `accessToken`, `endpointUrl` (checked: see endpoint.ts) and `accessTokenExpiry`
 *   (epoch ms) are returned, so n8n stores them;
 * - the answer's `refreshToken` is empty until 90% of the refresh token's life; a new one
 *   replaces the stored one, an empty one never does;
 * - a 308 move noted by the node (`movedTo`) becomes the stored endpoint.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { lifeFromExpiryMs, nextRefreshToken, renewalDue, sendTokenRequest, TokenRequestError } from '../../shared/auth/token';
import type { TokenFailure } from '../../shared/auth/token';
import { redact } from '../../shared/transport/errors';
import { apiBase, checkEndpoint, checkUrl, normaliseApiRoot, parseAllowedDomains, tryEndpoint } from './endpoint';
import type { EndpointRule } from './endpoint';

/** Every message of a failed token request starts with this (the node recognises it). */
export const KAIZALA_SIGN_IN_FAILED = 'Kaizala sign-in failed';

export interface KaizalaSettings extends EndpointRule {
	applicationId: string;
	applicationSecret: string;
	refreshToken: string;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value).trim();
}

function fail(message: string, description?: string): never {
	throw new TokenRequestError(`${KAIZALA_SIGN_IN_FAILED}: ${message}`, 'settings', { body: undefined }, description);
}

export function readSettings(credentials: ICredentialDataDecryptedObject): KaizalaSettings {
	let apiRoot: string;
	try {
		apiRoot = normaliseApiRoot(credentials.apiRoot);
	} catch (error) {
		return fail((error as Error).message);
	}
	const settings: KaizalaSettings = {
		apiRoot,
		allowedDomains: parseAllowedDomains(credentials.allowedDomains),
		applicationId: text(credentials.applicationId),
		applicationSecret: typeof credentials.applicationSecret === 'string' ? credentials.applicationSecret.trim() : '',
		refreshToken: typeof credentials.refreshToken === 'string' ? credentials.refreshToken.trim() : '',
	};
	if (!settings.applicationId) fail('Application ID is empty', 'Enter the connector ID from the Kaizala management portal.');
	if (!settings.applicationSecret) fail('Application Secret is empty', 'Enter the connector secret from the Kaizala management portal.');
	if (!settings.refreshToken) fail('Refresh Token is empty', 'Generate a refresh token for the connector in the Kaizala management portal.');
	return settings;
}

/** Which settings a stored token belongs to: another root, connector or domain list starts afresh. */
export function tokenOwner(settings: EndpointRule & { applicationId: string }): string {
	return [settings.apiRoot, settings.applicationId, settings.allowedDomains.join(',')].join('\n');
}

function errorFields(body: unknown): { message: string; code: string } {
	const record = body && typeof body === 'object' ? (body as IDataObject) : {};
	// Kaizala: {message, errorCode, errorCategoryKey}; ASP.NET for unrouted paths: {Message}.
	const pick = (...keys: string[]) => {
		for (const [k, v] of Object.entries(record)) if (keys.includes(k.toLowerCase()) && typeof v === 'string') return v.trim();
		return '';
	};
	return { message: pick('message'), code: pick('errorcode') };
}

export function explainTokenFailure(settings: KaizalaSettings) {
	const secrets = [settings.applicationSecret, settings.refreshToken];
	const where = `${settings.apiRoot}/accessToken`;
	return (failure: TokenFailure): { message: string; description?: string } => {
		if (failure.status === undefined) {
			return {
				message: `${KAIZALA_SIGN_IN_FAILED}: could not reach ${where}. Check API Root in the credential and the network.`,
				description: failure.networkCode ? `Network error ${failure.networkCode}.` : undefined,
			};
		}
		const { message, code } = errorFields(failure.body);
		const said = message || code ? ` Kaizala says: ${redact([code, message].filter(Boolean).join(': '), secrets)}` : '';
		const about = `${code} ${message}`.toLowerCase();
		if (failure.status === 401 || failure.status === 403 || failure.status === 400) {
			if (/refresh/.test(about)) {
				return {
					message: `${KAIZALA_SIGN_IN_FAILED}: the refresh token is invalid, expired or revoked. Generate a new one for the connector in the Kaizala management portal and paste it into the credential.${said}`,
				};
			}
			if (/application|secret|connector|client/.test(about)) {
				return {
					message: `${KAIZALA_SIGN_IN_FAILED}: wrong Application ID or Application Secret. Copy both from the connector in the Kaizala management portal.${said}`,
				};
			}
			return {
				message: `${KAIZALA_SIGN_IN_FAILED}: Kaizala refused the connector (HTTP ${failure.status}). Check Application ID, Application Secret and Refresh Token.${said}`,
			};
		}
		if (failure.status === 200) return { message: `${KAIZALA_SIGN_IN_FAILED}: ${where} did not answer with an access token. Check API Root.` };
		if (failure.status === 404) return { message: `${KAIZALA_SIGN_IN_FAILED}: there is no token service at ${where} (HTTP 404). Check API Root.${said}` };
		if (failure.status >= 500) return { message: `${KAIZALA_SIGN_IN_FAILED}: the token service failed (HTTP ${failure.status}). Try again later.${said}` };
		return { message: `${KAIZALA_SIGN_IN_FAILED}: the token service answered HTTP ${failure.status}.${said}` };
	};
}

/** What `preAuthentication` returns, and so what n8n stores in the credential. */
export interface StoredKaizalaToken extends IDataObject {
	accessToken: string;
	endpointUrl: string;
	accessTokenExpiry: number;
	obtainedAt: number;
	refreshToken: string;
	issuedFor: string;
	movedTo: string;
}

export async function obtainKaizalaToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	nowMs: () => number = Date.now,
): Promise<StoredKaizalaToken> {
	const settings = readSettings(credentials);
	const explain = explainTokenFailure(settings);
	const answer = await sendTokenRequest(
		helper,
		{
			method: 'GET',
			url: `${settings.apiRoot}/accessToken`,
			headers: {
				applicationId: settings.applicationId,
				applicationSecret: settings.applicationSecret,
				refreshToken: settings.refreshToken,
			},
			timeoutMs: 60_000,
		},
		'refreshToken',
		explain,
	);
	// JSON from ASP.NET may come in any letter case.
	const field = (name: string): unknown => {
		for (const [k, v] of Object.entries(answer)) if (k.toLowerCase() === name.toLowerCase()) return v;
		return undefined;
	};
	const accessToken = field('accessToken');
	if (typeof accessToken !== 'string' || accessToken === '') {
		throw new TokenRequestError(explain({ status: 200, body: undefined }).message, 'refreshToken', { status: 200, body: undefined });
	}
	const moved = text(credentials.movedTo);
	const checked = moved
		? tryEndpoint(moved, settings, 'the endpoint Kaizala moved to')
		: tryEndpoint(field('endpointUrl'), settings, 'the endpoint URL Kaizala answered');
	if ('refused' in checked) {
		throw new TokenRequestError(`${KAIZALA_SIGN_IN_FAILED}: ${checked.refused}`, 'refreshToken', { status: 200, body: undefined });
	}
	const endpointUrl = checked.endpoint;
	const life = lifeFromExpiryMs(nowMs(), field('accessTokenExpiry'));
	return {
		accessToken,
		endpointUrl,
		accessTokenExpiry: life.expiresAt,
		obtainedAt: life.obtainedAt,
		refreshToken: nextRefreshToken(settings.refreshToken, field('refreshToken'), false),
		issuedFor: tokenOwner(settings),
		movedTo: '',
	};
}

/** Whether the stored token must be renewed before the next call (none, expiring, other settings, a move). */
export function kaizalaRenewalDue(credentials: ICredentialDataDecryptedObject, nowMs: number): boolean {
	let owner: string;
	try {
		owner = tokenOwner(readSettings(credentials));
	} catch {
		return true; // preAuthentication reports what is wrong with the settings
	}
	if (credentials.issuedFor !== owner || !text(credentials.endpointUrl) || text(credentials.movedTo)) return true;
	return renewalDue(credentials.accessToken, { obtainedAt: credentials.obtainedAt, expiresAt: credentials.accessTokenExpiry }, nowMs);
}

/**
 * Adds the token to a request, only for an address the rule allows. A relative URL (the node's
 * calls) is resolved against `{endpointUrl}/v1`; an absolute one (HTTP Request node) must
 * itself pass the rule. Redirects are never followed with the token: Kaizala's 308 points at a
 * base URL, which the node re-checks and re-sends to.
 */
export function authenticateKaizala(credentials: ICredentialDataDecryptedObject, options: IHttpRequestOptions): IHttpRequestOptions {
	const rule: EndpointRule = {
		apiRoot: text(credentials.apiRoot),
		allowedDomains: parseAllowedDomains(credentials.allowedDomains),
	};
	const endpoint = checkEndpoint(credentials.endpointUrl, rule, 'the stored endpoint');
	const base = options.baseURL ? String(options.baseURL) : '';
	const raw = String(options.url ?? '');
	let url: string;
	if (/^https?:\/\//i.test(raw)) url = raw;
	else if (base) url = `${base.replace(/\/+$/, '')}/${raw.replace(/^\/+/, '')}`;
	else url = `${apiBase(endpoint)}/${raw.replace(/^\/+/, '')}`;
	checkUrl(url, rule, 'the request URL');
	const headers = { ...(options.headers ?? {}), accessToken: String(credentials.accessToken ?? '') };
	return { ...options, url, baseURL: undefined, headers, disableFollowRedirect: true };
}
