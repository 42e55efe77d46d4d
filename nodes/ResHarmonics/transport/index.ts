/**
 * Res:harmonics PMS API v3 transport: a thin facade over the shared request kernel. It picks
 * the credential of the node's Authentication, resolves the environment's base URL, pages
 * Spring-style lists, and says what to fix for Res:harmonics' own failures (expired token,
 * API-key-only endpoints, Spring 400s that name a parameter).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import { quote, secretsOf, vendorMessage } from '../../shared/transport/errors';
import type { HttpFailure } from '../../shared/transport/errors';
import type { Deadline } from '../../shared/transport/deadline';
import { PagingGuard } from '../../shared/transport/pagingGuard';
import type { RecordKey } from '../../shared/transport/pagingGuard';
import { sendRequest } from '../../shared/transport/request';
import type { ExpectedBody } from '../../shared/transport/responseShape';
import type { HttpContext, HttpResponse, RequestSpec, VendorConnection } from '../../shared/transport/request';
import { PRODUCTION_BASE_URL, TESTING_BASE_URL } from './credentialFields';
import { collectSpringList } from './paging';

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

async function buildConnection(ctx: HttpContext, options: ClientOptions): Promise<VendorConnection> {
	const type = credentialType(ctx, options.authentication, options.itemIndex);
	const credentials = await ctx.getCredentials(type, options.itemIndex);
	const baseUrl = baseUrlOf(ctx, credentials, options.itemIndex);
	const oauth2 = options.authentication === 'oAuth2';
	const connection: VendorConnection = {
		vendor: VENDOR,
		credentialType: type,
		baseUrl,
		headers: {},
		secrets: secretsOf(credentials),
		// n8n fetches a new OAuth2 token during the run when one expires: the secrets of the moment count.
		currentSecrets: async () => secretsOf(await ctx.getCredentials(type, options.itemIndex)),
		deadline: options.deadline,
	};
	const stored = ctx.getNode().credentials?.[type];
	if (!oauth2 && stored?.id) {
		connection.credentialsDecrypted = { id: stored.id, name: stored.name, type, data: credentials };
	}
	connection.explain = async (failure: HttpFailure, spec: RequestSpec) => {
		const said = vendorMessage(failure.body);
		if (failure.status === 401) {
			return oauth2
				? {
						message: 'Res:harmonics did not accept the access token, even a newly fetched one',
						description: `n8n fetched a new token with the client credentials and repeated the request once. Check the Client ID, Client Secret, Scope and Environment of the Res:harmonics OAuth2 credential (now ${baseUrl}).`,
					}
				: {
						message: 'Res:harmonics did not accept the API key (X-Auth-Token)',
						description: `Check the API Key and Environment of the Res:harmonics API credential (now ${baseUrl}).`,
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
	return connection;
}

const connections = new WeakMap<object, Map<string, Promise<VendorConnection>>>();

/** A Res:harmonics client for one context. The credential is read once per context and authentication. */
export async function resHarmonicsClient(ctx: HttpContext, options: ClientOptions): Promise<ResHarmonicsClient> {
	let connection: VendorConnection;
	if (options.fresh) {
		connection = await buildConnection(ctx, options);
	} else {
		const cache = connections.get(ctx) ?? new Map<string, Promise<VendorConnection>>();
		connections.set(ctx, cache);
		let pending = cache.get(options.authentication);
		if (!pending) {
			pending = buildConnection(ctx, options);
			cache.set(options.authentication, pending);
			pending.catch(() => cache.delete(options.authentication));
		}
		connection = await pending;
	}
	const request = <T>(spec: RequestSpec) => sendRequest<T>(ctx, connection, spec);
	return {
		connection,
		request,
		async get<T>(path: string, qs?: IDataObject, itemIndex?: number, expect: ExpectedBody = 'object') {
			return (await request<T>({ method: 'GET', url: path, qs, itemIndex, expect })).body;
		},
		async send<T>(method: IHttpRequestMethods, path: string, body: unknown, itemIndex?: number, qs?: IDataObject) {
			return (await request<T>({ method, url: path, body, qs, itemIndex, headers: { 'Content-Type': 'application/json' } })).body;
		},
		async list<T>(path: string, qs: IDataObject, list: ListOptions) {
			const guard = new PagingGuard({ node: ctx.getNode(), vendor: VENDOR, keyOf: list.keyOf, itemIndex: list.itemIndex });
			return await collectSpringList<T>(
				async (pageQuery) =>
					await request<unknown>({ method: 'GET', url: path, qs: { ...qs, ...pageQuery }, itemIndex: list.itemIndex, expect: 'object' }),
				{ limit: list.returnAll ? undefined : list.limit, pageSize: PAGE_SIZE, concurrency: PAGE_CONCURRENCY, guard },
			);
		},
	};
}
