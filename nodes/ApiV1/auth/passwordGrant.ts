/**
 * The OAuth2 password grant of API v1 (a Rails API whose OAuth2 server is Doorkeeper), run by
 * the `apiV1OAuth2PasswordApi` credential's `preAuthentication`:
 * - the refresh grant first while a refresh token is held, the password grant when the refresh
 *   is refused (revoked, rotated away by another execution, expired) or none is held;
 * - `grant_type` goes in the body, where RFC 6749 (4.3.2, 6) puts it. Rails merges the query
 *   string into the parameters, so the template's own `?grant_type=password` and the body are
 *   the same to it, while a server that follows the RFC reads only the body. It also keeps the
 *   URL, which proxies log, free of anything but the path;
 * - the client authenticates in the body or with HTTP Basic, never both (RFC 6749 2.3);
 * - the answer's rotated refresh token is kept; an answer without one keeps the stored one.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper } from 'n8n-workflow';

import {
	lifeFromExpiresIn,
	nextRefreshToken,
	renewalDue,
	sendTokenRequest,
	TokenRequestError,
	withFallback,
} from '../../shared/auth/token';
import type { TokenFailure } from '../../shared/auth/token';
import { redact } from '../../shared/transport/errors';

/** Every message of a failed sign-in starts with this (the node recognises it). */
export const SIGN_IN_FAILED = 'API v1 sign-in failed';

export const DEFAULT_TOKEN_PATH = '/oauth/token';

export interface PasswordGrantSettings {
	baseUrl: string;
	tokenUrl: string;
	username: string;
	password: string;
	clientId: string;
	clientSecret: string;
	scope: string;
	bodyFormat: 'json' | 'form';
	clientAuthentication: 'body' | 'basic';
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value).trim();
}

function fail(message: string, description?: string): never {
	throw new TokenRequestError(`${SIGN_IN_FAILED}: ${message}`, 'settings', { body: undefined }, description);
}

/** The base URL without trailing slashes; refuses anything but an http(s) URL. */
export function normaliseBaseUrl(raw: unknown, field = 'Base URL'): string {
	const value = text(raw).replace(/\/+$/, '');
	let url: URL | undefined;
	try {
		url = new URL(value);
	} catch {
		url = undefined;
	}
	if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
		fail(`${field} "${value}" is not an http(s) URL such as https://api.example.com`);
	}
	return value;
}

export function readSettings(credentials: ICredentialDataDecryptedObject): PasswordGrantSettings {
	const baseUrl = normaliseBaseUrl(credentials.baseUrl);
	const path = text(credentials.tokenUrl) || DEFAULT_TOKEN_PATH;
	const tokenUrl = /^https?:\/\//i.test(path)
		? normaliseBaseUrl(path, 'Token Path')
		: `${baseUrl}/${path.replace(/^\/+/, '')}`;
	const settings: PasswordGrantSettings = {
		baseUrl,
		tokenUrl,
		username: text(credentials.username),
		password: typeof credentials.password === 'string' ? credentials.password : '',
		clientId: text(credentials.clientId),
		clientSecret: typeof credentials.clientSecret === 'string' ? credentials.clientSecret : '',
		scope: text(credentials.scope),
		bodyFormat: credentials.bodyFormat === 'form' ? 'form' : 'json',
		clientAuthentication: credentials.clientAuthentication === 'basic' ? 'basic' : 'body',
	};
	if (!settings.username) fail('Username is empty', 'Enter the user name (often the e-mail address) in the credential.');
	if (!settings.password) fail('Password is empty', 'Enter the password in the credential.');
	if (!settings.clientId) fail('Client ID is empty', 'Enter the client ID the API developers gave you.');
	return settings;
}

/** Which settings a stored token belongs to: a changed user, client or URL starts afresh. */
export function tokenOwner(settings: PasswordGrantSettings): string {
	return [settings.tokenUrl, settings.clientId, settings.username, settings.scope].join('\n');
}

function oauthError(body: unknown): { code: string; description: string } {
	const record = body && typeof body === 'object' ? (body as IDataObject) : {};
	// OAuth error codes are lower-case ASCII with underscores (RFC 6749 5.2); anything else in
	// `error` (Rails' "Not Found") is not an OAuth answer.
	const code = text(record.error);
	return { code: /^[a-z_]{1,64}$/.test(code) ? code : '', description: text(record.error_description) };
}

