/**
 * What Kaizala's failures mean for the user. The kernel adds Kaizala's own words
 * (`{message, errorCode, errorCategoryKey}`); ASP.NET's `{"Message": …}` for unrouted paths is
 * read here, since the kernel only knows lower-case `message`.
 */
import type { IDataObject } from 'n8n-workflow';

import { parseMaybeJson } from '../../shared/transport/errors';
import type { HttpFailure } from '../../shared/transport/errors';
import type { RequestSpec } from '../../shared/transport/request';
import { KAIZALA_SIGN_IN_FAILED } from '../auth/token';

/** `errorCode` and an upper-case `Message` (the kernel shows lower-case `message` itself). */
function extraWords(body: unknown): string {
	const record = parseMaybeJson(body);
	if (!record || typeof record !== 'object') return '';
	const r = record as IDataObject;
	const parts: string[] = [];
	if (typeof r.errorCode === 'string' && r.errorCode) parts.push(`Error code ${r.errorCode}.`);
	if (typeof r.message !== 'string' && typeof r.Message === 'string') parts.push(`Kaizala says: ${r.Message}`);
	return parts.join(' ');
}

function path(spec: RequestSpec): string {
	return spec.url.replace(/^https?:\/\/[^/]+/i, '').split('?')[0];
}

export async function explainFailure(
	failure: HttpFailure,
	spec: RequestSpec,
): Promise<{ message: string; description?: string } | undefined> {
	const raw = failure.rawMessage ?? '';
	if (failure.status === undefined && (raw.startsWith(KAIZALA_SIGN_IN_FAILED) || raw.startsWith('Refused '))) {
		// The credential could not obtain a token or refused an address: its message says what to fix.
		return { message: raw };
	}
	const extra = extraWords(failure.body) || undefined;
	switch (failure.status) {
		case 308:
			return { message: 'Kaizala moved the connector to another endpoint (HTTP 308)', description: extra };
		case 400:
			return { message: `Kaizala refused the request to ${spec.method} ${path(spec)} as invalid (HTTP 400)`, description: extra };
		case 401:
			return {
				message: 'Kaizala did not accept the access token, even a newly obtained one',
				description: `The refresh token may lack access to this group. Check the credential with its Test button. ${extra ?? ''}`.trim(),
			};
		case 403:
			return {
				message: 'Kaizala refused the request: the connector or the refresh token has no permission for it (HTTP 403)',
				description: `A group token covers one group only; a user token covers the user's groups. ${extra ?? ''}`.trim(),
			};
		case 404:
			return { message: `Kaizala found nothing at ${spec.method} ${path(spec)} (HTTP 404)`, description: extra };
		case 429:
			return { message: 'Kaizala is throttling this connector (HTTP 429) and asked for a longer wait than the node allows', description: extra };
		default:
			return extra ? { message: `Kaizala answered HTTP ${failure.status ?? 'without a status'}`, description: extra } : undefined;
	}
}
