'use strict';
/*
 * The OAuth2 side of the API v1 stand-in: a Doorkeeper server as the Rails API template runs it
 * (seed 004, shared/api-notes.md "Seed 004"). Sources and the places where they are silent:
 *   - POST /oauth/token: Rails merges the query string and the body into one set of parameters,
 *     so grant_type (and anything else) may come from either; a JSON or a form body is parsed,
 *     any other body is ignored as Rails ignores it.
 *   - password grant answers {access_token, token_type: "Bearer", expires_in (60), refresh_token,
 *     created_at, user_id}; the authorization-code grant answers token_type "bearer" (lower case)
 *     and expires_in 7200 (both from the template's documentation).
 *   - every refresh rotates: the old refresh token AND its access token are revoked at once;
 *     reusing the old refresh token is invalid_grant (Doorkeeper with
 *     refresh_token_revoked_on_use false, i.e. revoke at once).
 *   - client authentication: HTTP Basic or client_id/client_secret in the parameters; Basic plus
 *     client_secret in the parameters is invalid_request (RFC 6749 2.3, Doorkeeper).
 *   - errors are Doorkeeper's {error, error_description}; invalid_client is 401, the others 400.
 *   - GET /oauth/token/info (Doorkeeper's default route) describes a valid token, else 401.
 */
const crypto = require('crypto');

const randomToken = () => crypto.randomBytes(24).toString('hex');

const DESCRIPTIONS = {
	invalid_request: 'The request is missing a required parameter, includes an unsupported parameter value, or is otherwise malformed.',
	invalid_client: 'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
	invalid_grant: 'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
	invalid_scope: 'The requested scope is invalid, unknown, or malformed.',
	unsupported_grant_type: 'The authorization grant type is not supported by the authorization server.',
};

function oauthError(code, extra) {
	return { status: code === 'invalid_client' ? 401 : 400, body: { error: code, error_description: extra ?? DESCRIPTIONS[code] } };
}

