/**
 * API v1 transport: a thin facade over the shared request kernel. It picks the credential,
 * keeps a password-grant token fresh before it expires (shared ExpirableCredentialSession),
 * keeps every path under the Base URL, sends JSON bodies with `Content-Type: application/json`
 * exactly, pages Kaminari lists, and explains API v1's failures (422 field errors, sign-in).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

import { openConnection, perContext } from '../../shared/transport/connection';
import { readLinkList } from '../../shared/transport/paging';
import { PagingGuard } from '../../shared/transport/pagingGuard';
import type { HttpContext, HttpResponse, RequestSpec } from '../../shared/transport/request';
import { normaliseBaseUrl, passwordGrantRenewalDue } from '../auth/passwordGrant';
import { explainFailure } from './errors';

export type ApiV1Authentication = 'passwordGrant' | 'oAuth2';

export function credentialTypeOf(authentication: string): string | undefined {
	if (authentication === 'passwordGrant') return 'apiV1OAuth2PasswordApi';
	if (authentication === 'oAuth2') return 'apiV1OAuth2Api';
	return undefined;
}

/** The largest page asked for; the server may cap it silently (Kaminari max_per_page). */
export const MAX_PER_PAGE = 100;

/** Pages in flight at once once the `last` link is known. */
export const PAGE_CONCURRENCY = 4;

/** A request, plus values of it that must never appear in an error (a new user's password). */
export type ApiV1Request = RequestSpec & { secrets?: string[] };

export interface ApiV1Client {
	request<T = unknown>(spec: ApiV1Request): Promise<HttpResponse<T>>;
	list<T = IDataObject>(path: string, qs: IDataObject, options: { limit?: number; itemIndex?: number }): Promise<T[]>;
	/** What this execution's session did (renewals asked of n8n). */
	renewals(): number;
}

async function openClient(ctx: HttpContext, authentication: string, itemIndex?: number): Promise<ApiV1Client> {
	const node = ctx.getNode();
	const type = credentialTypeOf(authentication);
	if (!type) throw new NodeOperationError(node, `Authentication: unknown method "${authentication}"`, { itemIndex });
	const conn = await openConnection(ctx, {
		vendor: 'API v1',
		credentialType: type,
		itemIndex,
		expirable: authentication === 'passwordGrant' ? { field: 'accessToken', isDue: passwordGrantRenewalDue } : undefined,
		resolve: (data) => {
			try {
				return { baseUrl: normaliseBaseUrl(data.baseUrl) };
			} catch (error) {
				throw new NodeOperationError(node, `Base URL (credential): ${(error as Error).message.replace(/^.*?: /, '')}`, { itemIndex });
			}
		},
		explain: async (failure, spec) => explainFailure(failure, spec, authentication),
	});

	const request = async <T>({ secrets: extra, ...spec }: ApiV1Request): Promise<HttpResponse<T>> => {
		conn.addSecrets(extra ?? []);
		const headers = { ...spec.headers };
		// Exactly this: the template answers 415 to any other media type, parameters included.
		if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
		return await conn.request<T>({ ...spec, headers });
	};

	return {
		request,
		renewals: () => conn.renewals(),
		async list<T>(path: string, qs: IDataObject, options: { limit?: number; itemIndex?: number }) {
			const perPage = Math.min(options.limit ?? MAX_PER_PAGE, MAX_PER_PAGE);
			const get = async (url: string, q?: IDataObject) => await request<unknown>({ method: 'GET', url, qs: q, itemIndex: options.itemIndex, expect: 'array' });
			return await readLinkList<T>(get, path, { ...qs, page: 1, per_page: perPage }, { style: 'offset', offsetParam: 'page', concurrency: PAGE_CONCURRENCY }, {
				limit: options.limit,
				guard: new PagingGuard({ node, vendor: 'API v1', itemIndex: options.itemIndex }),
			});
		},
	};
}

/** The API v1 client of one execution: the credential is read once, its token shared by all items. */
export async function apiV1Client(ctx: HttpContext, authentication: string, itemIndex?: number): Promise<ApiV1Client> {
	return await perContext(ctx, `apiV1\u0000${authentication}`, async () => await openClient(ctx, authentication, itemIndex));
}

/**
 * A path the user typed, kept under the Base URL: relative, no "..", no scheme or host. Answers
 * it with one leading slash.
 */
export function safePath(node: INode, field: string, raw: unknown, itemIndex?: number): string {
	const value = typeof raw === 'string' ? raw.trim() : '';
	const fail = (problem: string): never => {
		throw new NodeOperationError(node, `${field}: ${problem}`, {
			itemIndex,
			description: `Fix the "${field}" parameter: a path below the Base URL of the credential, such as /api/v1/countries.`,
		});
	};
	if (value === '') fail('a path is required, for example /api/v1/countries');
	if (/^[a-z][a-z0-9+.-]*:/i.test(value) || value.startsWith('//') || value.startsWith('\\')) {
		fail(`"${value}" is a full URL; give only the path below the Base URL`);
	}
	if (/[?#]/.test(value)) fail(`"${value}" contains a query string; put query parameters in Query Parameters`);
	let decoded: string;
	try {
		decoded = decodeURIComponent(value);
	} catch {
		return fail(`"${value}" is not a valid path (bad percent-encoding)`);
	}
	if (decoded.split(/[/\\]/).some((segment) => segment === '..' || segment === '.')) {
		fail(`"${value}" leaves the Base URL ("." or ".." segments are not allowed)`);
	}
	if (/\s/.test(value) || [...value].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)) fail(`"${value}" contains spaces or control characters`);
	return `/${value.replace(/^\/+/, '')}`;
}

