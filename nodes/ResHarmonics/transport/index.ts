/**
 * Res:harmonics PMS API v3 transport: a thin facade over the shared request kernel. It picks
 * the credential of the node's Authentication, resolves the environment's base URL, pages
 * Spring-style lists, and says what to fix for Res:harmonics' own failures (expired token,
 * API-key-only endpoints, Spring 400s that name a parameter).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { openConnection, perContext } from '../../shared/transport/connection';
import { quote, secretsOf, vendorMessage } from '../../shared/transport/errors';
import type { HttpFailure } from '../../shared/transport/errors';
import type { Deadline } from '../../shared/transport/deadline';
import { springFetcher, springPages } from '../../shared/transport/paging';
import { PagingGuard } from '../../shared/transport/pagingGuard';
import type { RecordKey } from '../../shared/transport/pagingGuard';
import type { ExpectedBody } from '../../shared/transport/responseShape';
import type { HttpContext, HttpResponse, RequestSpec, VendorConnection } from '../../shared/transport/request';
import { PRODUCTION_BASE_URL, TESTING_BASE_URL } from './credentialFields';

export const VENDOR = 'Res:harmonics';

/** The largest page asked for. The API may serve fewer per page; pages are planned from its answer. */
export const PAGE_SIZE = 100;

/** Pages in flight at once once the first answer told how many there are. */
export const PAGE_CONCURRENCY = 4;

/** The credential type behind each value of the node's Authentication parameter. */
export function credentialTypeOf(authentication: string): string | undefined {
	if (authentication === 'oAuth2') return 'resHarmonicsOAuth2Api';
	if (authentication === 'apiKey') return 'resHarmonicsApi';
	return undefined;
}

export interface ClientOptions {
	authentication: string;
	itemIndex?: number;
	/** Read the credential afresh instead of reusing this context's connection (a trigger, per poll). */
	fresh?: boolean;
	/** A deadline for every request of this client (a poll's budget). */
	deadline?: Deadline;
}

export interface ListOptions {
	returnAll: boolean;
	limit?: number;
	itemIndex?: number;
	/** How rows are told apart by the paging guard (bookings rows have no `id`). */
	keyOf?: RecordKey;
}

export interface ResHarmonicsClient {
	connection: VendorConnection;
	request<T = unknown>(spec: RequestSpec): Promise<HttpResponse<T>>;
	get<T = IDataObject>(path: string, qs?: IDataObject, itemIndex?: number, expect?: ExpectedBody): Promise<T>;
	send<T = IDataObject>(method: IHttpRequestMethods, path: string, body: unknown, itemIndex?: number, qs?: IDataObject): Promise<T>;
	list<T = IDataObject>(path: string, qs: IDataObject, options: ListOptions): Promise<T[]>;
}

/** The API root of a credential's environment; a custom one must be a plain http(s) URL. */
export function baseUrlOf(ctx: HttpContext, credentials: ICredentialDataDecryptedObject, itemIndex?: number): string {
	const environment = String(credentials.environment ?? 'production');
	if (environment === 'production') return PRODUCTION_BASE_URL;
	if (environment === 'testing') return TESTING_BASE_URL;
	const raw = String(credentials.baseUrl ?? '').trim().replace(/\/+$/, '');
	let ok = false;
	try {
		const url = new URL(raw);
		ok = /^https?:$/.test(url.protocol) && !!url.hostname && !url.username && !url.password && !/\s/.test(raw);
	} catch {
		ok = false;
	}
	if (environment !== 'custom' || !ok) {
		throw new NodeOperationError(
			ctx.getNode(),
			environment !== 'custom'
				? `Environment (credential): ${quote(environment)} is not Production, Testing or Custom`
				: `Base URL (credential): ${quote(raw)} is not an http(s) URL such as ${PRODUCTION_BASE_URL}`,
			{ itemIndex },
		);
	}
	return raw;
}

function credentialType(ctx: HttpContext, authentication: string, itemIndex?: number): string {
	const type = credentialTypeOf(authentication);
	if (!type) {
		throw new NodeOperationError(ctx.getNode(), `Authentication: unknown method ${quote(authentication)}; use OAuth2 or API Key`, { itemIndex });
	}
	return type;
}

/** "dateFrom" in "Method parameter 'dateFrom': Failed to convert ...", "Required request parameter 'dateTo' ..." or "unitId: must not be null". */
export function parameterNamed(text: string | undefined): string | undefined {
	if (!text) return undefined;
	// Spring's binding messages quote the parameter; its validation messages start "field: ...".
	return /(?:parameter|convert|property)\s+'([A-Za-z][\w.[\]]*)'/i.exec(text)?.[1] ?? /^([A-Za-z][\w.]*): /.exec(text)?.[1];
}

