/**
 * One connection builder for every vendor.
 *
 * - Authentication first, then resolution: the credential is read (or, for credentials built on
 *   `preAuthentication` with a hidden expirable field, an ExpirableCredentialSession is opened and
 *   renewed before expiry); only then does the vendor's `resolve` turn the credential as it is
 *   into a base URL and headers, and `secretsOf` into the values kept out of errors. Both run
 *   again after every renewal, because a token call can teach new facts (Kaizala learns its
 *   endpoint from it) and bring new secrets.
 * - Each connection has its own retry policy: the one passed, else one set for the node with
 *   `setRetryPolicy` (a host or a test), else the frozen DEFAULT_RETRY_POLICY. Nothing global
 *   is changed by anyone.
 * - `perContext` keeps one connection per n8n context (one execution) and key, so the credential
 *   is read once per execution; `fresh` skips it (a poll context lives for the whole activation,
 *   so a trigger reads the credential on every poll).
 *
 * Usage (a vendor's transport):
 *
 *     const open = async () => await openConnection(ctx, {
 *       vendor: 'Res:harmonics',
 *       credentialType: 'resHarmonicsOAuth2Api',
 *       itemIndex,
 *       resolve: (credential) => ({ baseUrl: baseUrlOf(credential), headers: {} }),
 *       explain: async (failure, spec) => undefined, // or a message that says what to fix
 *     });
 *     const conn = await perContext(ctx, `resHarmonics\u0000${authentication}`, open, fresh);
 *     const answer = await conn.request({ method: 'GET', url: '/api/v3/units', expect: 'object' });
 */
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';

import { ExpirableCredentialSession } from '../auth/session';
import type { Deadline } from './deadline';
import { secretsOf as secretFieldsOf } from './errors';
import { sendRequest } from './request';
import type { HttpContext, HttpResponse, RequestSpec, VendorConnection } from './request';
import { DEFAULT_RETRY_POLICY } from './retry';
import type { RetryPolicy } from './retry';

/** Where requests go and what they carry, resolved from the authenticated credential. */
export interface Resolved {
	baseUrl?: string;
	/** The credential resolves paths itself (its base is only known at token time). */
	relativeUrls?: boolean;
	headers?: Record<string, string>;
}

export interface ConnectionSpec {
	vendor: string;
	credentialType: string;
	itemIndex?: number;
	/** A credential with `preAuthentication` and a hidden expirable field: renewed before expiry. */
	expirable?: { field: string; isDue: (data: ICredentialDataDecryptedObject, nowMs: number) => boolean };
	/** After authentication (and after every renewal): base URL and headers from the credential. */
	resolve: (credential: ICredentialDataDecryptedObject) => Resolved;
	/** The credential's values that must never appear in an error (default: every secret-named field). */
	secretsOf?: (credential: ICredentialDataDecryptedObject) => string[];
	/** Hand the credential as read to n8n, so that it is not decrypted for every request (not for OAuth2). */
	handCredential?: boolean;
	/** Default: the node's policy (setRetryPolicy), else DEFAULT_RETRY_POLICY. */
	retry?: Readonly<RetryPolicy>;
	deadline?: Deadline;
	explain?: VendorConnection['explain'];
	onRetry?: VendorConnection['onRetry'];
}

export interface Connection {
	/** The resolved connection as the kernel sends with it. */
	readonly vendor: VendorConnection;
	/** One request through the kernel (the session renews the token first when due). */
	request<T = unknown>(spec: RequestSpec, overrides?: Partial<VendorConnection>): Promise<HttpResponse<T>>;
	/** The credential as this execution last saw it (after any renewal). */
	credential(): ICredentialDataDecryptedObject;
	/** Values of one request that must never appear in an error (a new user's password). */
	addSecrets(values: Array<string | undefined>): void;
	/** Renewals asked of n8n in this execution. */
	renewals(): number;
	/** Changes fields of the held credential (a fact the next renewal must see, e.g. a moved endpoint). */
	amend(fields: ICredentialDataDecryptedObject): void;
}

const nodePolicies = new WeakMap<INode, Readonly<RetryPolicy>>();

