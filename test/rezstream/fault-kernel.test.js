'use strict';
/**
 * Fault injection against the shared request kernel as the rezStream node uses it (issue 17
 * items 1, 2, 5, 6, 12): where a token was seen, lists and writes fed answers that are not the
 * documented JSON, paging that promises too much, oversized error texts. Prints its table.
 * (Whether n8n's own HTTP stack sends a token across a redirect is decided in test/e2e.)
 */
const { jsonOf, oauthHarness, tokenHarness } = require('./helpers');
const { standIn, measure, printTable, tokenSeen, foreignHost } = require('../support/fault-scenarios');

const rows = [];
afterAll(() => printTable(rows));
let s;
afterEach(async () => {
	if (s) await s.close();
	s = undefined;
});

const errorOf = (promise) => promise.then(() => undefined, (e) => e);
const textOf = (error) => `${error?.message ?? ''}\n${error?.description ?? ''}`;

describe.each(['accessToken', 'oAuth2'])('a redirect to another host (%s)', (auth) => {
	test('is refused: the credential goes only to its own origin', async () => {
		s = await standIn();
		const foreign = await foreignHost();
		try {
			s.fault = (info) => {
				if (info.path !== '/inventory/business') return false;
				info.res.statusCode = 302;
				info.res.setHeader('Location', `${foreign.url}/steal`);
				info.res.end();
				return true;
			};
			const h = (auth === 'oAuth2' ? oauthHarness : tokenHarness)(s, { resource: 'inventory', operation: 'getBusiness' });
			const error = await errorOf(h.execute());
			const secrets = Object.values(h.store)[0].oauthTokenData ? Object.values(Object.values(h.store)[0].oauthTokenData) : [Object.values(h.store)[0].accessToken];
			rows.push({
				scenario: `302 to a foreign host (${auth})`,
				requests: s.requestCount(),
				tokenSeen: foreign.seen.some((r) => r.authorization) ? ['foreign host'] : [],
				outcome: `${foreign.seen.length} request(s) reached the foreign host; ${error?.message ?? 'no error'}`,
			});
			expect(error.message).toBe(`Refused to send the rezStream credential to ${foreign.url}`);
			expect(foreign.seen).toEqual([]);
			expect(tokenSeen({ error: textOf(error) }, secrets.filter((x) => typeof x === 'string' && x.length > 8))).toEqual([]);
		} finally {
			await foreign.close();
		}
	});
});

test('a redirect on the same origin is followed, with the credential', async () => {
	s = await standIn();
	let redirected = false;
	s.fault = (info) => {
		if (info.path !== '/inventory/business' || redirected) return false;
		redirected = true;
		info.res.statusCode = 307;
		info.res.setHeader('Location', '/inventory/business?moved=1');
		info.res.end();
		return true;
	};
	const [business] = jsonOf(await tokenHarness(s, { resource: 'inventory', operation: 'getBusiness' }).execute());
	expect(business.id).toBeDefined();
	const calls = s.apiRequests().filter((r) => r.path === '/inventory/business');
	expect(calls.map((c) => [c.query.moved, !!c.headers.authorization])).toEqual([[undefined, true], ['1', true]]);
});

test('tokens refreshed during the run are redacted, also lower-cased, cut or Basic-encoded', async () => {
	s = await standIn();
	const h = oauthHarness(s, { resource: 'inventory', operation: 'getBusiness' });
	const initial = h.store.rezStreamOAuth2Api.oauthTokenData.access_token;
	s.expireAccessTokens();
	s.fault = (info) => {
		const bearer = String(info.headers.authorization ?? '').replace(/^Bearer /, '');
		if (info.path !== '/inventory/business' || bearer === initial) return false;
		const refresh = h.store.rezStreamOAuth2Api.oauthTokenData.refresh_token;
		const basic = Buffer.from(`test-client:test-secret`).toString('base64');
		info.res.statusCode = 403;
		info.res.setHeader('Content-Type', 'application/problem+json');
		info.res.end(JSON.stringify({
			status: 403,
			detail: `Denied for ${bearer} (${bearer.toLowerCase()}), refresh ${refresh.slice(0, 20)}…, client Basic ${basic} / ${Buffer.from(`x:${bearer}`).toString('base64')}`,
		}));
		return true;
	};
	const error = await errorOf(h.execute());
	const current = h.store.rezStreamOAuth2Api.oauthTokenData;
	expect(current.access_token).not.toBe(initial);
	const seen = tokenSeen({ 'error message': error.message, 'error description': error.description }, [current.access_token, current.refresh_token, 'test-secret', Buffer.from(`x:${current.access_token}`).toString('base64').slice(4, -4)]);
	rows.push({ scenario: '403 echoing refreshed tokens', requests: s.requestCount(), tokenSeen: seen, outcome: error.message });
	expect(error.description).toMatch(/rezStream says: Denied for \[redacted\]/);
	expect(seen).toEqual([]);
});

