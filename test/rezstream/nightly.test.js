'use strict';
/**
 * Issue 12, items 6 and 7: Update Nightly Rates sends only the values the user set (Fields and
 * Date Range modes), expands a range into nights, and splits big bodies into requests of at most
 * 100 nights, sent one after another.
 */
const { standIn, tokenHarness, jsonOf } = require('./helpers');

let s;
let rateId;
let otherRateId;
beforeAll(async () => {
	s = await standIn({ data: { reservations: 5 } });
	const rates = jsonOf(await tokenHarness(s, { resource: 'inventory', operation: 'getRates' }).execute()).filter((r) => r.allowUpdates !== false);
	[rateId, otherRateId] = rates.map((r) => r.id);
});
afterAll(async () => s.close());
beforeEach(() => s.clearRequests());

const posts = () => s.apiRequests().filter((r) => r.method === 'POST' && r.path === '/rates/nightly');
const locator = (id = rateId) => ({ __rl: true, mode: 'list', value: id });
const update = (parameters) => tokenHarness(s, { resource: 'rate', operation: 'updateNightly', ...parameters });
const readNights = async (from, to, id = rateId) =>
	jsonOf(await tokenHarness(s, { resource: 'rate', operation: 'getNightly', from, to }).execute()).find((r) => r.rateId === id).data;

describe('Fields mode: a night sends its date and only the values added', () => {
	test('raising a price leaves the stay restrictions as they were', async () => {
		// The revenue manager's restrictions for the night, set earlier.
		await update({ inputMode: 'json', ratesJson: JSON.stringify([{ rateId, data: [{ date: '2025-08-10', minimumNights: 3, closedToArrival: true }] }]) }).execute();
		s.clearRequests();
		const h = update({ inputMode: 'fields', rateId: locator(), rows: { row: [{ date: '2025-08-10', values: { price: 250 } }] } });
		const [result] = jsonOf(await h.execute());
		expect(posts().map((p) => p.body)).toEqual([[{ rateId, data: [{ date: '2025-08-10', price: 250 }] }]]);
		expect(result).toMatchObject({ rateId, nights: 1, updated: true });
		const [night] = await readNights('2025-08-10', '2025-08-10');
		expect(night).toMatchObject({ price: 250, minimumNights: 3, closedToArrival: true });
	});

	test('each night sends its own values; a closure set to false is sent (it is a value the user set)', async () => {
		const h = update({
			inputMode: 'fields',
			rateId: locator(),
			rows: { row: [{ date: '2025-08-11', values: { minimumNights: 2 } }, { date: '2025-08-12T00:00:00', values: { closedToArrival: false, baseOccupancy: 3 } }] },
		});
		await h.execute();
		expect(posts()[0].body).toEqual([
			{ rateId, data: [{ date: '2025-08-11', minimumNights: 2 }, { date: '2025-08-12', baseOccupancy: 3, closedToArrival: false }] },
		]);
	});

	test('a night with only a date is refused before anything is sent', async () => {
		const h = update({ inputMode: 'fields', rateId: locator(), rows: { row: [{ date: '2025-08-10', values: { price: 1 } }, { date: '2025-08-11' }] } });
		const error = await h.execute().catch((e) => e);
		expect(error.message).toMatch(/^Nights \[0\]\.data\[1\]: the night 2025-08-11 sets no value/);
		expect(posts()).toHaveLength(0);
	});
});

describe('Date Range mode', () => {
	test('Friday and Saturday nights of July get the weekend price: one request, nights counted', async () => {
		const h = update({
			inputMode: 'range',
			rateId: locator(),
			from: '2025-07-01',
			to: '2025-07-31',
			daysOfWeek: ['friday', 'saturday'],
			values: { price: 210 },
		});
		const [result] = jsonOf(await h.execute());
		const weekend = ['2025-07-04', '2025-07-05', '2025-07-11', '2025-07-12', '2025-07-18', '2025-07-19', '2025-07-25', '2025-07-26'];
		expect(posts().map((p) => p.body)).toEqual([[{ rateId, data: weekend.map((date) => ({ date, price: 210 })) }]]);
		expect(result).toMatchObject({ rateId, nights: 8, firstNight: '2025-07-04', lastNight: '2025-07-26', requests: 1, updated: true });
		const july = await readNights('2025-07-01', '2025-07-31');
		// Positional: index 3 is July 4 (a Friday), index 2 July 3 (a Thursday).
		expect(july[3].price).toBe(210);
		expect(july[2].price).not.toBe(210);
	});

	test('a year of nights (365) is sent as 4 requests of at most 100 nights, in order, one after another', async () => {
		const h = update({ inputMode: 'range', rateId: locator(), from: '2026-01-01', to: '2026-12-31', values: { minimumNights: 2 } });
		const [result] = jsonOf(await h.execute());
		const sent = posts();
		expect(sent.map((p) => p.body[0].data.length)).toEqual([100, 100, 100, 65]);
		const dates = sent.flatMap((p) => p.body[0].data.map((n) => n.date));
		expect(dates).toHaveLength(365);
		expect(new Set(dates).size).toBe(365);
		expect(dates[0]).toBe('2026-01-01');
		expect(dates[59]).toBe('2026-03-01');
		expect(dates[364]).toBe('2026-12-31');
		expect([...dates].sort()).toEqual(dates);
		// One after another: each request starts after the previous one was answered.
		for (let k = 1; k < sent.length; k++) expect(sent[k].at).toBeGreaterThanOrEqual(sent[k - 1].at);
		expect(result).toMatchObject({ nights: 365, requests: 4 });
		const last = await readNights('2026-12-31', '2026-12-31');
		expect(last[0].minimumNights).toBe(2);
	});

	test('a failure in a later request says how much was already applied', async () => {
		let postsSeen = 0;
		s.hooks.beforeApiRequest = (info) => {
			if (info.method === 'POST' && ++postsSeen === 2) s.addFault({ path: '/rates/nightly', method: 'POST', status: 500, times: 1 });
		};
		try {
			const h = update({ inputMode: 'range', rateId: locator(), from: '2027-01-01', to: '2027-06-30', values: { price: 99 } });
			const error = await h.execute().catch((e) => e);
			expect(error.httpCode).toBe('500');
			expect(error.description).toMatch(/The first 1 of 2 requests were applied: 100 of 181 nights, up to 2027-04-10 of rate /);
			expect(posts().map((p) => p.status)).toEqual([200, 500]);
		} finally {
			s.hooks.beforeApiRequest = undefined;
		}
	});
});

test('JSON mode: a body over 100 nights is split the same way, keeping each rate with its nights', async () => {
	const nights = (n, price) => Array.from({ length: n }, (_, d) => ({ date: `2028-${String(1 + Math.floor(d / 28)).padStart(2, '0')}-${String(1 + (d % 28)).padStart(2, '0')}`, price }));
	const body = [{ rateId, data: nights(70, 1) }, { rateId: otherRateId, data: nights(50, 2) }];
	const items = jsonOf(await update({ inputMode: 'json', ratesJson: JSON.stringify(body) }).execute());
	expect(posts().map((p) => p.body.map((r) => [r.rateId, r.data.length]))).toEqual([
		[[rateId, 70], [otherRateId, 30]],
		[[otherRateId, 20]],
	]);
	expect(items.map((i) => [i.rateId, i.nights, i.requests])).toEqual([[rateId, 70, 2], [otherRateId, 50, 2]]);
});
