/**
 * Kaizala transport: a facade over the shared request kernel.
 * - The token and the endpoint come from the `kaizalaApi` credential (shared expirable session:
 *   renewed before `accessTokenExpiry`, one renewal at a time); paths are sent relative and the
 *   credential resolves them against `{endpointUrl}/v1` after checking the host.
 * - A 308 names the endpoint's new base URL: it is checked against the same rule, the call is
 *   re-sent there, and the next token request stores it (n8n stores credential fields only
 *   through preAuthentication, so a move costs one token request).
 * - 429 answers are waited out (kernel: `Retry-After`, bounded); the waits are counted for the
 *   node's closing log.
 */
import { NodeApiError } from 'n8n-workflow';
import type { JsonObject } from 'n8n-workflow';

import { builtFor, openConnection, perContext } from '../../shared/transport/connection';
import { apiError, headerValue } from '../../shared/transport/errors';
import type { HttpFailure } from '../../shared/transport/errors';
import type { HttpContext, HttpResponse, RequestSpec } from '../../shared/transport/request';
import { parseAllowedDomains, tryEndpoint } from '../auth/endpoint';
import { kaizalaRenewalDue } from '../auth/token';
import { explainFailure } from './errors';

export const CREDENTIAL_TYPE = 'kaizalaApi';

/** Moves followed for one call before giving up (a loop of 308s is a server fault). */
export const MAX_MOVES = 2;

export interface ThrottleStats {
	calls: number;
	throttled: number;
	waitedMs: number;
	longestWaitMs: number;
	moves: number;
}

export interface KaizalaClient {
	request<T = unknown>(spec: RequestSpec): Promise<HttpResponse<T>>;
	stats: ThrottleStats;
	renewals(): number;
}

function isJsonBody(body: unknown): boolean {
	if (body === undefined || body === null) return false;
	if (typeof FormData !== 'undefined' && body instanceof FormData) return false;
	return typeof body === 'object' && !Buffer.isBuffer(body);
}

async function openClient(ctx: HttpContext, itemIndex?: number): Promise<KaizalaClient> {
	const node = ctx.getNode();
	const stats: ThrottleStats = { calls: 0, throttled: 0, waitedMs: 0, longestWaitMs: 0, moves: 0 };
	const conn = await openConnection(ctx, {
		vendor: 'Kaizala',
		credentialType: CREDENTIAL_TYPE,
		itemIndex,
		expirable: { field: 'accessToken', isDue: kaizalaRenewalDue },
		// The endpoint comes with the token: the credential's `authenticate` resolves every path.
		resolve: () => ({ relativeUrls: true }),
		onRetry: ({ status, waitMs }) => {
			if (status !== 429) return;
			stats.throttled++;
			stats.waitedMs += waitMs;
			stats.longestWaitMs = Math.max(stats.longestWaitMs, waitMs);
		},
	});

	const request = async <T>(spec: RequestSpec): Promise<HttpResponse<T>> => {
		const headers = { ...spec.headers };
		if (isJsonBody(spec.body)) headers['Content-Type'] = 'application/json';
		const sent: RequestSpec = { ...spec, headers };
		for (let moves = 0; ; moves++) {
			let location: string | undefined;
			const explain = async (failure: HttpFailure, s: RequestSpec) => {
				if (failure.status === 308) location = headerValue(failure.headers, 'location') ?? '';
				return await explainFailure(failure, s);
			};
			stats.calls++;
			try {
				return await conn.request<T>(sent, { explain });
			} catch (error) {
				// The constructor hands a NodeApiError back as it is.
				if (location === undefined || moves >= MAX_MOVES) throw new NodeApiError(node, error as JsonObject);
			}
			const data = conn.credential();
			const moved = tryEndpoint(
				location,
				{ apiRoot: String(data.apiRoot ?? ''), allowedDomains: parseAllowedDomains(data.allowedDomains) },
				'the endpoint Kaizala moved to (308)',
			);
			if ('refused' in moved) {
				throw apiError(node, {
					message: moved.refused,
					description: 'The call was not re-sent: a token is only sent to an endpoint the credential allows.',
					itemIndex: spec.itemIndex,
					status: 308,
				});
			}
			stats.moves++;
			conn.amend({ movedTo: moved.endpoint });
		}
	};

	return { request, stats, renewals: () => conn.renewals() };
}

const KEY = 'kaizala';

/** The Kaizala client of one execution: the credential is read once, its token shared by all items. */
export async function kaizalaClient(ctx: HttpContext, itemIndex?: number): Promise<KaizalaClient> {
	return await perContext(ctx, KEY, async () => await openClient(ctx, itemIndex));
}

/** The client of this execution if one was opened (for the closing log). */
export async function openedClient(ctx: object): Promise<KaizalaClient | undefined> {
	return await builtFor<KaizalaClient>(ctx, KEY);
}
