/**
 * rezStream Cloud transport: a thin facade over the shared request kernel. It picks the
 * credential, adds the tenant and API-version headers, knows the API's page-size cap, and
 * explains rezStream's own failure modes (multi-tenant 401, missing permission 403).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { headerValue, quote, secretsOf } from '../../shared/transport/errors';
import type { HttpFailure } from '../../shared/transport/errors';
import type { Deadline } from '../../shared/transport/deadline';
import { collectOffsetPages, followNext, PagingGuard, toPage } from '../../shared/transport/paginate';
import type { Page } from '../../shared/transport/paginate';
import type { RecordKey } from '../../shared/transport/pagingGuard';
import { sendRequest } from '../../shared/transport/request';
import type { ExpectedBody } from '../../shared/transport/responseShape';
import { isUuid } from '../../shared/validation';
import type { HttpContext, HttpResponse, RequestSpec, VendorConnection } from '../../shared/transport/request';

export type RezStreamAuthentication = 'oAuth2' | 'accessToken';

/** The credential type behind each value of the node's Authentication parameter. */
export function credentialTypeOf(authentication: string): string | undefined {
	switch (authentication) {
		case 'oAuth2':
			return 'rezStreamOAuth2Api';
		case 'accessToken':
			return 'rezStreamApi';
		default:
			return undefined;
	}
}

/**
 * The largest page asked for. rezStream does not publish its cap; a server that serves less
 * still answers with `next` links, which are followed, so asking for more is harmless.
 */
export const MAX_PAGE_SIZE = 100;

/** Offset-paged lists: pages in flight at once once the `last` link is known. */
export const OFFSET_CONCURRENCY = 4;

export const DEFAULT_BASE_URL = 'https://cloudapi.rezstream.com';

interface RezStreamCredentials {
	tenantId?: string;
	apiVersion?: string;
	baseUrl?: string;
	accessToken?: string;
	clientSecret?: string;
	oauthTokenData?: { access_token?: string; refresh_token?: string };
}

export interface Tenant {
	id: string;
	name?: string;
	timeZone?: string;
	[key: string]: unknown;
}

export interface ClientOptions {
	authentication: string;
	/** The node's Tenant option; overrides the credential's Tenant ID. */
	tenant?: string;
	itemIndex?: number;
	/**
	 * Read the credential afresh instead of reusing this context's connection. A poll context
	 * lives for the whole activation, so a trigger asks for this on every poll.
	 */
	fresh?: boolean;
	/** A deadline for every request of this client (a poll's budget). */
	deadline?: Deadline;
}

export interface ListOptions {
	returnAll: boolean;
	limit?: number;
	/** How the endpoint pages: by cursor (`next` only), by offset (`skip`, with `last`), or not at all. */
	paging: 'cursor' | 'offset' | 'none';
	itemIndex?: number;
}

export interface RezStreamClient {
	connection: VendorConnection;
	request<T = unknown>(spec: RequestSpec): Promise<HttpResponse<T>>;
	get<T = unknown>(path: string, qs?: IDataObject, itemIndex?: number, expect?: ExpectedBody): Promise<T>;
	page<T = IDataObject>(url: string, qs?: IDataObject, itemIndex?: number): Promise<Page<T>>;
	/** A paging guard for one listing (the trigger's drain uses it like every list). */
	pagingGuard(keyOf?: RecordKey, itemIndex?: number): PagingGuard;
	list<T = IDataObject>(path: string, qs: IDataObject, options: ListOptions): Promise<T[]>;
	tenants(): Promise<Tenant[]>;
}

const API_VERSION = /^\d{4}-\d{2}-\d{2}$/;

function credentialType(ctx: HttpContext, authentication: string): string {
	const type = credentialTypeOf(authentication);
	if (!type) {
		throw new NodeOperationError(ctx.getNode(), `Authentication: unknown method "${authentication}"`);
	}
	return type;
}

/** Tenants from /auth/tokendetails, whether it answers an object with `tenants` or a bare array. */
export function tenantsFromTokenDetails(body: unknown): Tenant[] {
	const list = Array.isArray(body)
		? body
		: body && typeof body === 'object' && Array.isArray((body as IDataObject).tenants)
			? ((body as IDataObject).tenants as unknown[])
			: [];
	return list.filter(
		(t): t is Tenant => !!t && typeof t === 'object' && typeof (t as Tenant).id === 'string',
	);
}

function describeTenants(tenants: Tenant[]): string {
	return tenants
		.slice(0, 10)
		.map((t) => (t.name ? `${t.name} (${t.id})` : t.id))
		.join(', ');
}

