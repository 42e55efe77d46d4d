'use strict';
/** The stand-in itself follows the Res:harmonics documents (a stand-in easier than the API would make every other test lie). */
const { startResHarmonicsStandIn } = require('../support/resharmonics-standin');

let s;
beforeAll(async () => {
	s = await startResHarmonicsStandIn({ tokenCalls: 3, maxPageSize: 50, data: { bookings: 60 } });
});
afterAll(async () => s.close());

const basic = (id, secret) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const form = { 'content-type': 'application/x-www-form-urlencoded' };

async function token(headers, body) {
	const r = await fetch(s.tokenUrl, { method: 'POST', headers: { ...form, ...headers }, body });
	return { status: r.status, body: await r.json() };
}
async function get(path, headers) {
	const r = await fetch(`${s.url}${path}`, { headers });
	return { status: r.status, body: await r.json() };
}

describe('token endpoint (client credentials)', () => {
	test('client as HTTP Basic or in the form body; both at once, a wrong secret or JSON are refused', async () => {
		const viaBasic = await token({ authorization: basic(s.settings.clientId, s.settings.clientSecret) }, 'grant_type=client_credentials');
		expect(viaBasic.status).toBe(200);
		expect(viaBasic.body).toEqual({ access_token: expect.any(String), expires_in: 3600, token_type: 'Bearer' });
		const viaBody = await token({}, `grant_type=client_credentials&client_id=${s.settings.clientId}&client_secret=${s.settings.clientSecret}`);
		expect(viaBody.status).toBe(200);
		const both = await token({ authorization: basic(s.settings.clientId, s.settings.clientSecret) }, `grant_type=client_credentials&client_id=${s.settings.clientId}&client_secret=${s.settings.clientSecret}`);
		expect(both).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
		expect(await token({}, `grant_type=client_credentials&client_id=${s.settings.clientId}&client_secret=nope`)).toMatchObject({ status: 400, body: { error: 'invalid_client' } });
		const json = await fetch(s.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
		expect(json.status).toBe(400);
		expect(await token({ authorization: basic(s.settings.clientId, s.settings.clientSecret) }, 'grant_type=client_credentials&scope=api%2Fadmin')).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
	});

	test('a token dies after its calls with the documented 401 message; an unknown one is Unauthorized', async () => {
		const { body } = await token({ authorization: basic(s.settings.clientId, s.settings.clientSecret) }, 'grant_type=client_credentials');
		const auth = { authorization: `Bearer ${body.access_token}` };
		for (let i = 0; i < 3; i++) expect((await get('/api/v3/units?size=1', auth)).status).toBe(200);
		expect(await get('/api/v3/units?size=1', auth)).toEqual({ status: 401, body: { message: 'The incoming token has expired' } });
		expect(await get('/api/v3/units', { authorization: 'Bearer made-up' })).toEqual({ status: 401, body: { message: 'Unauthorized' } });
	});
});

describe('API', () => {
	const key = () => ({ 'x-auth-token': s.settings.apiKey });

	test('pricing accepts only X-Auth-Token', async () => {
		const { body } = await token({ authorization: basic(s.settings.clientId, s.settings.clientSecret) }, 'grant_type=client_credentials');
		expect((await get('/api/v3/bookings/1001/pricing', { authorization: `Bearer ${body.access_token}` })).status).toBe(401);
		expect(await get('/api/v3/bookings/1001/pricing', key())).toMatchObject({ status: 200, body: { bookingId: 1001, currency: 'GBP' } });
	});

	test('Spring paging caps size silently and reports the size used', async () => {
		const { status, body } = await get('/api/v3/bookings?page=0&size=500', key());
		expect(status).toBe(200);
		expect(body.content).toHaveLength(50);
		expect(body.page).toEqual({ number: 0, size: 50, totalElements: expect.any(Number), totalPages: Math.ceil(body.page.totalElements / 50) });
	});

	test('bookings: one row per room stay, bookingId + roomStayId, no id, lastUpdated ascending', async () => {
		const { body } = await get('/api/v3/bookings?size=50', key());
		const rows = body.content;
		expect(rows.every((r) => r.id === undefined && Number.isInteger(r.bookingId) && Number.isInteger(r.roomStayId))).toBe(true);
		expect(new Set(rows.map((r) => r.bookingId)).size).toBeLessThan(rows.length);
		const times = rows.map((r) => Date.parse(r.lastUpdated));
		expect([...times].sort((a, b) => a - b)).toEqual(times);
	});

	test('statuses bind as Spring binds them: repeated or comma-separated; [] and [0] are ignored (every row)', async () => {
		const all = (await get('/api/v3/bookings?size=50', key())).body.page.totalElements;
		const count = async (q) => (await get(`/api/v3/bookings?size=50&${q}`, key())).body;
		const repeated = await count('statuses=CONFIRMED&statuses=PENDING');
		const comma = await count('statuses=CONFIRMED,PENDING');
		expect(repeated.page.totalElements).toBeLessThan(all);
		expect(comma.content).toEqual(repeated.content);
		expect(repeated.content.every((r) => ['CONFIRMED', 'PENDING'].includes(r.status))).toBe(true);
		expect((await count('statuses%5B%5D=CONFIRMED')).page.totalElements).toBe(all);
		expect((await count('statuses%5B0%5D=CONFIRMED')).page.totalElements).toBe(all);
	});

	test('Spring 400s name the parameter', async () => {
		const bad = await get('/api/v3/bookings?dateFrom=2026-02-30', key());
		expect(bad.status).toBe(400);
		expect(bad.body).toMatchObject({ status: 400, error: 'Bad Request', path: '/api/v3/bookings' });
		expect(bad.body.message).toContain("'dateFrom'");
		expect((await get('/api/v3/bookings?statuses=SLEEPING', key())).body.message).toContain("'statuses'");
		expect((await get('/api/v3/bookings?lastUpdatedFrom=yesterday', key())).body.message).toContain("'lastUpdatedFrom'");
	});

	test('mutations move a row to the end of the update order with an explicit lastUpdated', async () => {
		s.updateBooking(1002, { status: 'CONFIRMED' }, '2027-01-01T00:00:00.000Z');
		const stay = s.addRoomStay(1003, {}, '2027-01-01T00:00:00.000Z');
		const { body } = await get('/api/v3/bookings?lastUpdatedFrom=2027-01-01T00:00:00Z&size=50', key());
		expect(body.content.map((r) => [r.bookingId, r.roomStayId])).toEqual([
			[1002, 20003],
			[1003, 20005],
			[1003, stay.roomStayId],
		]);
		expect(s.apiRequests().at(-1).search).toBe('?lastUpdatedFrom=2027-01-01T00:00:00Z&size=50');
	});
});
