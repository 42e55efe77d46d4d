// The bench's rezStream part: the stand-ins (one per latency, one per page cap, one whose OAuth2
// token expires mid-drain), the bench-side blocks servers, their credentials, the request-count
// workflow (part 1) and the timed pairs against n8n's HTTP Request node (parts 2-3).
import {
	dev, require, LATENCIES, N, CAPS, BLOCKS, FROM, OAUTH_EXPIRE_AT, LIMIT_RULE, GOALS, GOAL_LATENCY, data, cleanups, broken,
	enc, fmtInt, stayWindow, blocksWindow, sameOrder,
} from '../settings.mjs';

const { startRezStreamStandIn } = dev('standin', 'rezstream');
const { startBlocksServer } = require('./blocks-server.js');
const W = require('./workflows.js');

const updated = (returnAll, limit) => ({ resource: 'reservation', operation: 'getManyUpdated', updatedSince: FROM, returnAll, ...(returnAll ? {} : { limit }) });
const byDate = (w, returnAll = true, limit) => ({ resource: 'reservation', operation: 'getManyByStayDate', from: w.from, to: w.to, returnAll, ...(returnAll ? {} : { limit }) });
const blocks = (w) => ({ resource: 'availability', operation: 'getBlocks', from: w.from, to: w.to, returnAll: true });

