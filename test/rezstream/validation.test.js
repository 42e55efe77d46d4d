'use strict';
const { standIn, tokenHarness } = require('./helpers');

let s;
beforeAll(async () => {
	s = await standIn({ data: { reservations: 5 } });
});
afterAll(async () => s.close());
beforeEach(() => s.clearRequests());

const VALID_RATE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const json = (body) => ({ resource: 'rate', operation: 'updateNightly', inputMode: 'json', ratesJson: typeof body === 'string' ? body : JSON.stringify(body) });
const fields = (rows, rateId = VALID_RATE) => ({
	resource: 'rate',
	operation: 'updateNightly',
	inputMode: 'fields',
	rateId: { __rl: true, mode: 'id', value: rateId },
	rows: { row: rows },
});
const range = () => ({
	resource: 'rate',
	operation: 'updateNightly',
	inputMode: 'range',
	rateId: { __rl: true, mode: 'id', value: VALID_RATE },
	from: '2025-07-01',
	to: '2025-07-31',
	values: { price: 120 },
});
const row = ({ date = '2025-07-01', ...values } = {}) => ({ date, values: { price: 100, minimumNights: 1, ...values } });

const cases = [
	['reservation ID that is not a UUID', { resource: 'reservation', operation: 'get', reservationId: '12345' }, /^Reservation ID: "12345" is not a UUID/],
	['empty reservation ID', { resource: 'reservation', operation: 'get', reservationId: '' }, /^Reservation ID: an ID is required/],
	['From not a date', { resource: 'reservation', operation: 'getManyByStayDate', from: '07/01/2025', to: '2025-07-31' }, /^From: "07\/01\/2025" is not a date/],
	['To not a calendar date', { resource: 'reservation', operation: 'getManyByStayDate', from: '2025-02-01', to: '2025-02-30' }, /^To: "2025-02-30" is not a date/],
	['From after To', { resource: 'reservation', operation: 'getManyByStayDate', from: '2025-08-01', to: '2025-07-01' }, /^To: must be on or after From \(2025-08-01\)/],
	['calendar window reversed', { resource: 'availability', operation: 'getUnitCalendar', from: '2025-08-01', to: '2025-07-01' }, /^To: must be on or after From/],
	['Updated Since not a date', { resource: 'reservation', operation: 'getManyUpdated', updatedSince: '2025-02-30T10:00:00' }, /^Updated Since: "2025-02-30T10:00:00" is not an ISO 8601 timestamp/],
	['Updated Since not a timestamp', { resource: 'rate', operation: 'getReservedUpdated', updatedSince: 'yesterday' }, /^Updated Since: "yesterday" is not an ISO 8601 timestamp/],
	['Updated Since impossible time', { resource: 'reservation', operation: 'getManyUpdated', updatedSince: '2025-07-01T25:00:00Z' }, /^Updated Since: .*not a valid date and time/],
	['nightly price negative', fields([row({ price: -5 })]), /^Nights \[0\]\.data\[0\]\.price: -5 is less than 0/],
	['nightly date wrong', fields([row({ date: '2025-13-01' })]), /^Nights \[0\]\.data\[0\]\.date: "2025-13-01" is not a date/],
	['nightly minimum nights fractional', fields([row({ minimumNights: 1.5 })]), /minimumNights: 1.5 is not a whole number/],
	['nightly no rows', fields([]), /^Nights: add at least one night/],
	['nightly no rate', fields([row()], ''), /^Rate: choose a rate/],
	['nightly same night twice', fields([row(), row()]), /the night 2025-07-01 appears twice/],
	['nightly night with a date only', fields([{ date: '2025-07-01' }]), /^Nights \[0\]\.data\[0\]: the night 2025-07-01 sets no value: add at least one of Price/],
	['nightly night with no date', fields([{ values: { price: 100 } }]), /^Nights \[0\]\.data\[0\]\.date: a date is required/],
	['range reversed', { ...range(), from: '2025-08-01', to: '2025-07-01' }, /^To: must be on or after From \(2025-08-01\)/],
	['range of 366 nights', { ...range(), from: '2024-01-01', to: '2024-12-31' }, /^To: a range covers at most 365 nights; 2024-01-01 to 2024-12-31 covers 366/],
	['range with no value to set', { ...range(), values: {} }, /^Date Range \[0\]\.data\[0\]: the night 2025-07-01 sets no value/],
	['range whose days never occur', { ...range(), from: '2025-07-01', to: '2025-07-02', daysOfWeek: ['sunday'] }, /^Days of Week: no night from 2025-07-01 to 2025-07-02 falls on the chosen days/],
	['range with no rate', { ...range(), rateId: { __rl: true, mode: 'list', value: '' } }, /^Rate: choose a rate/],
	['JSON night with a date only', json([{ rateId: VALID_RATE, data: [{ date: '2025-07-01' }] }]), /data\[0\]: the night 2025-07-01 sets no value/],
	['JSON not JSON', json('[{ rateId: '), /Rates \(JSON\): the text is not valid JSON/],
	['JSON boolean not boolean', json([{ rateId: VALID_RATE, data: [{ date: '2025-07-01', closedToArrival: 'yes' }] }]), /closedToArrival: "yes" is not true or false/],
	['JSON price not a number', json([{ rateId: VALID_RATE, data: [{ date: '2025-07-01', price: 'cheap' }] }]), /price: "cheap" is not a number/],
	['JSON unknown field', json([{ rateId: VALID_RATE, data: [{ date: '2025-07-01', prices: 3 }] }]), /data\[0\]\.prices: unknown field/],
	['JSON missing rate ID', json([{ data: [{ date: '2025-07-01' }] }]), /\[0\]\.rateId: a rate ID is required/],
	['JSON empty', json([]), /Rates \(JSON\): at least one rate is required/],
	['credential API version', { resource: 'inventory', operation: 'getBusiness', _credential: { apiVersion: 'v2' } }, /^API Version \(credential\): "v2"/],
];

test.each(cases)('%s: a NodeOperationError naming the field, and no request sent', async (_name, parameters, message) => {
	const { _credential, ...params } = parameters;
	const h = tokenHarness(s, params, { credential: _credential });
	const error = await h.execute().catch((e) => e);
	expect(error.constructor.name).toBe('NodeOperationError');
	expect(error.message).toMatch(message);
	expect(error.context.itemIndex).toBe(0);
	expect(s.apiRequests()).toHaveLength(0);
});