/** What to tell the user about Res:harmonics' own failures. */
function explainFor(oauth2: boolean, baseUrl: () => string): VendorConnection['explain'] {
	return async (failure: HttpFailure, spec: RequestSpec) => {
		const said = vendorMessage(failure.body);
		if (failure.status === 401) {
			return oauth2
				? {
						message: 'Res:harmonics did not accept the access token, even a newly fetched one',
						description: `n8n fetched a new token with the client credentials and repeated the request once. Check the Client ID, Client Secret, Scope and Environment of the Res:harmonics OAuth2 credential (now ${baseUrl()}).`,
					}
				: {
						message: 'Res:harmonics did not accept the API key (X-Auth-Token)',
						description: `Check the API Key and Environment of the Res:harmonics API credential (now ${baseUrl()}).`,
					};
		}
		if (failure.status === 403) {
			return {
				message: 'Res:harmonics refused the request (403): the client lacks a permission this call needs',
				description: oauth2
					? 'Ask Res:harmonics API support which scope this call needs and add it to the Scope of the credential, or use the API Key credential.'
					: 'Ask Res:harmonics API support to grant this API key access to the call.',
			};
		}
		if (failure.status === 400 && said) {
			const parameter = parameterNamed(said);
			return {
				message: `Res:harmonics rejected the request${parameter ? ` because of ${parameter}` : ''}: ${said}`,
				description: parameter ? `Check the value given for ${parameter}.` : undefined,
			};
		}
		const record = /^\/api\/v3\/(\w+)\/([^/?]+)$/.exec(spec.url);
		if (failure.status === 404 && spec.method === 'GET' && record) {
			return {
				message: `Res:harmonics has no ${record[1].replace(/s$/, '')} with ID ${decodeURIComponent(record[2])}`,
				description: 'Check the ID, and that the credential belongs to the same Res:harmonics account and environment.',
			};
		}
		return undefined;
	};
}

async function open(ctx: HttpContext, options: ClientOptions): Promise<ResHarmonicsClient> {
	const type = credentialType(ctx, options.authentication, options.itemIndex);
	const oauth2 = options.authentication === 'oAuth2';
	let baseUrl = PRODUCTION_BASE_URL;
	const conn = await openConnection(ctx, {
		vendor: VENDOR,
		credentialType: type,
		itemIndex: options.itemIndex,
		deadline: options.deadline,
		// OAuth2: n8n reads the stored token itself on every call (so a renewed one is seen).
		handCredential: !oauth2,
		secretsOf: (data) => secretsOf(data),
		resolve: (data) => ({ baseUrl: (baseUrl = baseUrlOf(ctx, data, options.itemIndex)) }),
		explain: explainFor(oauth2, () => baseUrl),
	});
	const request = async <T>(spec: RequestSpec) => await conn.request<T>(spec);
	return {
		connection: conn.vendor,
		request,
		async get<T>(path: string, qs?: IDataObject, itemIndex?: number, expect: ExpectedBody = 'object') {
			return (await request<T>({ method: 'GET', url: path, qs, itemIndex, expect })).body;
		},
		async send<T>(method: IHttpRequestMethods, path: string, body: unknown, itemIndex?: number, qs?: IDataObject) {
			return (await request<T>({ method, url: path, body, qs, itemIndex, headers: { 'Content-Type': 'application/json' } })).body;
		},
		async list<T>(path: string, qs: IDataObject, list: ListOptions) {
			const fetchPage = springFetcher<T>(
				async (pageQuery) => await request<unknown>({ method: 'GET', url: path, qs: { ...qs, ...pageQuery }, itemIndex: list.itemIndex, expect: 'object' }),
			);
			return await springPages(fetchPage, { pageSize: PAGE_SIZE, concurrency: PAGE_CONCURRENCY }).collect({
				limit: list.returnAll ? undefined : list.limit,
				guard: new PagingGuard({ node: ctx.getNode(), vendor: VENDOR, keyOf: list.keyOf, itemIndex: list.itemIndex }),
			});
		},
	};
}

/** A Res:harmonics client for one context: the credential is read once per execution and authentication. */
export async function resHarmonicsClient(ctx: HttpContext, options: ClientOptions): Promise<ResHarmonicsClient> {
	return await perContext(ctx, `resHarmonics\u0000${options.authentication}`, async () => await open(ctx, options), options.fresh);
}