function createOAuthServer({ clients, users, scopes, tokenLifeSeconds, codeTokenLifeSeconds, now }) {
	const tokens = new Map(); // access token -> record
	const refreshIndex = new Map(); // refresh token -> record
	const codes = new Map();

	function issue({ clientId, userId, scope, grant, life }) {
		const record = {
			accessToken: randomToken(),
			refreshToken: randomToken(),
			clientId,
			userId,
			scope,
			grant,
			createdAt: now(),
			expiresAt: now() + life * 1000,
			revoked: false,
			refreshUsed: false,
		};
		tokens.set(record.accessToken, record);
		refreshIndex.set(record.refreshToken, record);
		return record;
	}

	function answer(record, tokenType, life) {
		return {
			access_token: record.accessToken,
			token_type: tokenType,
			expires_in: life,
			refresh_token: record.refreshToken,
			scope: record.scope,
			created_at: Math.floor(record.createdAt / 1000),
			...(tokenType === 'Bearer' ? { user_id: record.userId } : {}),
		};
	}

	/** Client from Basic or from the parameters; both at once is invalid_request. */
	function authenticateClient(headers, params) {
		const basic = /^Basic\s+(.+)$/i.exec(headers.authorization || '');
		let id;
		let secret;
		let how;
		if (basic) {
			if (params.client_secret !== undefined) return { error: oauthError('invalid_request', 'Client authentication sent both in the Authorization header and in the parameters.') };
			const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			if (colon < 0) return { error: oauthError('invalid_client') };
			try {
				id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' '));
				secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' '));
			} catch {
				return { error: oauthError('invalid_client') };
			}
			how = 'basic';
		} else {
			id = params.client_id;
			secret = params.client_secret;
			how = 'body';
		}
		const client = clients.find((c) => c.id === id);
		if (!client || (client.secret !== undefined && client.secret !== secret)) return { error: oauthError('invalid_client'), how };
		return { client, how };
	}

	function checkScope(requested) {
		const list = String(requested ?? '').split(/\s+/).filter(Boolean);
		if (list.some((s) => !scopes.includes(s))) return undefined;
		return list.length ? list.join(' ') : scopes[0];
	}

	function revoke(record) {
		record.revoked = true;
		record.refreshUsed = true;
	}

	/** POST /oauth/token with merged parameters. Returns { status, body, grant, clientAuth }. */
	function token(headers, params) {
		const grant = params.grant_type;
		const auth = authenticateClient(headers, params);
		const result = (r) => ({ ...r, grant, clientAuth: auth.how });
		if (!grant) return result(oauthError('invalid_request', 'Missing required parameter: grant_type.'));
		if (!['password', 'refresh_token', 'authorization_code'].includes(grant)) return result(oauthError('unsupported_grant_type'));
		if (auth.error) return result(auth.error);
		const client = auth.client;
		if (grant === 'password') {
			const user = users.find((u) => u.email === params.username && u.password === params.password);
			if (!params.username || !params.password) return result(oauthError('invalid_request', 'Missing required parameter: username or password.'));
			if (!user) return result(oauthError('invalid_grant'));
			const scope = checkScope(params.scope);
			if (!scope) return result(oauthError('invalid_scope'));
			const record = issue({ clientId: client.id, userId: user.id, scope, grant, life: tokenLifeSeconds });
			return result({ status: 200, body: answer(record, 'Bearer', tokenLifeSeconds) });
		}
		if (grant === 'refresh_token') {
			const old = refreshIndex.get(params.refresh_token);
			if (!old || old.refreshUsed || old.clientId !== client.id) return result(oauthError('invalid_grant'));
			revoke(old); // rotation: the old refresh token and its access token die at once
			const life = old.grant === 'authorization_code' ? codeTokenLifeSeconds : tokenLifeSeconds;
			const record = issue({ clientId: client.id, userId: old.userId, scope: old.scope, grant: old.grant, life });
			return result({ status: 200, body: answer(record, old.grant === 'authorization_code' ? 'bearer' : 'Bearer', life) });
		}
		const code = codes.get(params.code);
		if (!code || code.used || code.clientId !== client.id || code.redirectUri !== params.redirect_uri || code.expiresAt < now()) {
			return result(oauthError('invalid_grant'));
		}
		code.used = true;
		const record = issue({ clientId: client.id, userId: code.userId, scope: code.scope, grant, life: codeTokenLifeSeconds });
		return result({ status: 200, body: answer(record, 'bearer', codeTokenLifeSeconds) });
	}

	/** GET /oauth/authorize: the user signs in and approves at once; 302 to the redirect URI. */
	function authorize(query, userId) {
		const client = clients.find((c) => c.id === query.client_id);
		if (!client || query.response_type !== 'code' || !query.redirect_uri) {
			return { status: 400, body: { error: 'invalid_request', error_description: DESCRIPTIONS.invalid_request } };
		}
		if (client.redirectUris && !client.redirectUris.includes(query.redirect_uri)) {
			return { status: 400, body: { error: 'invalid_redirect_uri', error_description: 'The requested redirect uri is malformed or doesn\'t match client redirect URI.' } };
		}
		const target = new URL(query.redirect_uri);
		const scope = checkScope(query.scope);
		if (!scope) {
			target.searchParams.set('error', 'invalid_scope');
		} else {
			const code = randomToken();
			codes.set(code, { clientId: client.id, userId, scope, redirectUri: query.redirect_uri, expiresAt: now() + 600_000, used: false });
			target.searchParams.set('code', code);
		}
		if (query.state !== undefined) target.searchParams.set('state', query.state);
		return { status: 302, location: target.toString() };
	}

	/** The record behind a Bearer header, or why it is refused. */
	function check(authorization) {
		const m = /^Bearer\s+(\S+)$/i.exec(authorization || '');
		if (!m) return { error: 'The access token is invalid' };
		const record = tokens.get(m[1]);
		if (!record) return { error: 'The access token is invalid' };
		if (record.revoked) return { error: 'The access token was revoked' };
		if (record.expiresAt <= now()) return { error: 'The access token expired' };
		return { record };
	}

	return {
		token,
		authorize,
		check,
		issue,
		expireAccessTokens() {
			for (const r of tokens.values()) r.expiresAt = Math.min(r.expiresAt, now());
		},
		revokeRefreshToken(refreshToken) {
			const r = refreshIndex.get(refreshToken);
			if (r) revoke(r);
		},
		revokeAll() {
			for (const r of tokens.values()) revoke(r);
		},
		refreshTokenAlive(refreshToken) {
			const r = refreshIndex.get(refreshToken);
			return !!r && !r.refreshUsed;
		},
		accessTokenAlive(accessToken) {
			return !check(`Bearer ${accessToken}`).error;
		},
	};
}

module.exports = { createOAuthServer };