function explainFailure(settings: PasswordGrantSettings) {
	const secrets = [settings.password, settings.clientSecret];
	return (failure: TokenFailure, grant: string): { message: string; description?: string } => {
		const where = settings.tokenUrl;
		if (failure.status === undefined) {
			return {
				message: `${SIGN_IN_FAILED}: could not reach the token endpoint ${where}. Check Base URL and Token Path in the credential, and the network.`,
				description: failure.networkCode ? `Network error ${failure.networkCode}.` : undefined,
			};
		}
		const { code, description } = oauthError(failure.body);
		const said = description ? ` The server says: ${redact(description, secrets)}` : '';
		switch (code) {
			case 'invalid_grant':
				return grant === 'password'
					? { message: `${SIGN_IN_FAILED}: wrong username or password (invalid_grant). Check Username and Password in the credential.` }
					: { message: `${SIGN_IN_FAILED}: the refresh token was refused (invalid_grant).` };
			case 'invalid_client':
				return { message: `${SIGN_IN_FAILED}: the server does not accept this client (invalid_client). Check Client ID and Client Secret in the credential.` };
			case 'invalid_scope':
				return { message: `${SIGN_IN_FAILED}: the scope "${settings.scope}" is not registered for this client (invalid_scope). Change or clear Scope in the credential.` };
			case 'unauthorized_client':
				return { message: `${SIGN_IN_FAILED}: this client may not use the ${grant} grant (unauthorized_client). Ask the API's administrators to allow it.` };
			case 'unsupported_grant_type':
				return { message: `${SIGN_IN_FAILED}: the server does not offer the ${grant} grant (unsupported_grant_type).` };
			case 'invalid_request':
				return { message: `${SIGN_IN_FAILED}: the server refused the token request as malformed (invalid_request). Check Client Authentication and Body Format in the credential.${said}` };
			default:
				break;
		}
		if (code) return { message: `${SIGN_IN_FAILED}: the server answered "${code}" (HTTP ${failure.status}).${said}` };
		if (failure.status === 200) return { message: `${SIGN_IN_FAILED}: the token endpoint ${where} did not answer with a token. Check Base URL and Token Path.` };
		if (failure.status === 404) return { message: `${SIGN_IN_FAILED}: there is no token endpoint at ${where} (HTTP 404). Check Base URL and Token Path in the credential.` };
		if (failure.status === 415) return { message: `${SIGN_IN_FAILED}: the token endpoint does not take this body format (HTTP 415). Switch Body Format in the credential.` };
		if (failure.status >= 500) return { message: `${SIGN_IN_FAILED}: the token endpoint failed (HTTP ${failure.status}). Try again later.` };
		return { message: `${SIGN_IN_FAILED}: the token endpoint answered HTTP ${failure.status}.` };
	};
}

function basicAuth(settings: PasswordGrantSettings): string {
	// RFC 6749 2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
	const pair = `${encodeURIComponent(settings.clientId)}:${encodeURIComponent(settings.clientSecret)}`;
	return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

async function grantRequest(
	helper: IHttpRequestHelper,
	settings: PasswordGrantSettings,
	grant: 'password' | 'refresh_token',
	fields: Record<string, string>,
): Promise<IDataObject> {
	const body: Record<string, string> = { grant_type: grant, ...fields };
	const headers: Record<string, string> = {};
	if (settings.clientAuthentication === 'basic') {
		headers.Authorization = basicAuth(settings);
	} else {
		body.client_id = settings.clientId;
		if (settings.clientSecret) body.client_secret = settings.clientSecret;
	}
	if (settings.scope && grant === 'password') body.scope = settings.scope;
	const explain = explainFailure({ ...settings });
	const answer = await sendTokenRequest(
		helper,
		{ method: 'POST', url: settings.tokenUrl, headers, body, bodyFormat: settings.bodyFormat },
		grant,
		explain,
	);
	const accessToken = answer.access_token;
	if (typeof accessToken !== 'string' || accessToken === '') {
		const t = explain({ status: 200, body: undefined }, grant);
		throw new TokenRequestError(t.message, grant, { status: 200, body: undefined });
	}
	const type = text(answer.token_type);
	if (type && type.toLowerCase() !== 'bearer') {
		throw new TokenRequestError(
			`${SIGN_IN_FAILED}: the server issued a "${type}" token; only Bearer tokens are supported.`,
			grant,
			{ status: 200, body: undefined },
		);
	}
	return answer;
}

/** What `preAuthentication` returns, and so what n8n stores in the credential. */
export interface StoredToken extends IDataObject {
	accessToken: string;
	refreshToken: string;
	expiresAt: number;
	obtainedAt: number;
	issuedFor: string;
}

/**
 * Obtains a new access token: refresh grant while a refresh token for these settings is held,
 * password grant when it is refused or none is held.
 */
export async function obtainToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	nowMs: () => number = Date.now,
): Promise<StoredToken> {
	const settings = readSettings(credentials);
	const owner = tokenOwner(settings);
	const held = credentials.issuedFor === owner && typeof credentials.refreshToken === 'string' ? credentials.refreshToken : '';
	const attempts = [];
	if (held) {
		attempts.push({
			grant: 'refresh_token',
			run: async () => await grantRequest(helper, settings, 'refresh_token', { refresh_token: held }),
		});
	}
	attempts.push({
		grant: 'password',
		run: async () =>
			await grantRequest(helper, settings, 'password', { username: settings.username, password: settings.password }),
	});
	const outcome = await withFallback(attempts, (error) => {
		const status = error.tokenFailure.status;
		// A refused refresh (4xx) is worth a password grant; an unreachable server is not.
		return error.grant === 'refresh_token' && status !== undefined && status >= 400 && status < 500;
	});
	const life = lifeFromExpiresIn(nowMs(), outcome.result.expires_in);
	return {
		accessToken: outcome.result.access_token as string,
		refreshToken: nextRefreshToken(held, outcome.result.refresh_token, outcome.refused.includes('refresh_token')),
		expiresAt: life.expiresAt,
		obtainedAt: life.obtainedAt,
		issuedFor: owner,
	};
}

/** Whether the stored token must be renewed before the next call (none, expiring, or for other settings). */
export function passwordGrantRenewalDue(credentials: ICredentialDataDecryptedObject, nowMs: number): boolean {
	let owner: string;
	try {
		owner = tokenOwner(readSettings(credentials));
	} catch {
		return true; // preAuthentication reports what is wrong with the settings
	}
	if (credentials.issuedFor !== owner) return true;
	return renewalDue(credentials.accessToken, { obtainedAt: credentials.obtainedAt, expiresAt: credentials.expiresAt }, nowMs);
}
