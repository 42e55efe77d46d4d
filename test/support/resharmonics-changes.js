'use strict';
/**
 * Res:harmonics stand-in additions for the two triggers (the stand-in itself is
 * test/support/resharmonics-standin):
 * - `changeProxy(s)`: a pass-through on 127.0.0.1 in front of the stand-in that runs scripted
 *   steps before list requests reach it (bookings that change *during* a drain, between two
 *   page reads), and caps the requests of a run (an unbounded loop shows as 503s, never as a
 *   hang). Faults and odd answers come from the stand-in core (`s.srv.faults`);
 * - tied and late-committing timestamps: `tied(s, n, at)` creates n bookings stamped with one
 *   instant; `lateCommit(s, msBefore)` creates a booking now whose timestamp is already older
 *   than changes handed out before it (a write that committed late);
 * - the webhook sender: `roomStayChange(...)` builds a "Room Stay Change" delivery (createdDate
 *   in Java's array form) and `deliver(url, body, { secret, copies })` POSTs it, copies included.
 * ASSUMPTION: the `type` value of a delivery ("ROOM_STAY_CHANGE") is not documented.
 */
const http = require('node:http');
const { fastRetries } = require('../shared/fast-retries');
const { resHarmonicsOAuth2Credential, resHarmonicsApiCredential } = require('../../dev/fixtures/resharmonics');

const LIST_PATHS = new Set(['/api/v3/bookings', '/api/v3/roomStays']);

/**
 * A proxy in front of stand-in `s`. `proxy.beforeList(fn)` queues steps run (in order, one per
 * list request) before a list request is forwarded. Past `requestCap` requests: 503.
 */
async function changeProxy(s, { requestCap = 500 } = {}) {
	const steps = [];
	let count = 0;
	const proxy = {
		listRequests: 0,
		beforeList(...fns) {
			steps.push(...fns);
		},
		pendingSteps: () => steps.length,
		requestCount: () => count,
	};
	const server = http.createServer(async (req, res) => {
		count++;
		const url = new URL(req.url, 'http://127.0.0.1');
		const chunks = [];
		for await (const c of req) chunks.push(c);
		if (count > requestCap) {
			res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"request cap of the test reached"}');
			return;
		}
		if (LIST_PATHS.has(url.pathname)) {
			proxy.listRequests++;
			const step = steps.shift();
			if (step) await step(url);
		}
		const { host, ...headers } = req.headers;
		let upstream;
		let text;
		try {
			upstream = await fetch(`${s.url}${req.url}`, {
				method: req.method,
				headers,
				body: chunks.length ? Buffer.concat(chunks) : undefined,
			});
			text = await upstream.text();
		} catch (error) {
			// The stand-in closed under a request still in flight (a poll cut off at its budget, then
			// the test ended): answer 502 instead of failing outside any test.
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ message: String(error.message) }));
			return;
		}
		const out = {};
		upstream.headers.forEach((v, k) => {
			if (!['content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(k)) out[k] = v;
		});
		res.writeHead(upstream.status, out).end(text);
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	proxy.url = `http://127.0.0.1:${server.address().port}`;
	proxy.close = async () => {
		server.closeAllConnections?.();
		await new Promise((r) => server.close(r));
	};
	return proxy;
}

/** The newest lastUpdated the stand-in has handed out (ms). */
function newestStamp(s) {
	return Math.max(...s.data.bookings.flatMap((b) => [Date.parse(b.lastUpdated), ...b.roomStays.map((r) => Date.parse(r.lastUpdated))]));
}

/** n new bookings stamped with the same instant `at` (ISO). */
function tied(s, n, at) {
	return Array.from({ length: n }, () => s.createBooking({}, at));
}

/** A booking created now with a timestamp `msBefore` older than the newest one already handed out. */
function lateCommit(s, msBefore, fields = {}) {
	return s.createBooking(fields, new Date(newestStamp(s) - msBefore).toISOString());
}

/** Every booking change the bookings event should deliver once: bookingId@lastUpdated of those stamped at or after `fromMs`. */
function bookingKeysSince(s, fromMs) {
	return s.data.bookings
		.filter((b) => Date.parse(b.lastUpdated) >= fromMs)
		.map((b) => `${b.id}@${b.lastUpdated}`);
}

/** Java's array form of a UTC date-time: [2026, 11, 23, 10, 15, 30]. */
function javaDateTime(ms) {
	const d = new Date(ms);
	return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()];
}

