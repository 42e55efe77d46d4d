// The bench's Res:harmonics part (vendor shape: vendors/index.mjs): a Spring-paged list, the
// bookings list (RH_BOOKINGS bookings = one row per room stay), from the stand-in with its
// silent size cap active (the node asks 100 a page, every answer reports RH_SIZE_CAP, so the
// node must plan the pages after the first from the answer's size), one stand-in per latency.
// Timed against n8n's HTTP Request node paginating the same endpoint the way a user sets it up:
// "Update a Parameter in Each Request" (page = {{ $pageCount }}), complete when
// page.number + 1 >= page.totalPages, with the same API-key credential (HTTP Request's
// "Predefined Credential Type"). HTTP Request gives one item per page (the Spring object), so a
// Split Out on `content` follows it: its rows are compared with the node's, key by key, in order.
// The ratio is node time / HTTP Request node time (the Split Out's time is not added to it).
import { dev, require, LATENCIES, GOALS, RH_BOOKINGS, RH_SIZE_CAP, data, cleanups, fmtInt, sameOrder } from '../settings.mjs';

const { startResHarmonicsStandIn } = dev('standin', 'resharmonics');
const { PACKAGE_NAME } = dev('fixtures', 'ids');
const { resHarmonicsApiCredential } = dev('fixtures', 'resharmonics');
const W = require('./workflows.js');

const LIST_PATH = '/api/v3/bookings';
const ASKED_SIZE = 100; // what both ask (the node's PAGE_SIZE); the stand-in serves RH_SIZE_CAP
const CREDENTIAL_TYPE = 'resHarmonicsApi'; // the API-key credential (X-Auth-Token), dev/fixtures/resharmonics.js

/** Bookings-list rows have no `id`: a row is its booking and room stay. */
const rowKey = (json) => (json && json.bookingId !== undefined ? `${json.bookingId}/${json.roomStayId}` : undefined);

/** The node: bookings, Get Many, Return All, rows as the API gives them. */
function bookingsNode(name, credential) {
	return {
		name,
		type: `${PACKAGE_NAME}.resHarmonics`,
		typeVersion: 1,
		parameters: { authentication: 'apiKey', resource: 'booking', operation: 'getMany', returnAll: true, filters: {}, simplify: false },
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
}

/** n8n's HTTP Request node on the same list, paginated by the page parameter until the last page. */
function httpBookingsNode(name, credential, s) {
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: W.HTTP_REQUEST_VERSION,
		parameters: {
			method: 'GET',
			url: `${s.url}${LIST_PATH}`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: CREDENTIAL_TYPE,
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'size', value: String(ASKED_SIZE) }] },
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: { parameters: [{ type: 'qs', name: 'page', value: '={{ $pageCount }}' }] },
						paginationCompleteWhen: 'other',
						completeExpression: '={{ $response.body.page.number + 1 >= $response.body.page.totalPages }}',
					},
				},
			},
		},
		credentials: { [CREDENTIAL_TYPE]: { id: credential.id, name: credential.name } },
	};
}

/** HTTP Request (one item per page) -> Split Out on `content` (one item per row). */
const httpChain = (name, credential, s) => [httpBookingsNode(name, credential, s), W.splitOutNode(`${name} rows`, 'content')];

/** The stand-in's request log in the shape the bench reads (`requests` with `at`, `path`). */
const logOf = (s) => ({
	get requests() {
		return s.requests();
	},
});

export default {
	name: 'resHarmonics',
	async start() {
		const S = {};
		const cred = {};
		for (const L of LATENCIES) {
			S[L] = await startResHarmonicsStandIn({ data: { bookings: RH_BOOKINGS }, latencyMs: L, maxPageSize: RH_SIZE_CAP });
			cleanups.push(() => S[L].close());
			cred[L] = resHarmonicsApiCredential(S[L], { name: `bench Res:harmonics key ${L}ms` });
		}
		// The rows both must return, in the API's order (page by page, as the stand-in serves them).
		const expected = [];
		for (let page = 0, pages = 1; page < pages; page++) {
			const res = await fetch(`${S[0].url}${LIST_PATH}?page=${page}&size=${ASKED_SIZE}`, { headers: { 'X-Auth-Token': S[0].settings.apiKey } });
			if (!res.ok) throw new Error(`Res:harmonics stand-in: ${LIST_PATH} answered ${res.status}`);
			const body = await res.json();
			if (body.page.size !== RH_SIZE_CAP) throw new Error(`Res:harmonics stand-in served pages of ${body.page.size}, not the cap ${RH_SIZE_CAP}`);
			pages = body.page.totalPages;
			expected.push(...body.content.map(rowKey));
		}
		S[0].clearRequests();
		data.resHarmonics = { bookings: RH_BOOKINGS, rows: expected.length, askedSize: ASKED_SIZE, servedSize: RH_SIZE_CAP, pages: Math.ceil(expected.length / RH_SIZE_CAP) };
		return { S, cred, expected };
	},
	credentials: (st) => Object.values(st.cred),

	/** Each node kind once against the instant stand-in, before the timed nodes (compiled code). */
	warmUp: (st) => [bookingsNode('warm-up resHarmonics bookings', st.cred[0]), httpChain('warm-up HTTP bookings', st.cred[0], st.S[0])],

	pairs(st, L) {
		const [http, httpAfter] = httpChain('HTTP bookings', st.cred[L], st.S[L]);
		const n = st.expected.length;
		return [
			{
				key: 'rhSpring',
				label: `Res:harmonics Spring-paged bookings (${fmtInt(n)} rows, size capped at ${RH_SIZE_CAP}): node Return All vs HTTP Request node`,
				goal: GOALS.spring,
				ours: bookingsNode('resHarmonics bookings', st.cred[L]),
				http,
				httpAfter,
				idOf: rowKey,
				// Both planned from the served size: one request per page of RH_SIZE_CAP rows.
				expectRequests: Math.ceil(n / RH_SIZE_CAP),
				server: logOf(st.S[L]),
				path: /^\/api\/v3\/bookings$/,
				check: (ours, rows) =>
					ours.length === n && rows.length === n && sameOrder(ours, st.expected) && sameOrder(rows, st.expected)
						? null
						: `the same rows were not returned: resHarmonics gave ${ours.length} items, HTTP Request + Split Out ${rows.length}, expected ${n} in API order`,
			},
		];
	},
	async close(st) {
		for (const s of Object.values(st.S)) await s.close();
	},
};