async function buildConnection(ctx: HttpContext, options: ClientOptions): Promise<VendorConnection> {
	const node = ctx.getNode();
	const type = credentialType(ctx, options.authentication);
	const credentials = (await ctx.getCredentials(type, options.itemIndex)) as RezStreamCredentials;
	const baseUrl = String(credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
	if (!validBaseUrl(baseUrl)) {
		throw new NodeOperationError(
			node,
			`API Base URL (credential): ${quote(baseUrl)} is not an http(s) URL such as ${DEFAULT_BASE_URL}`,
			{ itemIndex: options.itemIndex },
		);
	}
	const apiVersion = String(credentials.apiVersion ?? '').trim();
	if (apiVersion && !API_VERSION.test(apiVersion)) {
		throw new NodeOperationError(
			node,
			`API Version (credential): "${apiVersion}" is not a date-style version such as 2024-01-01`,
			{ itemIndex: options.itemIndex },
		);
	}
	const nodeTenant = typeof options.tenant === 'string' ? options.tenant.trim() : '';
	const credentialTenant = typeof credentials.tenantId === 'string' ? credentials.tenantId.trim() : '';
	if (options.tenant !== undefined && options.tenant !== null && typeof options.tenant !== 'string') {
		throw new NodeOperationError(node, `Tenant: ${quote(options.tenant)} is not a tenant ID`, {
			itemIndex: options.itemIndex,
			description: 'Pick a tenant from the list, or give its ID, for example a2857289-0f63-4a26-b509-444699485a33.',
		});
	}
	for (const [field, value] of [
		['Tenant', nodeTenant],
		['Tenant ID (credential)', credentialTenant],
	] as const) {
		if (value && !isUuid(value)) {
			throw new NodeOperationError(node, `${field}: ${quote(value)} is not a tenant ID (a UUID such as a2857289-0f63-4a26-b509-444699485a33)`, {
				itemIndex: options.itemIndex,
				description: 'The Tenant list of the node shows the tenants of the token. Leave it empty for a single-tenant token.',
			});
		}
	}
	const tenant = nodeTenant || credentialTenant;
	const headers: Record<string, string> = {};
	if (tenant) headers['X-RezStream-Tenant-ID'] = tenant;
	if (apiVersion) headers['X-RezStream-Api-Version'] = apiVersion;
	const connection: VendorConnection = {
		vendor: 'rezStream',
		credentialType: type,
		baseUrl,
		headers,
		secrets: secretsOf(credentials),
		// n8n may refresh an OAuth2 token during the run: the secrets of the moment count.
		currentSecrets: async () => secretsOf(await ctx.getCredentials(type, options.itemIndex)),
		deadline: options.deadline,
	};
	const stored = node.credentials?.[type];
	if (options.authentication !== 'oAuth2' && stored?.id) {
		connection.credentialsDecrypted = {
			id: stored.id,
			name: stored.name,
			type,
			data: credentials as unknown as ICredentialDataDecryptedObject,
		};
	}
	const reconnect =
		options.authentication === 'oAuth2'
			? 'Reconnect the rezStream OAuth2 credential (n8n already tried to refresh the access token).'
			: 'Generate a new token at account.rezstream.com (Businesses → Manage app authorizations) and paste it into the credential.';

	connection.explain = async (failure: HttpFailure, spec: RequestSpec) => {
		if (failure.status === 401) {
			if (tenant) {
				return {
					message: `rezStream did not accept the token for tenant ${tenant}`,
					description: `Check that the Tenant ID belongs to this token (the Tenant list of the node shows the token's tenants), or the token has expired or been revoked. ${reconnect}`,
				};
			}
			if (spec.url !== '/auth/tokendetails') {
				// Is the token fine but ambiguous (several tenants)? Ask the API which tenants it has.
				const probe = await sendRequest(ctx, { ...connection, explain: undefined }, {
					method: 'GET',
					url: '/auth/tokendetails',
					itemIndex: spec.itemIndex,
				}).catch(() => undefined);
				const tenants = probe ? tenantsFromTokenDetails(probe.body) : [];
				if (tenants.length > 1) {
					return {
						message: `This rezStream token has access to ${tenants.length} tenants: set the Tenant ID to say which one to use`,
						description: `rezStream answers 401 when a multi-tenant token does not name its tenant. Pick one in the node's Tenant option, or set Tenant ID in the credential. Tenants of this token: ${describeTenants(tenants)}.`,
					};
				}
			}
			return {
				message: 'rezStream did not accept the token: it is expired, revoked or invalid',
				description: reconnect,
			};
		}
		if (failure.status === 403) {
			const challenge = headerValue(failure.headers, 'www-authenticate') ?? '';
			const scope = /scope="([^"]+)"/i.exec(challenge)?.[1];
			const oauth2 = options.authentication === 'oAuth2';
			if (scope) {
				return {
					message: `rezStream refused the request: the token lacks the "${scope}" permission`,
					description: oauth2
						? `Add ${scope} to the Scope field of the rezStream OAuth2 credential and reconnect it.`
						: `Generate a token with the ${scope} permission at account.rezstream.com and paste it into the credential.`,
				};
			}
			return {
				message: `rezStream refused the request (403): the token lacks a permission this call needs${tenant ? `, or has no access to tenant ${tenant}` : ''}`,
				description: oauth2
					? 'Add the missing permission to the Scope field of the rezStream OAuth2 credential and reconnect it, or pick a tenant the token may use (the Tenant list of the node shows them).'
					: 'Generate a token with the missing permission at account.rezstream.com and paste it into the credential, or pick a tenant the token may use (the Tenant list of the node shows them).',
			};
		}
		const reservationId = /^\/reservations\/([^/?]+)$/.exec(spec.url)?.[1];
		if (failure.status === 404 && spec.method === 'GET' && reservationId && isUuid(decodeURIComponent(reservationId))) {
			return {
				message: `No reservation with ID ${decodeURIComponent(reservationId)} was found`,
				description: 'Check the ID, and that the reservation belongs to the tenant this token (or Tenant option) selects.',
			};
		}
		if (failure.status === 404) {
			return {
				message: `rezStream found nothing at ${spec.url.replace(/\?.*$/, '')} (404)`,
				description: `If every request fails like this, check the API Base URL of the credential (now ${baseUrl}): it is the API root, such as https://cloudapi.rezstream.com, with no path.`,
			};
		}
		return undefined;
	};
	return connection;
}