describe('lists and writes fed a 200 that is not the documented JSON', () => {
	const html = (info) => {
		info.res.setHeader('Content-Type', 'text/html');
		info.res.end('<html>Gateway login</html>');
		return true;
	};
	test('a list page of HTML is an error naming the URL and content type, not an item', async () => {
		s = await standIn();
		s.fault = (info) => (info.path === '/inventory/units' ? html(info) : false);
		const error = await errorOf(tokenHarness(s, { resource: 'inventory', operation: 'getUnits', returnAll: true }).execute());
		rows.push({ scenario: 'list answered with HTML 200', requests: s.requestCount(), outcome: error?.message ?? 'items returned' });
		expect(error.message).toMatch(/answered GET \/inventory\/units with text\/html instead of JSON/);
		expect(error.description).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/inventory\/units\S* returned HTTP 200 with content type text\/html/);
	});

	test('Update Nightly answered with an HTML 200 does not report updated: true', async () => {
		s = await standIn();
		const rates = jsonOf(await tokenHarness(s, { resource: 'inventory', operation: 'getRates', returnAll: true }).execute());
		const rateId = rates.find((r) => r.allowUpdates !== false).id;
		s.fault = (info) => (info.path === '/rates/nightly' && info.method === 'POST' ? html(info) : false);
		const h = tokenHarness(s, { resource: 'rate', operation: 'updateNightly', inputMode: 'json', ratesJson: JSON.stringify([{ rateId, data: [{ date: '2025-11-01', price: 101 }] }]) });
		const error = await errorOf(h.execute());
		rows.push({ scenario: 'write answered with HTML 200', requests: s.requestCount(), outcome: error?.message ?? 'updated: true' });
		expect(error?.message).toMatch(/answered POST \/rates\/nightly with text\/html/);
	});
});

describe('offset paging whose last link promises too much', () => {
	const window = { from: '2000-01-01', to: '2100-01-01' };
	const lastAt = (skip) => (info) =>
		info.path === '/reservations/byDate'
			? { items: info.items, links: info.links.map(([u, rel]) => [rel === 'last' ? u.replace(/skip=\d+/, `skip=${skip}`) : u, rel]) }
			: undefined;

	test('skip=9999900 on the first page: a clear error, a handful of requests', async () => {
		s = await standIn({ data: { reservations: 250 } });
		s.hooks.transformList = lastAt(9999900);
		const error = await errorOf(tokenHarness(s, { resource: 'reservation', operation: 'getManyByStayDate', ...window, returnAll: true }).execute());
		rows.push({ scenario: 'offset: last says skip=9999900', requests: s.requestCount(), capped: s.capped, outcome: error?.message ?? 'no error' });
		expect(error.message).toMatch(/"last" link promises 99999 more pages/);
		expect(s.requestCount()).toBeLessThan(5);
	});

	test('a last that promises more than there is ends at the first empty page, with every record', async () => {
		s = await standIn({ data: { reservations: 250 } });
		s.hooks.transformList = lastAt(5000);
		const items = jsonOf(await tokenHarness(s, { resource: 'reservation', operation: 'getManyByStayDate', ...window, returnAll: true }).execute());
		const row = measure('offset: last says skip=5000 (3 real pages)', s.listReservations(s.tenants[0].id).map((r) => r.id), items.map((r) => r.id), { requests: s.requestCount(), outcome: 'ok' });
		rows.push(row);
		expect(row).toMatchObject({ lost: 0, duplicated: 0, extra: 0 });
		expect(s.requestCount()).toBeLessThan(10);
	});
});

test('a 10 MB detail from the server becomes a readable description that says it was cut', async () => {
	s = await standIn();
	s.fault = (info) => {
		if (info.path !== '/inventory/business') return false;
		info.res.statusCode = 400;
		info.res.setHeader('Content-Type', 'application/problem+json');
		info.res.end(JSON.stringify({ status: 400, detail: 'x'.repeat(10 * 1024 * 1024) }));
		return true;
	};
	const error = await errorOf(tokenHarness(s, { resource: 'inventory', operation: 'getBusiness' }).execute());
	rows.push({ scenario: '10 MB vendor detail', requests: s.requestCount(), outcome: `description of ${error.description.length} characters` });
	expect(error.description.length).toBeLessThan(2100);
	expect(error.description).toMatch(/\[cut: \d+ more characters\]/);
});
