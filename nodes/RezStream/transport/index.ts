/**
 * rezStream Cloud transport: a thin facade over the shared kernel (connection builder, request,
 * paging strategies). It picks the credential, adds the tenant and API-version headers, knows
 * the API's page-size cap, and explains rezStream's own failure modes (transport/errors.ts).
 */
import { NodeOperationError } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import { quote } from '../../shared/transport/errors';
import { openConnection, perContext } from '../../shared/transport/connection';
import type { Deadline } from '../../shared/transport/deadline';
import { readLinkList, toPage } from '../../shared/transport/paging';
import type { Page } from '../../shared/transport/paging';
import { PagingGuard } from '../../shared/transport/pagingGuard';
import type { RecordKey } from '../../shared/transport/pagingGuard';
import type { ExpectedBody } from '../../shared/transport/responseShape';
import { isUuid } from '../../shared/validation';
import type { HttpContext, HttpResponse, RequestSpec, VendorConnection } from '../../shared/transport/request';
import { rezStreamExplain, tenantsFromTokenDetails } from './errors';
import type { Tenant } from './errors';

export { tenantsFromTokenDetails };
export type { Tenant };

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

function validBaseUrl(value: string): boolean {
	if (!/^https?:\/\/[^\s/]+/i.test(value) || /[\s]/.test(value)) return false;
	try {
		const url = new URL(value);
		return (url.protocol === 'http:' || url.protocol === 'https:') && !!url.hostname && !url.username && !url.password;
	} catch {
		return false;
	}
}

/** Base URL, API version and tenant from the credential and the node's Tenant option, checked. */
function settingsOf(node: INode, credentials: ICredentialDataDecryptedObject, options: ClientOptions) {
	const { itemIndex } = options;
	const baseUrl = String(credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
	if (!validBaseUrl(baseUrl)) {
		throw new NodeOperationError(node, `API Base URL (credential): ${quote(baseUrl)} is not an http(s) URL such as ${DEFAULT_BASE_URL}`, { itemIndex });
	}
	const apiVersion = String(credentials.apiVersion ?? '').trim();
	if (apiVersion && !API_VERSION.test(apiVersion)) {
		throw new NodeOperationError(node, `API Version (credential): "${apiVersion}" is not a date-style version such as 2024-01-01`, { itemIndex });
	}
	if (options.tenant !== undefined && options.tenant !== null && typeof options.tenant !== 'string') {
		throw new NodeOperationError(node, `Tenant: ${quote(options.tenant)} is not a tenant ID`, {
			itemIndex,
			description: 'Pick a tenant from the list, or give its ID, for example a2857289-0f63-4a26-b509-444699485a33.',
		});
	}
	const nodeTenant = typeof options.tenant === 'string' ? options.tenant.trim() : '';
	const credentialTenant = typeof credentials.tenantId === 'string' ? credentials.tenantId.trim() : '';
	for (const [field, value] of [
		['Tenant', nodeTenant],
		['Tenant ID (credential)', credentialTenant],
	] as const) {
		if (value && !isUuid(value)) {
			throw new NodeOperationError(node, `${field}: ${quote(value)} is not a tenant ID (a UUID such as a2857289-0f63-4a26-b509-444699485a33)`, {
				itemIndex,
				description: 'The Tenant list of the node shows the tenants of the token. Leave it empty for a single-tenant token.',
			});
		}
	}
	const tenant = nodeTenant || credentialTenant;
	const headers: Record<string, string> = {};
	if (tenant) headers['X-RezStream-Tenant-ID'] = tenant;
	if (apiVersion) headers['X-RezStream-Api-Version'] = apiVersion;
	return { baseUrl, headers, tenant };
}

async function open(ctx: HttpContext, options: ClientOptions): Promise<RezStreamClient> {
	const node = ctx.getNode();
	const type = credentialType(ctx, options.authentication);
	let settings = { baseUrl: DEFAULT_BASE_URL, tenant: '' };
	const conn = await openConnection(ctx, {
		vendor: 'rezStream',
		credentialType: type,
		itemIndex: options.itemIndex,
		deadline: options.deadline,
		handCredential: options.authentication !== 'oAuth2',
		resolve: (data) => (settings = settingsOf(node, data, options)),
		explain: rezStreamExplain({
			oauth2: options.authentication === 'oAuth2',
			tenant: () => settings.tenant,
			baseUrl: () => settings.baseUrl,
			probe: async (spec) => await conn.request(spec, { explain: undefined }),
		}),
	});
	const request = async <T>(spec: RequestSpec) => await conn.request<T>(spec);
	const get = async (url: string, qs?: IDataObject, itemIndex?: number) =>
		await request<unknown>({ method: 'GET', url, qs, itemIndex, expect: 'array' });
	const pagingGuard = (keyOf?: RecordKey, itemIndex?: number) => new PagingGuard({ node, vendor: 'rezStream', keyOf, itemIndex });

	return {
		connection: conn.vendor,
		request,
		pagingGuard,
		page: async <T>(url: string, qs?: IDataObject, itemIndex?: number): Promise<Page<T>> => toPage<T>(await get(url, qs, itemIndex)),
		async get<T>(path: string, qs?: IDataObject, itemIndex?: number, expect?: ExpectedBody) {
			return (await request<T>({ method: 'GET', url: path, qs, itemIndex, expect })).body;
		},
		async list<T>(path: string, qs: IDataObject, list: ListOptions) {
			const limit = list.returnAll ? undefined : list.limit;
			const query: IDataObject = { ...qs };
			if (list.paging !== 'none') query.limit = Math.min(limit ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
			const how = list.paging === 'offset' ? { style: 'offset' as const, offsetParam: 'skip', concurrency: OFFSET_CONCURRENCY } : { style: 'cursor' as const };
			return await readLinkList<T>((url, q) => get(url, q, list.itemIndex), path, query, how, {
				limit,
				guard: pagingGuard(undefined, list.itemIndex),
			});
		},
		async tenants() {
			return tenantsFromTokenDetails((await request<unknown>({ method: 'GET', url: '/auth/tokendetails' })).body);
		},
	};
}

/**
 * A rezStream client for one context: the credential is read once per context (execution),
 * authentication and tenant; `fresh` reads it anew (every poll).
 */
export async function rezStreamClient(ctx: HttpContext, options: ClientOptions): Promise<RezStreamClient> {
	const key = `rezStream\u0000${options.authentication}\u0000${typeof options.tenant === 'string' ? options.tenant : ''}`;
	return await perContext(ctx, key, async () => await open(ctx, options), options.fresh);
}
