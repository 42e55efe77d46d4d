'use strict';
/**
 * The Res:harmonics node inside a real n8n (2.x, and 1.x in the e2e-1x suite), one n8n per file:
 * - filters sent exactly (statuses as repeated parameters) and Limit stopping early;
 * - the OAuth2 client-credentials token fetched by n8n itself, then renewed by n8n when it dies
 *   in the middle of a multi-page list: every page that got the expiry 401 is repeated once, no
 *   row lost or doubled, the new token stored;
 * - the API key credential (X-Auth-Token) on the API-key-only pricing endpoint;
 * - both credential tests through n8n's REST API (/rest/credentials/test), good and bad.
 */
const { createInstance, N8N_MAJOR } = require('../support/n8n');
const { startResHarmonicsStandIn } = require('../support/resharmonics-standin');
const { manualWorkflow, PACKAGE_NAME } = require('./fixtures/workflows');
const { resHarmonicsOAuth2Credential, resHarmonicsApiCredential } = require('../../dev/fixtures/resharmonics');

jest.setTimeout(15 * 60 * 1000);

let s;
let n8n;
let oauth;
let key;
let wrong;
let filtered;
let all;
let pricing;

const node = (name, credential, parameters) => ({
	name,
	type: `${PACKAGE_NAME}.resHarmonics`,
	credential,
	parameters: { authentication: credential.type === 'resHarmonicsApi' ? 'apiKey' : 'oAuth2', ...parameters },
});
const totalRows = () => s.data.bookings.reduce((n, b) => n + b.roomStays.length, 0);

beforeAll(async () => {
	s = await startResHarmonicsStandIn({ maxPageSize: 10, data: { bookings: 40 } });
	n8n = await createInstance();
	// Only what a user types in: no token stored, n8n fetches the first one.
	oauth = resHarmonicsOAuth2Credential(s, { scope: 'api/read' });
	key = resHarmonicsApiCredential(s);
	wrong = resHarmonicsOAuth2Credential(s, { name: 'Res:harmonics wrong secret' });
	wrong.data.clientSecret = 'not-the-secret';
	filtered = manualWorkflow({
		name: 'rh filtered',
		nodes: [node('Bookings', oauth, { resource: 'booking', operation: 'getMany', limit: 12, filters: { statuses: ['CONFIRMED', 'PENDING', 'CHECKED_IN'], dateFrom: '2026-12-01' }, simplify: false })],
	});
	all = manualWorkflow({ name: 'rh all bookings', nodes: [node('Bookings', oauth, { resource: 'booking', operation: 'getMany', returnAll: true })] });
	pricing = manualWorkflow({ name: 'rh pricing', nodes: [node('Pricing', key, { resource: 'booking', operation: 'getPricing', bookingId: { __rl: true, mode: 'id', value: '1001' } })] });
	await n8n.importCredentials([oauth, key, wrong]);
	await n8n.importWorkflow([filtered, all, pricing]);
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (s) await s.close();
});

beforeEach(() => s.clearRequests());

test('filters are sent exactly, and Limit stops after the pages it needs', async () => {
	const r = await n8n.execute(filtered.id);
	expect(r.error).toBeNull();
	const rows = r.items('Bookings');
	expect(rows).toHaveLength(12);
	expect(rows.every((row) => ['CONFIRMED', 'PENDING', 'CHECKED_IN'].includes(row.status))).toBe(true);
	expect(s.apiRequests().map((c) => c.search)).toEqual([
		'?dateFrom=2026-12-01&statuses=CONFIRMED&statuses=PENDING&statuses=CHECKED_IN&page=0&size=12',
		'?dateFrom=2026-12-01&statuses=CONFIRMED&statuses=PENDING&statuses=CHECKED_IN&page=1&size=10',
	]);
	// n8n fetched the first token itself, with the client as HTTP Basic and the scope set.
	expect(s.tokenRequests().map((t) => [t.status, t.clientAuth, t.form.grant_type, t.form.scope])).toEqual([[200, 'header', 'client_credentials', 'api/read']]);
});

