'use strict';
/**
 * The Kaizala trigger's webhook lifecycle against the stand-in, which validates the callback
 * URL with a GET before it registers, as Kaizala does. A small local server hands each request
 * to the trigger's webhook() through the harness, as n8n's webhook route would.
 */
const http = require('http');
const { createHarness } = require('../support/n8n-context');
const { startKaizalaStandIn, credentialOf, TYPE } = require('./helpers');

let s;
let server;
let h;
let executions;
let callbackUrl;

async function startCallbackServer() {
	const srv = http.createServer(async (req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		const chunks = [];
		for await (const c of req) chunks.push(c);
		const text = Buffer.concat(chunks).toString('utf8');
		const { result, res: out } = await h.webhook({
			name: req.method === 'GET' ? 'setup' : 'default',
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			body: text ? JSON.parse(text) : {},
		});
		if (result.workflowData) executions.push(result.workflowData[0].map((i) => i.json));
		res.writeHead(out.statusCode, out.headers);
		res.end(out.body === undefined ? '' : String(out.body));
	});
	await new Promise((r) => srv.listen(0, '127.0.0.1', r));
	return srv;
}

beforeAll(async () => {
	s = await startKaizalaStandIn();
	server = await startCallbackServer();
	callbackUrl = `http://127.0.0.1:${server.address().port}/webhook/abc/webhook`;
});
afterAll(async () => {
	await s.close();
	await new Promise((r) => server.close(r));
});
beforeEach(() => {
	executions = [];
	s.data.webhooks.length = 0;
	s.data.validations.length = 0;
	h = createHarness({
		nodeName: 'KaizalaTrigger',
		parameters: { objectType: 'Group', groupId: { __rl: true, mode: 'id', value: 'g-front' }, events: ['TextMessageCreated', 'MemberAdded'] },
		credentials: { [TYPE]: credentialOf(s) },
	});
});

async function activate() {
	if (!(await h.hook('checkExists', { webhookUrl: callbackUrl }))) await h.hook('create', { webhookUrl: callbackUrl });
	return s.data.webhooks.at(-1);
}

test('activation registers with a random callBackToken after Kaizala validated the URL with a plain-text echo; no execution started', async () => {
	const w = await activate();
	expect(s.data.validations).toHaveLength(1);
	const [v] = s.data.validations;
	expect(v).toMatchObject({ ok: true, status: 200, body: v.token });
	expect(v.contentType).toMatch(/^text\/plain/);
	expect(w.callbackUrl).toBe(callbackUrl);
	expect(w.callbackToken).toMatch(/^[0-9a-f]{64}$/);
	expect(w.eventTypes).toEqual(['MemberAdded', 'TextMessageCreated']);
	expect(s.apiRequests().find((r) => r.method === 'POST' && r.path === '/v1/webhook').body).toHaveProperty('callBackToken', w.callbackToken);
	expect(executions).toHaveLength(0);
	expect(h.savedStaticData()).toEqual({ webhookId: w.id, callbackToken: w.callbackToken });
});

test('good, bad and missing callback tokens; duplicate eventIds dropped', async () => {
	const w = await activate();
	const good = await s.api.deliver(w.id, { eventId: 'e-1', data: { text: 'hello' } });
	expect(good.status).toBe(200);
	const bad = await s.api.deliver(w.id, { eventId: 'e-2' }, { token: `${w.callbackToken.slice(0, -1)}${w.callbackToken.endsWith('0') ? '1' : '0'}` });
	expect(bad.status).toBe(401);
	const missing = await s.api.deliver(w.id, { eventId: 'e-3' }, { token: null });
	expect(missing.status).toBe(401);
	const again = await s.api.deliver(w.id, { eventId: 'e-1', data: { text: 'hello' } });
	expect(again.status).toBe(200);
	const next = await s.api.deliver(w.id, { eventId: 'e-4' });
	expect(next.status).toBe(200);
	expect(executions.map((e) => e[0].eventId)).toEqual(['e-1', 'e-4']);
	expect(executions[0][0].data).toEqual({ text: 'hello' });
});

test('checkExists finds the registration again, and turns a webhook Kaizala disabled back on', async () => {
	const w = await activate();
	w.active = false;
	s.clearRequests();
	expect(await h.hook('checkExists', { webhookUrl: callbackUrl })).toBe(true);
	const put = s.apiRequests().find((r) => r.method === 'PUT');
	expect(put.path).toBe(`/v1/webhook/${w.id}`);
	expect(put.body).toEqual({ Active: true });
	expect(w.active).toBe(true);
	expect(s.data.webhooks).toHaveLength(1);
});

test('a registration of this URL with other events is replaced, not kept', async () => {
	await activate();
	h.parameters.events = ['GroupAdded'];
	const w = await activate();
	expect(s.data.webhooks).toHaveLength(1);
	expect(w.eventTypes).toEqual(['GroupAdded']);
});

test('deactivation deletes the webhook and forgets the token', async () => {
	const w = await activate();
	expect(await h.hook('delete', { webhookUrl: callbackUrl })).toBe(true);
	expect(s.data.webhooks).toHaveLength(0);
	expect(s.apiRequests().some((r) => r.method === 'DELETE' && r.path === `/v1/webhook/${w.id}`)).toBe(true);
	expect(h.savedStaticData()).toEqual({});
});

test('the validation GET without a token is refused; with one it answers the bare token, no execution', async () => {
	const { res } = await h.webhook({ name: 'setup', query: {} });
	expect(res.statusCode).toBe(400);
	const ok = await h.webhook({ name: 'setup', query: { validationToken: 'abc123' } });
	expect(ok.res.body).toBe('abc123');
	expect(ok.result).toEqual({ noWebhookResponse: true });
});
