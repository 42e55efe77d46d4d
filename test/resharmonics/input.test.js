'use strict';
/** Bad input is refused before any request, naming the field; API failures carry Res:harmonics' words and no secret. */
const { startResHarmonicsStandIn, harness, jsonOf, failure, everyText, rl, OAUTH } = require('./helpers');

let s;
beforeAll(async () => {
	s = await startResHarmonicsStandIn({});
});
afterAll(async () => s.close());
beforeEach(() => s.clearRequests());

const list = (filters) => ({ resource: 'booking', operation: 'getMany', limit: 5, filters });

describe('checked before any request', () => {
	test.each([
		[list({ dateFrom: '2026-02-30' }), 'Filters → Date From: "2026-02-30" is not a date written YYYY-MM-DD'],
		[list({ dateTo: '01/12/2026' }), 'Filters → Date To: "01/12/2026" is not a date written YYYY-MM-DD'],
		[list({ dateFrom: '2026-12-10', dateTo: '2026-12-01' }), 'Filters → Date To: must be on or after Filters → Date From (2026-12-10), got 2026-12-01'],
		[list({ lastUpdatedFrom: '2026-11-01T08:00:00' }), 'Filters → Last Updated From: "2026-11-01T08:00:00" is not an ISO 8601 timestamp such as 2025-07-01T00:00:00Z. It has no time zone'],
		[list({ createdTo: 'yesterday' }), 'Filters → Created To: "yesterday" is not an ISO 8601 timestamp'],
		[list({ lastUpdatedFrom: '2026-11-02T00:00:00Z', lastUpdatedTo: '2026-11-01T00:00:00Z' }), 'Filters → Last Updated To: must be on or after'],
		[list({ unitId: 'abc' }), 'Filters → Unit ID: "abc" is not a Res:harmonics ID'],
		[list({ statuses: ['CONFIRMED', 'BOOKED'] }), 'Filters → Statuses: "BOOKED" is not a status'],
		[{ resource: 'booking', operation: 'getMany', returnAll: false, limit: 0 }, 'Limit: 0 is less than 1'],
		[{ resource: 'booking', operation: 'get', bookingId: rl('RH-1001') }, 'Booking: "RH-1001" is not a Res:harmonics ID'],
		[{ resource: 'booking', operation: 'createEnquiry', unitId: rl('101'), startDate: '2026-12-05', endDate: '2026-12-05' }, 'End Date: must be after Start Date (2026-12-05), got 2026-12-05'],
		[{ resource: 'booking', operation: 'createEnquiry', unitId: rl('101'), startDate: '2026-12-05', endDate: '2026-12-07', additionalFields: { reserveForMinutes: 0 } }, 'Additional Fields → Reserve for Minutes: 0 is less than 1'],
		[{ resource: 'booking', operation: 'updateStatus', bookingId: rl('1001'), status: '={{ "CANCELLED" }}' }, 'Status: "CANCELLED" cannot be set'],
		[{ resource: 'booking', operation: 'addPayment', bookingId: rl('1001'), amount: -5 }, 'Amount: -5 must be more than 0'],
		[{ resource: 'booking', operation: 'getPricing', bookingId: rl('1001') }, 'Get Pricing needs Authentication "API Key (X-Auth-Token)"'],
		[{ resource: 'guestStay', operation: 'create', roomStayId: '20001', guest: { firstName: 'Ada' } }, 'Guest: give a Contact ID, or a First Name and a Last Name'],
		[{ resource: 'contact', operation: 'update', contactId: '501', updateFields: {} }, 'Update Fields: set at least one field to change'],
		[{ resource: 'availability', operation: 'search', dateFrom: '2027-03-05', dateTo: '2027-03-01' }, 'Date To: must be after Date From'],
		[{ resource: 'availability', operation: 'getUnitIntervals', unitId: rl('101'), dateFrom: '', dateTo: '2027-03-01' }, 'Date From: a date is required'],
	])('%j', async (parameters, message) => {
		const error = await failure(harness(s, parameters).execute());
		expect(error.message).toContain(message);
		expect(error.context.itemIndex).toBe(0);
		expect(s.requests()).toEqual([]);
	});
});

