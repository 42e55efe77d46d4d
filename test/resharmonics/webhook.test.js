'use strict';
/**
 * The Res:harmonics Webhook Trigger: a local server hands each POST to the node's webhook() as
 * n8n's webhook route would, and the stand-in's sender delivers "Room Stay Change" events to it
 * (with repeats). What a caller sees: status and text; what a workflow sees: the executions.
 */
const http = require('node:http');
const { createHarness } = require('../support/n8n-context');
const { roomStayChange, deliver, javaDateTime } = require('../support/resharmonics-changes');

const SECRET = 'whsec-3b8f0c2a9d4e71f6a5c0';
let server;
let url;
let h;
let executions;

beforeAll(async () => {
	server = http.createServer(async (req, res) => {
		const chunks = [];
		for await (const c of req) chunks.push(c);
		const text = Buffer.concat(chunks).toString('utf8');
		let body = {};
		try {
			body = text ? JSON.parse(text) : {};
		} catch {
			body = {};
		}
		const { result, res: out } = await h.webhook({ headers: req.headers, body });
		if (result.workflowData) executions.push(result.workflowData[0].map((i) => i.json));
		res.writeHead(out.statusCode, out.headers);
		res.end(out.body === undefined ? '' : String(out.body));
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	url = `http://127.0.0.1:${server.address().port}/webhook/abc/resharmonics`;
});
afterAll(async () => new Promise((r) => server.close(r)));

let workflowId = 0;
beforeEach(() => {
	executions = [];
	workflowId++;
	h = createHarness({ nodeName: 'ResHarmonicsWebhookTrigger', parameters: {}, credentials: { resHarmonicsWebhookApi: { secret: SECRET } } });
	const webhook = h.webhook.bind(h);
	h.webhook = (args) => webhook({ ...args, workflowId: `wf-${workflowId}` });
});

const booking = { id: 1001, bookingReference: 'RH-1001', roomStays: [{ roomStayId: 20001 }] };

test('the right secret starts one execution per event; createdDate in array form becomes ISO', async () => {
	const atMs = Date.parse('2026-11-23T10:15:30Z');
	const event = roomStayChange(booking, { id: 'evt-1', atMs });
	expect(event.createdDate).toEqual([2026, 11, 23, 10, 15, 30]);
	expect(await deliver(url, event, { secret: SECRET })).toEqual([{ status: 200, text: expect.any(String) }]);
	expect(executions).toEqual([[{ ...event, createdDate: '2026-11-23T10:15:30' }]]);
	expect(executions[0][0].detailDto.bookings[0]).toEqual({ bookingId: 1001, bookingReference: 'RH-1001', roomStayId: 20001 });
});

test('a wrong or missing secret gets 401 and starts nothing, whatever its length or case', async () => {
	const event = roomStayChange(booking, { id: 'evt-2' });
	const wrong = [SECRET.slice(0, -1), `${SECRET}x`, SECRET.toUpperCase(), '', 'x'];
	for (const secret of wrong) expect(await deliver(url, event, { secret })).toEqual([{ status: 401, text: 'Unauthorized' }]);
	expect(await deliver(url, event, { secret: null })).toEqual([{ status: 401, text: 'Unauthorized' }]);
	expect(executions).toEqual([]);
	// A refused delivery does not take the event's place in the duplicate window.
	expect((await deliver(url, event, { secret: SECRET }))[0].status).toBe(200);
	expect(executions).toHaveLength(1);
});

test('repeats of one event are answered 200 and dropped; a new event and a new change of the same room stay are not', async () => {
	const first = roomStayChange(booking, { id: 'evt-3', atMs: Date.parse('2026-11-23T10:15:30Z') });
	const answers = await deliver(url, first, { secret: SECRET, copies: 3 });
	expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
	await deliver(url, roomStayChange(booking, { id: 'evt-4' }), { secret: SECRET, copies: 2 });
	// Same id, same room stay, later createdDate: a new change.
	await deliver(url, { ...first, createdDate: javaDateTime(Date.parse('2026-11-23T10:16:00Z')) }, { secret: SECRET });
	expect(executions.map((e) => [e[0].id, e[0].createdDate])).toEqual([
		['evt-3', '2026-11-23T10:15:30'],
		['evt-4', expect.any(String)],
		['evt-3', '2026-11-23T10:16:00'],
	]);
});

test('the duplicate window is per trigger and bounded; a body that is not an event object is refused with 400', async () => {
	const { DuplicateWindow } = require('../../dist/nodes/shared/webhook/duplicates');
	const w = new DuplicateWindow({ maxIds: 2, ttlMs: 1000 });
	expect([w.seen('a', 0), w.seen('b', 1), w.seen('a', 2), w.seen('c', 3), w.size]).toEqual([false, false, true, false, 2]);
	expect(w.seen('a', 4)).toBe(false); // pushed out by the bound
	expect(w.seen('c', 5000)).toBe(false); // expired
	const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-auth-token': SECRET }, body: '[1,2]' });
	expect(answer.status).toBe(400);
	expect(executions).toEqual([]);
});

test('the notice tells where to paste the URL, and the credential is tested by the node', async () => {
	const { ResHarmonicsWebhookTrigger } = require('../../dist/nodes/ResHarmonics/ResHarmonicsWebhookTrigger.node');
	const node = new ResHarmonicsWebhookTrigger();
	const notice = node.description.properties.find((p) => p.type === 'notice');
	expect(notice.displayName).toMatch(/Room Stay Change.*Production URL.*\/resharmonics.*X-Auth-Token/);
	expect(node.description.webhooks).toEqual([{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'resharmonics' }]);
	expect(node.description.credentials).toEqual([{ name: 'resHarmonicsWebhookApi', required: true, testedBy: 'resHarmonicsWebhookSecretCheck' }]);
	const check = node.methods.credentialTest.resHarmonicsWebhookSecretCheck;
	expect((await check.call({}, { data: { secret: SECRET } })).status).toBe('OK');
	expect((await check.call({}, { data: { secret: 'short' } })).status).toBe('Error');
});