export default {
	name: 'rezStream',
	/** Servers and credentials. */
	async start() {
		const S = {};
		const B = {};
		const tokens = {};
		for (const L of LATENCIES) {
			S[L] = await startRezStreamStandIn({ data: { reservations: N }, latencyMs: L, maxPageSize: 100 });
			cleanups.push(() => S[L].close());
			tokens[L] = S[L].issueManualToken();
			B[L] = await startBlocksServer({ token: tokens[L], count: BLOCKS, latencyMs: L, maxPageSize: 100 });
			cleanups.push(() => B[L].close());
		}
		const C = {};
		for (const cap of CAPS) {
			C[cap] = await startRezStreamStandIn({ data: { reservations: N }, maxPageSize: cap });
			cleanups.push(() => C[cap].close());
		}
		const SO = await startRezStreamStandIn({ data: { reservations: N }, maxPageSize: 100 });
		cleanups.push(() => SO.close());
		const st = { S, B, C, SO, tokens, creds: [], nodeCred: {}, headerCred: {}, blocksCred: {}, capCred: {} };
		for (const L of LATENCIES) {
			const c = W.tokenCredentials(`${L}ms`, S[L].url, tokens[L]);
			st.nodeCred[L] = c.rez;
			st.headerCred[L] = c.header;
			st.blocksCred[L] = W.tokenCredentials(`blocks ${L}ms`, B[L].url, tokens[L]).rez;
			st.creds.push(c.rez, c.header, st.blocksCred[L]);
		}
		for (const cap of CAPS) {
			st.capCred[cap] = W.tokenCredentials(`cap ${cap}`, C[cap].url, C[cap].issueManualToken()).rez;
			st.creds.push(st.capCred[cap]);
		}
		st.oauthCred = W.oauthCredential('expiring', SO);
		st.creds.push(W.importable(st.oauthCred));
		st.capWindow = stayWindow(C[100]);
		st.limitWindow = stayWindow(C[LIMIT_RULE.cap]);
		st.blocksWin0 = blocksWindow(B[0]);
		st.windows = {};
		for (const L of LATENCIES) {
			const w = { stay: stayWindow(S[L]), blocks: blocksWindow(B[L]) };
			st.windows[L] = w;
			data.windowRows = { ...data.windowRows, [L]: { stay: w.stay.ids.length, blocks: w.blocks.ids.length, stayWindow: [w.stay.from, w.stay.to] } };
		}
		return st;
	},
	credentials: (st) => st.creds,

	/** Part 1: one run whose request counts are compared with ceil(rows / page cap). */
	countsWorkflow: (st) =>
		W.fanOutWorkflow('bench: request counts', [
			...CAPS.map((cap) => W.rezStreamNode(`drain cap ${cap}`, st.capCred[cap], updated(true))),
			W.rezStreamNode('drain OAuth2', st.oauthCred, updated(true)),
			W.rezStreamNode('byDate all', st.capCred[100], byDate(st.capWindow)),
			W.rezStreamNode('byDate limit', st.capCred[LIMIT_RULE.cap], byDate(st.limitWindow, false, LIMIT_RULE.limit)),
			W.rezStreamNode('blocks all', st.blocksCred[0], blocks(st.blocksWin0)),
		]),
	/** Around the counts run: clear the logs, expire the OAuth2 token mid-drain. */
	async aroundCounts(st, run) {
		for (const s of [...Object.values(st.C), st.SO]) s.clearRequests();
		st.B[0].clearRequests();
		let oauthApiRequests = 0;
		st.SO.hooks.beforeApiRequest = () => {
			if (++oauthApiRequests === OAUTH_EXPIRE_AT) st.SO.expireAccessTokens();
		};
		try {
			await run();
		} finally {
			st.SO.hooks.beforeApiRequest = null;
		}
		const updatedOf = (s) => s.apiRequests().filter((r) => r.path === '/reservations/updated');
		return {
			caps: CAPS.map((cap) => ({
				cap,
				requests: updatedOf(st.C[cap]).length,
				limits: [...new Set(updatedOf(st.C[cap]).map((r) => r.query.limit))],
				tokenRequests: st.C[cap].tokenRequests().length,
			})),
			oauth: { requests: updatedOf(st.SO).length, unauthorized: st.SO.apiRequests().filter((r) => r.status === 401).length, tokenRequests: st.SO.tokenRequests().length },
			byDateAll: { requests: st.C[100].apiRequests().filter((r) => r.path === '/reservations/byDate').length, rows: st.capWindow.ids.length },
			byDateLimit: { requests: st.C[LIMIT_RULE.cap].apiRequests().filter((r) => r.path === '/reservations/byDate').length, ...LIMIT_RULE },
			blocksAll: { requests: st.B[0].requests.length, rows: st.blocksWin0.ids.length },
		};
	},
	/** Part 1 checks on the counts run read back from n8n: every drain complete, once each. */
	checkCounts(st, exec) {
		const check = (nodeName, expected, ordered) => {
			const ids = exec.items(nodeName).map((i) => i.id);
			const ok = ordered ? sameOrder(ids, expected) : ids.length === expected && new Set(ids).size === expected;
			if (!ok) broken('part 1', new Error(`${nodeName}: ${ids.length} items (${new Set(ids).size} distinct), expected ${ordered ? expected.length : expected}${ordered ? ' in API order' : ''}`));
		};
		for (const cap of CAPS) check(`drain cap ${cap}`, N);
		check('drain OAuth2', N);
		check('byDate all', st.capWindow.ids, true);
		check('byDate limit', st.limitWindow.ids.slice(0, LIMIT_RULE.limit), true);
		check('blocks all', st.blocksWin0.ids, true);
	},

	/**
	 * One warm-up run of each kind against the instant servers, so that the timed nodes run on
	 * compiled code, as in a long-running n8n (the first run in a fresh `n8n execute` process
	 * takes about twice as long, whichever node it is).
	 */
	warmUp(st) {
		const w0 = stayWindow(st.S[0]);
		return [
			W.rezStreamNode('warm-up rezStream updated', st.nodeCred[0], updated(true)),
			W.httpRequestNode('warm-up HTTP updated', st.headerCred[0], `${st.S[0].url}/reservations/updated?from=${enc(FROM)}&limit=100`),
			W.rezStreamNode('warm-up rezStream byDate', st.nodeCred[0], byDate(w0)),
			W.httpRequestNode('warm-up HTTP byDate', st.headerCred[0], `${st.S[0].url}/reservations/byDate?from=${w0.from}&to=${w0.to}&limit=100`),
		];
	},
	/** Parts 2-3: [our node, HTTP Request node] on the same endpoint at latency L. */
	pairs(st, L) {
		const w = st.windows[L];
		const { S, B } = st;
		const sameAs = (expected) => (ours, http) => (sameOrder(ours, http) && sameOrder(ours, expected) ? null : `rezStream gave ${ours.length} items, HTTP Request ${http.length}, expected ${expected.length}, in the same order`);
		return [
			{
				key: 'cursor',
				label: 'Cursor drain: node Return All vs HTTP Request node, same n8n run',
				goal: GOALS.http,
				ours: W.rezStreamNode('rezStream updated', st.nodeCred[L], updated(true)),
				http: W.httpRequestNode('HTTP updated', st.headerCred[L], `${S[L].url}/reservations/updated?from=${enc(FROM)}&limit=100`),
				server: S[L],
				path: /^\/reservations\/updated$/,
				check: (ours, http) => (sameOrder(ours, http) && ours.length === N && new Set(ours).size === N ? null : `rezStream gave ${ours.length} items, HTTP Request ${http.length}, expected ${N}, in the same order`),
			},
			{
				key: 'byDate',
				label: `Offset list: reservations by stay date (${fmtInt(data.windowRows?.[GOAL_LATENCY]?.stay)} rows) vs HTTP Request node`,
				goal: GOALS.offset,
				ours: W.rezStreamNode('rezStream byDate', st.nodeCred[L], byDate(w.stay)),
				http: W.httpRequestNode('HTTP byDate', st.headerCred[L], `${S[L].url}/reservations/byDate?from=${w.stay.from}&to=${w.stay.to}&limit=100`),
				server: S[L],
				path: /^\/reservations\/byDate$/,
				check: sameAs(w.stay.ids),
			},
			{
				key: 'blocks',
				label: `Offset list: availability blocks (${fmtInt(BLOCKS)} rows, bench-side server) vs HTTP Request node`,
				goal: GOALS.offset,
				ours: W.rezStreamNode('rezStream blocks', st.blocksCred[L], blocks(w.blocks)),
				http: W.httpRequestNode('HTTP blocks', st.headerCred[L], `${B[L].url}/availability/blocks/byDate?from=${w.blocks.from}&to=${w.blocks.to}&limit=100`),
				server: B[L],
				path: /^\/availability\/blocks\/byDate$/,
				check: sameAs(w.blocks.ids),
			},
		];
	},
	/** Closes the servers before n8n's data is read back into this process. */
	async close(st) {
		for (const server of [...Object.values(st.S), ...Object.values(st.B), ...Object.values(st.C), st.SO]) await server.close();
	},
};
