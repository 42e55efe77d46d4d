'use strict';
/**
 * Issue 17 item 1, decided by n8n's own HTTP stack: a 302 from the API to another origin
 * (127.0.0.2) must not carry the credential there. Run for both credential kinds inside a real
 * n8n (`n8n execute`); the foreign host records every request it gets. Without the kernel's
 * redirect policy n8n 2.41.1 follows the 302 with `Authorization: Bearer <token>`.
 */
const { createInstance, N8N_MAJOR } = require('../support/n8n');

// n8n 1.x's NodeApiError drops the original HTTP error, so the Location of a redirect cannot be
// read there: a redirect is not followed at all (still no request and no token to another host).
const onV2 = N8N_MAJOR >= 2;
const { standIn, foreignHost, tokenSeen } = require('../support/fault-scenarios');
const { manualWorkflow } = require('./fixtures/workflows');
const { AUTHS, rezStreamCredential, importable, rezStreamNode } = require('./fixtures/rezstream');

jest.setTimeout(10 * 60 * 1000);

let s;
let n8n;
let foreign;
const creds = {};
const wf = {};

beforeAll(async () => {
	s = await standIn();
	foreign = await foreignHost();
	n8n = await createInstance();
	for (const auth of AUTHS) {
		creds[auth] = rezStreamCredential(s, auth);
		wf[auth] = manualWorkflow({
			name: `${auth} redirected`,
			nodes: [rezStreamNode('Business', auth, creds[auth], { resource: 'inventory', operation: 'getBusiness' })],
		});
	}
	await n8n.importCredentials(Object.values(creds).map(importable));
	await n8n.importWorkflow(Object.values(wf));
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (s) await s.close();
	if (foreign) await foreign.close();
});

describe.each(AUTHS)('%s credential', (auth) => {
	test('a 302 to another host is refused: that host gets no request and no token', async () => {
		foreign.seen.length = 0;
		s.fault = (info) => {
			if (info.path !== '/inventory/business') return false;
			info.res.statusCode = 302;
			info.res.setHeader('Location', `${foreign.url}/collect?from=rezstream`);
			info.res.end();
			return true;
		};
		const r = await n8n.execute(wf[auth].id);
		s.fault = null;
		expect(r.status).toBe('error');
		if (onV2) expect(r.error.message).toBe(`Refused to send the rezStream credential to ${foreign.url}`);
		else expect(r.error.message).toMatch(/HTTP 302/);
		expect(foreign.seen).toEqual([]);
		const secrets = Object.values(creds[auth].tokens).filter((t) => typeof t === 'string');
		expect(tokenSeen({ 'foreign host': JSON.stringify(foreign.seen), error: JSON.stringify(r.error) }, secrets)).toEqual([]);
	});

	(onV2 ? test : test.skip)('a redirect on the API\'s own origin is followed with the credential', async () => {
		let redirected = false;
		s.fault = (info) => {
			if (info.path !== '/inventory/business' || redirected) return false;
			redirected = true;
			info.res.statusCode = 302;
			info.res.setHeader('Location', '/inventory/business?moved=1');
			info.res.end();
			return true;
		};
		const r = await n8n.execute(wf[auth].id);
		s.fault = null;
		expect(r.error).toBeNull();
		expect(r.items('Business')).toHaveLength(1);
		const moved = s.apiRequests().filter((c) => c.path === '/inventory/business' && c.query.moved === '1');
		expect(moved.length).toBeGreaterThan(0);
		expect(moved.every((c) => /^Bearer /.test(c.headers.authorization))).toBe(true);
	});
});