/** The retry policy of every connection this node opens from now on (a host's or a test's choice). */
export function setRetryPolicy(node: INode, policy: Readonly<RetryPolicy>): void {
	nodePolicies.set(node, Object.freeze({ ...policy }));
}

export function retryPolicyFor(node: INode): Readonly<RetryPolicy> {
	return nodePolicies.get(node) ?? DEFAULT_RETRY_POLICY;
}

export async function openConnection(ctx: HttpContext, spec: ConnectionSpec): Promise<Connection> {
	const node = ctx.getNode();
	const { credentialType, itemIndex } = spec;
	const secretsOf = spec.secretsOf ?? secretFieldsOf;
	const session = spec.expirable
		? await ExpirableCredentialSession.open(ctx, {
				credentialType,
				expirableField: spec.expirable.field,
				isDue: spec.expirable.isDue,
				itemIndex,
			})
		: undefined;
	let held = session ? session.current() : await ctx.getCredentials(credentialType, itemIndex);
	const secrets: string[] = [];
	const vendor: VendorConnection = {
		vendor: spec.vendor,
		credentialType,
		baseUrl: '',
		headers: {},
		secrets,
		deadline: spec.deadline,
		retry: spec.retry ?? retryPolicyFor(node),
		explain: spec.explain,
		onRetry: spec.onRetry,
	};
	const addSecrets = (values: Array<string | undefined>) => {
		for (const s of values) if (typeof s === 'string' && s.length > 0 && !secrets.includes(s)) secrets.push(s);
	};
	let renewalsSeen = -1;
	const settle = (credential: ICredentialDataDecryptedObject) => {
		const resolved = spec.resolve(credential);
		vendor.baseUrl = resolved.baseUrl ?? '';
		vendor.relativeUrls = resolved.relativeUrls;
		vendor.headers = resolved.headers ?? {};
		addSecrets(secretsOf(credential));
		renewalsSeen = session?.renewals ?? 0;
	};
	settle(held);
	if (!session) {
		// n8n may refresh an OAuth2 token during the run: the secrets of the moment count.
		vendor.currentSecrets = async () => secretsOf(await ctx.getCredentials(credentialType, itemIndex));
		const stored = node.credentials?.[credentialType];
		if (spec.handCredential && stored?.id) {
			vendor.credentialsDecrypted = { id: stored.id, name: stored.name, type: credentialType, data: held };
		}
	}

	const request = async <T>(sent: RequestSpec, overrides: Partial<VendorConnection> = {}): Promise<HttpResponse<T>> => {
		if (!session) return await sendRequest<T>(ctx, { ...vendor, ...overrides }, sent);
		try {
			return await session.run(
				async (credentialsDecrypted) => await sendRequest<T>(ctx, { ...vendor, ...overrides, credentialsDecrypted }, sent),
			);
		} finally {
			// After a renewal: what the token call taught (endpoint, new secrets) counts from now on.
			held = session.current();
			if (session.renewals !== renewalsSeen) settle(held);
			else addSecrets(secretsOf(held));
		}
	};

	return {
		vendor,
		request,
		credential: () => (session ? session.current() : held),
		addSecrets,
		renewals: () => session?.renewals ?? 0,
		amend: (fields) => {
			if (session) session.amend(fields);
			else held = { ...held, ...fields };
		},
	};
}

const contexts = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * What `open` builds, once per context and key: the credential is read once per execution.
 * `fresh` builds anew and keeps nothing. A failed build is forgotten, so the next call retries.
 */
export async function perContext<C>(ctx: object, key: string, open: () => Promise<C>, fresh = false): Promise<C> {
	if (fresh) return await open();
	const cache = contexts.get(ctx) ?? new Map<string, Promise<unknown>>();
	contexts.set(ctx, cache);
	let pending = cache.get(key) as Promise<C> | undefined;
	if (!pending) {
		pending = open();
		cache.set(key, pending);
		pending.catch(() => cache.delete(key));
	}
	return await pending;
}

/** What `perContext` built for this context and key, if anything was (never builds). */
export async function builtFor<C>(ctx: object, key: string): Promise<C | undefined> {
	const pending = contexts.get(ctx)?.get(key) as Promise<C> | undefined;
	if (!pending) return undefined;
	try {
		return await pending;
	} catch {
		return undefined;
	}
}
