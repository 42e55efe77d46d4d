/**
 * rezStream's own failure modes, explained so that the user knows what to fix: a multi-tenant
 * token without a tenant (401), a missing permission (403), an unknown reservation or a wrong
 * base URL (404).
 */
import type { IDataObject } from 'n8n-workflow';

import { headerValue } from '../../shared/transport/errors';
import type { HttpFailure } from '../../shared/transport/errors';
import type { HttpResponse, RequestSpec } from '../../shared/transport/request';
import { isUuid } from '../../shared/validation';

export interface Tenant {
	id: string;
	name?: string;
	timeZone?: string;
	[key: string]: unknown;
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

export interface ExplainContext {
	oauth2: boolean;
	tenant: () => string;
	baseUrl: () => string;
	/** Asks /auth/tokendetails without this explanation (to learn the token's tenants). */
	probe: (spec: RequestSpec) => Promise<HttpResponse<unknown>>;
}

async function unauthorized(failure: HttpFailure, spec: RequestSpec, at: ExplainContext) {
	const reconnect = at.oauth2
		? 'Reconnect the rezStream OAuth2 credential (n8n already tried to refresh the access token).'
		: 'Generate a new token at account.rezstream.com (Businesses → Manage app authorizations) and paste it into the credential.';
	const tenant = at.tenant();
	if (tenant) {
		return {
			message: `rezStream did not accept the token for tenant ${tenant}`,
			description: `Check that the Tenant ID belongs to this token (the Tenant list of the node shows the token's tenants), or the token has expired or been revoked. ${reconnect}`,
		};
	}
	if (spec.url !== '/auth/tokendetails') {
		// Is the token fine but ambiguous (several tenants)? Ask the API which tenants it has.
		const probe = await at.probe({ method: 'GET', url: '/auth/tokendetails', itemIndex: spec.itemIndex }).catch(() => undefined);
		const tenants = probe ? tenantsFromTokenDetails(probe.body) : [];
		if (tenants.length > 1) {
			return {
				message: `This rezStream token has access to ${tenants.length} tenants: set the Tenant ID to say which one to use`,
				description: `rezStream answers 401 when a multi-tenant token does not name its tenant. Pick one in the node's Tenant option, or set Tenant ID in the credential. Tenants of this token: ${describeTenants(tenants)}.`,
			};
		}
	}
	return { message: 'rezStream did not accept the token: it is expired, revoked or invalid', description: reconnect };
}

function forbidden(failure: HttpFailure, at: ExplainContext) {
	const challenge = headerValue(failure.headers, 'www-authenticate') ?? '';
	const scope = /scope="([^"]+)"/i.exec(challenge)?.[1];
	const tenant = at.tenant();
	if (scope) {
		return {
			message: `rezStream refused the request: the token lacks the "${scope}" permission`,
			description: at.oauth2
				? `Add ${scope} to the Scope field of the rezStream OAuth2 credential and reconnect it.`
				: `Generate a token with the ${scope} permission at account.rezstream.com and paste it into the credential.`,
		};
	}
	return {
		message: `rezStream refused the request (403): the token lacks a permission this call needs${tenant ? `, or has no access to tenant ${tenant}` : ''}`,
		description: at.oauth2
			? 'Add the missing permission to the Scope field of the rezStream OAuth2 credential and reconnect it, or pick a tenant the token may use (the Tenant list of the node shows them).'
			: 'Generate a token with the missing permission at account.rezstream.com and paste it into the credential, or pick a tenant the token may use (the Tenant list of the node shows them).',
	};
}

/** The connection's `explain`: a message that says what to fix, or undefined (generic). */
export function rezStreamExplain(at: ExplainContext) {
	return async (failure: HttpFailure, spec: RequestSpec): Promise<{ message: string; description?: string } | undefined> => {
		if (failure.status === 401) return await unauthorized(failure, spec, at);
		if (failure.status === 403) return forbidden(failure, at);
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
				description: `If every request fails like this, check the API Base URL of the credential (now ${at.baseUrl()}): it is the API root, such as https://cloudapi.rezstream.com, with no path.`,
			};
		}
		return undefined;
	};
}
