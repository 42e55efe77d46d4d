'use strict';
/**
 * Fault injection for the rezStream Trigger and the shared kernel: scenarios that make the API
 * (or the network in front of it) misbehave, measured the way a user would see them: records
 * expected, delivered, lost (never delivered, even after the API recovers), duplicated, extra
 * (old records emitted), requests made while the fault lasted, and where a token was seen.
 * Every loop is bounded: a scenario caps its polls and the stand-in answers 503 past a request cap.
 */
const http = require('node:http');
const { startRezStreamStandIn } = require('./rezstream-standin');
const { createHarness } = require('./n8n-context');

const key = (r) => `${r.id}@${r.version}`;
const emitted = (result) => (result ? result[0].map((i) => i.json) : []);
/** Past this many API requests in one scenario the stand-in answers 503: an unbounded loop shows as "capped". */
const REQUEST_CAP = 400;

async function standIn({ requestCap = REQUEST_CAP, ...options } = {}) {
	const s = await startRezStreamStandIn({ data: { reservations: 40 }, maxPageSize: 100, ...options });
	let count = 0;
	s.capped = false;
	s.hooks.intercept = (info) => {
		count++;
		if (count > requestCap) {
			s.capped = true;
			info.res.statusCode = 503;
			info.res.end();
			return true;
		}
		return s.fault ? s.fault(info) : false;
	};
	s.requestCount = () => count;
	return s;
}

function trigger(s, parameters = {}, { auth = 'accessToken' } = {}) {
	const common = { tenantId: '', apiVersion: '', baseUrl: s.url };
	const credentials =
		auth === 'oAuth2'
			? (() => {
					const t = s.issueOAuthTokens({ tenants: [s.tenants[0].id] });
					return {
						rezStreamOAuth2Api: {
							grantType: 'authorizationCode',
							authUrl: `${s.url}/connect/authorize`,
							accessTokenUrl: `${s.url}/connect/token`,
							clientId: 'test-client',
							clientSecret: 'test-secret',
							scope: 'offline_access guest_communication revenue_management',
							authentication: 'body',
							...common,
							oauthTokenData: { access_token: t.access_token, refresh_token: t.refresh_token, token_type: 'Bearer' },
						},
					};
				})()
			: { rezStreamApi: { accessToken: s.issueManualToken({ tenants: [s.tenants[0].id] }), ...common } };
	return createHarness({
		nodeName: 'RezStreamTrigger',
		parameters: { authentication: auth, event: 'newOrUpdated', startAt: 'now', options: {}, simplify: false, ...parameters },
		credentials,
	});
}

/**
 * Runs polls (at most `maxPolls`) and records what they emit and throw. `by` = 'state'
 * (id@version: newOrUpdated) or 'id' (newOnly).
 */
async function polls(h, { maxPolls = 6, budgetMs, untilQuiet = true } = {}) {
	const out = { keys: [], ids: [], items: [], errors: [], durations: [] };
	for (let i = 0; i < maxPolls; i++) {
		const t0 = Date.now();
		try {
			const items = emitted(await h.poll({ pollBudgetMs: budgetMs }));
			out.durations.push(Date.now() - t0);
			for (const r of items) {
				out.keys.push(key(r));
				out.ids.push(r.id);
				out.items.push(r);
			}
			if (untilQuiet && items.length === 0) break;
		} catch (error) {
			out.durations.push(Date.now() - t0);
			out.errors.push(error);
		}
	}
	return out;
}

/** A table row from what was expected and what arrived. */
function measure(scenario, expected, delivered, extra = {}) {
	const want = new Set(expected);
	const counts = new Map();
	for (const k of delivered) counts.set(k, (counts.get(k) ?? 0) + 1);
	const lost = [...want].filter((k) => !counts.has(k)).length;
	const duplicated = [...counts.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
	const unexpected = [...counts.keys()].filter((k) => !want.has(k)).length;
	return { scenario, expected: want.size, delivered: delivered.length, lost, duplicated, extra: unexpected, ...extra };
}

/** Every run of 8+ characters of any of `secrets` found in `texts` (lower-cased): where a token was seen. */
function tokenSeen(texts, secrets) {
	const seen = [];
	for (const [where, text] of Object.entries(texts)) {
		const lower = String(text ?? '').toLowerCase();
		for (const secret of secrets) {
			const s = secret.toLowerCase();
			for (let i = 0; i + 8 <= s.length; i++) {
				if (lower.includes(s.slice(i, i + 8))) {
					seen.push(where);
					break;
				}
			}
		}
	}
	return [...new Set(seen)];
}

/** A second loopback host (127.0.0.2) that records the requests it gets: a foreign origin. */
async function foreignHost() {
	const seen = [];
	const server = http.createServer((req, res) => {
		seen.push({ url: req.url, authorization: req.headers.authorization });
		res.setHeader('Content-Type', 'application/json');
		res.end('[]');
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.2', resolve));
	return {
		url: `http://127.0.0.2:${server.address().port}`,
		seen,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

/** Prints the table (scenario, expected, delivered, lost, duplicated, extra, requests, token seen, outcome). */
function printTable(rows) {
	const cols = ['scenario', 'expected', 'delivered', 'lost', 'duplicated', 'extra', 'requests', 'token seen', 'outcome'];
	const cell = (row, c) => String(c === 'token seen' ? (row.tokenSeen ?? []).join(',') || 'nowhere' : row[c] ?? '');
	const widths = cols.map((c) => Math.min(70, Math.max(c.length, ...rows.map((r) => cell(r, c).length))));
	const line = (values) => values.map((v, i) => String(v).slice(0, widths[i]).padEnd(widths[i])).join(' | ');
	const text = [line(cols), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map((r) => line(cols.map((c) => cell(r, c))))].join('\n');
	const total = rows.reduce((t, r) => ({ lost: t.lost + (r.lost || 0), dup: t.dup + (r.duplicated || 0), leaks: t.leaks + (r.tokenSeen ?? []).length, capped: t.capped + (r.capped ? 1 : 0) }), { lost: 0, dup: 0, leaks: 0, capped: 0 });
	process.stdout.write(`\nFault injection (${rows.length} scenarios): ${total.lost} lost, ${total.dup} duplicated, ${total.leaks} token sightings, ${total.capped} unbounded loops\n${text}\n\n`);
}

module.exports = { standIn, trigger, polls, measure, tokenSeen, foreignHost, printTable, key, emitted, REQUEST_CAP };