function validBaseUrl(value: string): boolean {
	if (!/^https?:\/\/[^\s/]+/i.test(value) || /[\s]/.test(value)) return false;
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname && !url.username && !url.password;
	} catch {
		return false;
	}
}

const clientCache = new WeakMap<object, Map<string, Promise<VendorConnection>>>();

/** A rezStream client for one context. The credential is read once per context and tenant. */
export async function rezStreamClient(ctx: HttpContext, options: ClientOptions): Promise<RezStreamClient> {
	let connection: VendorConnection;
	if (options.fresh) {
		connection = await buildConnection(ctx, options);
	} else {
		const cache = clientCache.get(ctx) ?? new Map<string, Promise<VendorConnection>>();
		clientCache.set(ctx, cache);
		const key = `${options.authentication}\u0000${typeof options.tenant === 'string' ? options.tenant : ''}`;
		let pending = cache.get(key);
		if (!pending) {
			pending = buildConnection(ctx, options);
			cache.set(key, pending);
			pending.catch(() => cache.delete(key));
		}
		connection = await pending;
	}

	const request = <T>(spec: RequestSpec) => sendRequest<T>(ctx, connection, spec);
	const page = async <T>(url: string, qs?: IDataObject, itemIndex?: number): Promise<Page<T>> =>
		toPage<T>(await request({ method: 'GET', url, qs, itemIndex, expect: 'array' }));
	const pagingGuard = (keyOf?: RecordKey, itemIndex?: number) =>
		new PagingGuard({ node: ctx.getNode(), vendor: 'rezStream', keyOf, itemIndex });

	return {
		connection,
		request,
		page,
		pagingGuard,
		async get<T>(path: string, qs?: IDataObject, itemIndex?: number, expect?: ExpectedBody) {
			return (await request<T>({ method: 'GET', url: path, qs, itemIndex, expect })).body;
		},
		async list<T>(path: string, qs: IDataObject, list: ListOptions) {
			const limit = list.returnAll ? undefined : list.limit;
			const query: IDataObject = { ...qs };
			if (list.paging !== 'none') query.limit = Math.min(limit ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
			const fetchPage = (url: string) => page<T>(url, undefined, list.itemIndex);
			const first = await request<unknown>({ method: 'GET', url: path, qs: query, itemIndex: list.itemIndex, expect: 'array' });
			const firstUrl = first.url;
			// The first answer is reused by the strategies below instead of being fetched again.
			let reused = false;
			const fetchOnceThenPage = async (url: string): Promise<Page<T>> => {
				if (!reused && url === firstUrl) {
					reused = true;
					return toPage<T>(first);
				}
				return await fetchPage(url);
			};
			if (list.paging === 'offset') {
				return await collectOffsetPages(fetchOnceThenPage, firstUrl, {
					limit,
					offsetParam: 'skip',
					concurrency: OFFSET_CONCURRENCY,
					guard: pagingGuard(undefined, list.itemIndex),
				});
			}
			return await followNext(fetchOnceThenPage, firstUrl, { limit, guard: pagingGuard(undefined, list.itemIndex) });
		},
		async tenants() {
			const details = await request<unknown>({ method: 'GET', url: '/auth/tokendetails' });
			return tenantsFromTokenDetails(details.body);
		},
	};
}