describe('API failures', () => {
	test('a Spring validation 400 is carried through, naming the field', async () => {
		const api = await failure(harness(s, { resource: 'booking', operation: 'createEnquiry', unitId: rl('999'), startDate: '2026-12-05', endDate: '2026-12-07' }).execute());
		expect(api.message).toBe('Res:harmonics rejected the request because of unitId: unitId: no unit 999');
		expect(api.description).toContain('Check the value given for unitId.');
		expect(api.httpCode).toBe('400');
		expect(s.apiRequests().map((r) => [r.method, r.path, r.body])).toEqual([['POST', '/api/v3/bookings', { unitId: 999, startDate: '2026-12-05', endDate: '2026-12-07' }]]);
	});

	test('a Spring type-mismatch 400 on a list reaches the user with the parameter named', async () => {
		const said = "Method parameter 'lastUpdatedFrom': Failed to convert value of type 'java.lang.String' to required type 'java.time.LocalDateTime'; Text '2026-11-01T08:00:00Z' could not be parsed, unparsed text found at index 19";
		s.failNext('/api/v3/bookings', 400, said);
		const error = await failure(harness(s, list({ lastUpdatedFrom: '2026-11-01T08:00:00Z' })).execute());
		expect(error.message).toBe(`Res:harmonics rejected the request because of lastUpdatedFrom: ${said}`.slice(0, 500));
		expect(s.apiRequests()).toHaveLength(1); // a 400 is not retried
	});

	test('404 on a record says which one; Continue On Fail keeps going with an error item per input', async () => {
		const h = harness(s, { resource: 'booking', operation: 'get', bookingId: '={{ { __rl: true, mode: "id", value: String($json.id) } }}', simplify: false });
		const out = jsonOf(await h.execute({ items: [{ json: { id: 1001 } }, { json: { id: 4242 } }, { json: { id: 'x' } }], continueOnFail: true }), 3);
		expect(out[0]).toMatchObject({ id: 1001, bookingReference: 'RH-1001' });
		expect(out[1].error).toBe('Res:harmonics has no booking with ID 4242');
		expect(out[2].error).toBe('Booking: "x" is not a Res:harmonics ID (a whole number such as 1042)');
	});

	test('a wrong client secret: the token request fails, and no secret appears in the error', async () => {
		const h = harness(s, { resource: 'unit', operation: 'getMany', limit: 1 }, { oauth: { clientSecret: 'wrong-secret-7d1c9a44e2' } });
		const error = await failure(h.execute());
		expect(everyText(error)).not.toContain('wrong-secret-7d1c9a44e2');
		expect(s.apiRequests()).toEqual([]);
	});

	test('a wrong API key: 401 explained for the API key credential, the key never in the error', async () => {
		const h = harness(s, { authentication: 'apiKey', resource: 'unit', operation: 'getMany', limit: 1 }, { key: { apiKey: 'rh-key-not-this-one-55aa' } });
		const error = await failure(h.execute());
		expect(error.message).toBe('Res:harmonics did not accept the API key (X-Auth-Token)');
		expect(everyText(error)).not.toContain('rh-key-not-this-one-55aa');
	});

	test('OAuth2: a token refused again after renewal is explained, and neither token nor secret leaks', async () => {
		const h = harness(s, { resource: 'unit', operation: 'getMany', limit: 1 });
		await h.execute();
		s.settings.tokenCalls = 0; // every new token is dead on arrival
		s.expireTokens();
		const error = await failure(h.execute());
		s.settings.tokenCalls = Infinity;
		expect(error.message).toBe('Res:harmonics did not accept the access token, even a newly fetched one');
		const text = everyText(error);
		for (const t of s.tokenRequests()) expect(text).not.toContain(t.issued);
		expect(text).not.toContain(s.settings.clientSecret);
		expect(h.store[OAUTH].oauthTokenData.access_token).toBe(s.tokenRequests().at(-1).issued);
	});

	test('a custom environment without a usable Base URL is refused before any request', async () => {
		const error = await failure(harness(s, { resource: 'unit', operation: 'getMany', limit: 1 }, { key: { baseUrl: 'apiv3.rerumapp.uk' } , oauth: { baseUrl: 'apiv3.rerumapp.uk' } }).execute());
		expect(error.message).toBe('Base URL (credential): "apiv3.rerumapp.uk" is not an http(s) URL such as https://apiv3.rerumapp.uk');
		expect(s.requests()).toEqual([]);
	});
});