test('the token dies in the middle of Return All: n8n renews it, the page is repeated once, no row lost or doubled', async () => {
	// A token dies after 5 calls (the stand-in counts calls where the API counts time). n8n 2.x
	// renews once for every request refused at the same moment and hands them all the new token
	// (n8n-core oauth.js, refreshOrFetchToken), so a new token must outlive the 4 pages in flight
	// that share it, as a real one (3,600 s) does.
	s.settings.tokenCalls = 5;
	s.expireTokens();
	let r;
	try {
		r = await n8n.execute(all.id);
	} finally {
		s.settings.tokenCalls = Infinity;
	}
	expect(r.error).toBeNull();
	const rows = r.items('Bookings');
	expect(rows).toHaveLength(totalRows());
	expect(new Set(rows.map((row) => `${row.bookingId}/${row.roomStayId}`)).size).toBe(totalRows());
	const api = s.apiRequests();
	const expired = api.filter((c) => c.status === 401);
	expect(expired.length).toBeGreaterThanOrEqual(2);
	// Every refused call carried a token the token endpoint had issued: it died, it was not made up.
	const issued = new Set(s.tokenRequests().map((t) => t.issued).concat(s.requests().filter((c) => c.kind === 'token').map((t) => t.issued)));
	expect(expired.every((c) => c.headers.authorization?.startsWith('Bearer rh-at-'))).toBe(true);
	// Each page that got the 401 was answered 200 exactly once afterwards; every page once in all.
	const ok = api.filter((c) => c.status === 200).map((c) => c.search);
	expect(new Set(ok).size).toBe(ok.length);
	for (const c of expired) expect(ok).toContain(c.search);
	expect(ok).toHaveLength(Math.ceil(totalRows() / 10));
	const tokens = s.tokenRequests();
	expect(tokens.length).toBeGreaterThanOrEqual(2);
	expect(tokens.length).toBeLessThanOrEqual(expired.length);
	expect(tokens.every((t) => t.status === 200 && t.form.grant_type === 'client_credentials')).toBe(true);
	const stored = (await n8n.exportCredential(oauth.id)).data.oauthTokenData;
	expect(tokens.map((t) => t.issued)).toContain(stored.access_token);
	process.stderr.write(`[e2e] resharmonics: ${ok.length} pages, ${expired.length} expiry 401s, ${tokens.length} token requests\n`);
});

test('the API key credential sends X-Auth-Token, which the pricing endpoint requires', async () => {
	const r = await n8n.execute(pricing.id);
	expect(r.error).toBeNull();
	expect(r.items('Pricing')).toEqual([expect.objectContaining({ bookingId: 1001, currency: 'GBP' })]);
	const [call] = s.apiRequests();
	expect(call).toMatchObject({ path: '/api/v3/bookings/1001/pricing', scheme: 'apiKey' });
	expect(call.headers.authorization).toBeUndefined();
});

test('credential tests through n8n: a token is really fetched and one unit read; wrong secrets fail', async () => {
	await n8n.start();
	const test = (credential, data) => n8n.rest('POST', '/rest/credentials/test', { credentials: { id: credential.id, name: credential.name, type: credential.type, data: { ...credential.data, ...data } } });
	// The token the runs above stored is dead: whatever n8n does, it must fetch a new one.
	s.expireTokens();
	s.clearRequests();
	expect(await test(oauth, {})).toMatchObject({ status: 'OK' });
	const [issued] = s.tokenRequests();
	expect(s.tokenRequests().map((t) => [t.status, t.form.grant_type])).toEqual([[200, 'client_credentials']]);
	const units = s.apiRequests().filter((c) => c.status === 200);
	expect(units.map((c) => [c.path, c.search, c.token])).toEqual([['/api/v3/units', '?page=0&size=1', issued.issued]]);
	// n8n 2.x tests the form as entered (no token in it): it fetches one first. n8n 1.x merges the
	// stored credential into the test: the stored token is refused (401), then renewed.
	expect(s.apiRequests().map((c) => c.status)).toEqual(N8N_MAJOR >= 2 ? [200] : [401, 200]);
	// A saved credential with a wrong secret fails at the token request. (A saved one: n8n 1.x tests
	// an OAuth2 credential with what is stored, not with unsaved edits.)
	s.clearRequests();
	expect(await test(wrong, {})).toMatchObject({ status: 'Error' });
	expect(s.tokenRequests().map((t) => t.status)).toEqual([400]);
	expect(s.apiRequests().filter((c) => c.status === 200)).toEqual([]);
	expect(await test(key, {})).toMatchObject({ status: 'OK' });
	expect(s.apiRequests().at(-1)).toMatchObject({ path: '/api/v3/units', scheme: 'apiKey', status: 200 });
	expect(await test(key, { apiKey: 'rh-key-wrong' })).toMatchObject({ status: 'Error' });
	await n8n.stop();
});