/** A "Room Stay Change" delivery for a room stay of booking `booking`. */
function roomStayChange(booking, { id, stay = booking.roomStays[0], atMs = Date.now(), type = 'ROOM_STAY_CHANGE' } = {}) {
	return {
		type,
		id: id ?? `evt-${stay.roomStayId}-${atMs}`,
		createdDate: javaDateTime(atMs),
		detailDto: { bookings: [{ bookingId: booking.id, bookingReference: booking.bookingReference, roomStayId: stay.roomStayId }] },
	};
}

/**
 * POSTs a delivery as Res:harmonics does (JSON, the secret in X-Auth-Token; `secret: null` sends
 * none), `copies` times in a row (a sender repeating itself). Answers [{ status, text }].
 */
async function deliver(url, body, { secret, copies = 1 } = {}) {
	const out = [];
	for (let i = 0; i < copies; i++) {
		const headers = { 'content-type': 'application/json' };
		if (secret !== null && secret !== undefined) headers['x-auth-token'] = secret;
		const r = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
		out.push({ status: r.status, text: await r.text() });
	}
	return out;
}

module.exports = { changeProxy, tied, lateCommit, newestStamp, bookingKeysSince, javaDateTime, roomStayChange, deliver };

/**
 * The Res:harmonics Trigger in the unit harness (short retry waits for its node only), against
 * `target` (the stand-in, or a proxy in front of it), with the API key credential or OAuth2.
 */
function triggerHarness(s, target, parameters = {}, { timezone, auth = 'apiKey' } = {}) {
	const { createHarness } = fastRetries(require('./n8n-context').createHarness);
	const bound = { url: target.url, tokenUrl: s.tokenUrl, settings: s.settings };
	const credential = auth === 'oAuth2' ? resHarmonicsOAuth2Credential(bound) : resHarmonicsApiCredential(bound);
	return createHarness({
		nodeName: 'ResHarmonicsTrigger',
		timezone,
		parameters: { authentication: auth, event: 'bookingCreatedOrUpdated', startAt: 'now', ...parameters },
		credentials: { [credential.type]: credential.data },
	});
}

/** The json of a poll's items ([] for null). */
const emitted = (result) => (result ? result[0].map((i) => i.json) : []);

/** Polls until a poll emits nothing (bounded); answers every item's key in order. */
async function pollUntilQuiet(h, { maxPolls = 20, pollBudgetMs } = {}) {
	const keys = [];
	for (let i = 0; i < maxPolls; i++) {
		const items = emitted(await h.poll({ pollBudgetMs }));
		if (items.length === 0) return keys;
		keys.push(...items.map(changeKey));
	}
	throw new Error(`still emitting after ${maxPolls} polls`);
}

/** bookingId@lastUpdated of a booking item, roomStayId@lastUpdated of a room-stay item. */
const changeKey = (item) => `${item.roomStays ? item.bookingId : item.roomStayId}@${item.lastUpdated}`;

/** Lost and duplicated keys of a run. */
function tally(expected, delivered) {
	const seen = new Map();
	for (const k of delivered) seen.set(k, (seen.get(k) ?? 0) + 1);
	return {
		expected: expected.length,
		delivered: delivered.length,
		lost: expected.filter((k) => !seen.has(k)).length,
		duplicated: [...seen.values()].filter((n) => n > 1).length,
		extra: delivered.filter((k) => !expected.includes(k)).length,
	};
}

module.exports.triggerHarness = triggerHarness;
module.exports.emitted = emitted;
module.exports.pollUntilQuiet = pollUntilQuiet;
module.exports.changeKey = changeKey;
module.exports.tally = tally;
