'use strict';
/*
 * Credentials in the unit harness, as n8n applies them: the credential class's authenticate,
 * OAuth2 Bearer + refresh on 401, preAuthentication with the hidden expirable field (see index.js).
 */
const { NodeApiError } = require('n8n-workflow');
const { send, resolveTemplate } = require('./http');

function createAuth({ store, stats, credentialTypes, node, base }) {
	function parentTypes(type) {
		return credentialTypes[type]?.extends ?? [];
	}

	/** The credential's grant type: stored, else the type's own (hidden) default. */
	function grantTypeOf(type) {
		return store[type].grantType ?? credentialTypes[type].properties.find((p) => p.name === 'grantType')?.default;
	}

	async function refreshOAuth2(type) {
		const data = store[type];
		// Client credentials (n8n-core oauth.js refreshOrFetchToken): a new token with the client itself;
		// scope only when set.
		const clientCredentials = grantTypeOf(type) === 'clientCredentials';
		const form = clientCredentials
			? new URLSearchParams({ grant_type: 'client_credentials', ...(data.scope ? { scope: data.scope } : {}) })
			: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: data.oauthTokenData.refresh_token });
		const headers = {};
		if ((data.authentication ?? 'header') === 'body') {
			form.set('client_id', data.clientId);
			form.set('client_secret', data.clientSecret);
		} else {
			headers.authorization = `Basic ${Buffer.from(`${data.clientId}:${data.clientSecret}`).toString('base64')}`;
		}
		const answer = await send({ method: 'POST', url: data.accessTokenUrl, body: form, headers });
		stats.refreshes++;
		data.oauthTokenData = clientCredentials ? answer.body : { ...data.oauthTokenData, ...answer.body };
	}

	/** n8n's plain httpRequest (axios): throws on >= 400, answers the body unless asked for more. */
	async function httpRequest(options) {
		const full = await send(options);
		return options.returnFullResponse ? full : full.body;
	}

	/**
	 * CredentialsHelper.preAuthentication (n8n 2.41, packages/cli credentials-helper): runs the
	 * type's preAuthentication when the hidden expirable field is empty or the call was refused;
	 * ignores output without the expirable field; saves Object.assign(credentials, output) as the
	 * credential's whole data (updateCredentials) and answers it.
	 */
	async function preAuthenticate(type, credentials, expired) {
		const cls = credentialTypes[type];
		const expirable = cls.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof cls.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !expired) return undefined;
		stats.preAuthentications++;
		const output = await cls.preAuthentication.call({ helpers: { httpRequest } }, credentials);
		if (output[expirable.name] === undefined) return undefined;
		Object.assign(credentials, output);
		store[type] = JSON.parse(JSON.stringify(credentials));
		stats.saves++;
		return credentials;
	}

	async function httpRequestWithAuthentication(type, requestOptions, additionalCredentialOptions) {
		const data = store[type];
		if (!data) throw new Error(`Node does not have credentials of type ${type}`);
		if (parentTypes(type).includes('oAuth2Api')) return await oauth2Request(type, requestOptions);
		// n8n-core request-helper-functions: the handed-in object, or a fresh read; it is updated
		// in place by preAuthentication, so the caller sees the new token.
		let credentials;
		const attempt = async () => {
			const options = { ...requestOptions, headers: { ...(requestOptions.headers || {}) } };
			const auth = credentialTypes[type].authenticate;
			if (typeof auth === 'function') {
				return await send(await auth(credentials, options));
			}
			for (const [k, v] of Object.entries(auth?.properties?.headers ?? {})) {
				options.headers[k] = resolveTemplate(v, credentials);
			}
			return await send(options);
		};
		try {
			credentials = additionalCredentialOptions?.credentialsDecrypted
				? additionalCredentialOptions.credentialsDecrypted.data
				: await base('internal').getCredentials(type);
			await preAuthenticate(type, credentials, false);
			const full = await attempt();
			return requestOptions.returnFullResponse ? full : full.body;
		} catch (error) {
			if (error.response?.status === 401 && credentials !== undefined) {
				try {
					await preAuthenticate(type, credentials, true);
					const full = await attempt();
					return requestOptions.returnFullResponse ? full : full.body;
				} catch (retryError) {
					throw new NodeApiError(node, retryError);
				}
			}
			throw new NodeApiError(node, error);
		}
	}

	async function oauth2Request(type, requestOptions) {
		const data = store[type];
		const attempt = async () => {
			const options = { ...requestOptions, headers: { ...(requestOptions.headers || {}) } };
			options.headers.Authorization = `Bearer ${data.oauthTokenData.access_token}`;
			return await send(options);
		};
		try {
			// n8n-core requestOAuth2: a client-credentials credential without a token fetches one first.
			if (grantTypeOf(type) === 'clientCredentials' && !data.oauthTokenData?.access_token) await refreshOAuth2(type);
			try {
				const full = await attempt();
				return requestOptions.returnFullResponse ? full : full.body;
			} catch (error) {
				if (error.response?.status === 401) {
					await refreshOAuth2(type);
					const full = await attempt();
					return requestOptions.returnFullResponse ? full : full.body;
				}
				throw error;
			}
		} catch (error) {
			throw new NodeApiError(node, error);
		}
	}

	return { refreshOAuth2, httpRequest, preAuthenticate, httpRequestWithAuthentication, oauth2Request };
}

module.exports = { createAuth };
