/**
 * What API v1's failures mean for the user. The kernel adds the server's own words; this says
 * what to fix.
 */
import type { IDataObject } from 'n8n-workflow';

import { parseMaybeJson } from '../../shared/transport/errors';
import type { HttpFailure } from '../../shared/transport/errors';
import type { RequestSpec } from '../../shared/transport/request';
import { SIGN_IN_FAILED } from '../auth/passwordGrant';

/**
 * The 422 answer `{errors: [{field: [messages]}]}` (also `{errors: {field: [messages]}}`) as
 * "field: message, message" parts, in the server's order.
 */
export function fieldErrors(body: unknown): string[] {
	const record = parseMaybeJson(body);
	if (!record || typeof record !== 'object') return [];
	const errors = (record as IDataObject).errors;
	const entries: Array<[string, unknown]> = [];
	if (Array.isArray(errors)) {
		for (const entry of errors) {
			if (entry && typeof entry === 'object' && !Array.isArray(entry)) entries.push(...Object.entries(entry));
			else if (typeof entry === 'string') entries.push(['', entry]);
		}
	} else if (errors && typeof errors === 'object') {
		entries.push(...Object.entries(errors));
	}
	return entries.slice(0, 20).map(([field, messages]) => {
		const list = (Array.isArray(messages) ? messages : [messages]).map((m) => String(m)).join(', ');
		return field ? `${field}: ${list}` : list;
	});
}

export async function explainFailure(
	failure: HttpFailure,
	spec: RequestSpec,
	authentication: string,
): Promise<{ message: string; description?: string } | undefined> {
	if (failure.status === undefined && failure.rawMessage?.startsWith(SIGN_IN_FAILED)) {
		// The credential could not obtain a token; its message already says what to fix.
		return { message: failure.rawMessage };
	}
	switch (failure.status) {
		case 422: {
			const parts = fieldErrors(failure.body);
			return {
				message: parts.length
					? `API v1 refused the request: ${parts.join('; ')}`
					: 'API v1 could not process the request (HTTP 422)',
				description: 'Fix the fields named above and run the node again.',
			};
		}
		case 401:
			return authentication === 'passwordGrant'
				? {
						message: 'API v1 did not accept the access token, even a newly obtained one',
						description: 'The user may have lost access to the API. Check the credential with its Test button.',
					}
				: {
						message: 'API v1 did not accept the access token',
						description: 'n8n already tried to refresh it. Reconnect the API v1 OAuth2 credential.',
					};
		case 403:
			return {
				message: 'API v1 refused the request: the user or the token scope lacks the permission (HTTP 403)',
				description: 'Use a user with that permission, or add the scope to the credential.',
			};
		case 404:
			return { message: `API v1 found nothing at ${spec.method} ${spec.url.replace(/^https?:\/\/[^/]+/i, '').split('?')[0]} (HTTP 404)` };
		case 415:
			return { message: 'API v1 refused the Content-Type of the request (HTTP 415)' };
		default:
			return undefined;
	}
}
