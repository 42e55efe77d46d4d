'use strict';
/**
 * Every credential of the package in n8n's own HTTP Request node ("Predefined Credential
 * Type"): the call reaches the stand-in authenticated, and after the access token died the
 * credential's own renewal runs (n8n's OAuth2 refresh, or the password grant's
 * preAuthentication after the 401) and the call succeeds.
 */
const { createInstance } = require('../support/n8n');
const { startApiV1StandIn } = require('../support/apiv1-standin');
const { startRezStreamStandIn } = require('../support/rezstream-standin');
const { manualWorkflow } = require('./fixtures/workflows');
const { rezStreamCredential, importable: rezImportable } = require('./fixtures/rezstream');
const { passwordCredential, codeCredential, importable, httpRequestNode } = require('./fixtures/apiv1');

jest.setTimeout(15 * 60 * 1000);

let api;
let rez;
let n8n;
const cases = [];

beforeAll(async () => {
	api = await startApiV1StandIn();
	rez = await startRezStreamStandIn({ data: { reservations: 5 } });
	n8n = await createInstance();
	const make = (label, standIn, credential, url, check, canExpire = true) => {
		const workflow = manualWorkflow({ name: `http request: ${label}`, nodes: [httpRequestNode('HTTP Request', credential, url)] });
		cases.push({ label, standIn, credential, workflow, check, canExpire });
	};
	make('apiV1OAuth2PasswordApi', api, passwordCredential(api), `${api.url}/api/v1/users/me`, (json) => expect(json.email).toBe(api.users[0].email));
	make('apiV1OAuth2Api', api, codeCredential(api), `${api.url}/api/v1/users/me`, (json) => expect(json.email).toBe(api.users[0].email));
	make('rezStreamOAuth2Api', rez, rezStreamCredential(rez, 'oAuth2'), `${rez.url}/inventory/business`, (json) => expect(json.id).toBeDefined());
	// A manual rezStream token cannot be renewed: it is checked once, without expiry.
	make('rezStreamApi', rez, rezStreamCredential(rez, 'accessToken'), `${rez.url}/inventory/business`, (json) => expect(json.id).toBeDefined(), false);
	await n8n.importCredentials(cases.map((c) => (c.credential.type.startsWith('rezStream') ? rezImportable(c.credential) : importable(c.credential))));
	await n8n.importWorkflow(cases.map((c) => c.workflow));
});

afterAll(async () => {
	if (n8n) await n8n.cleanup();
	if (api) await api.close();
	if (rez) await rez.close();
});

test.each(['apiV1OAuth2PasswordApi', 'apiV1OAuth2Api', 'rezStreamOAuth2Api', 'rezStreamApi'])('%s: authenticated call, then a call after the token died', async (label) => {
	const c = cases.find((x) => x.label === label);
	c.standIn.clearRequests();
	const r1 = await n8n.execute(c.workflow.id);
	expect(r1.error).toBeNull();
	c.check(r1.items('HTTP Request')[0]);
	const authorized = c.standIn.apiRequests().filter((q) => q.status === 200);
	expect(authorized.length).toBeGreaterThanOrEqual(1);
	expect(authorized[0].headers.authorization).toMatch(/^Bearer \S+$/);
	if (!c.canExpire) return;
	c.standIn.expireAccessTokens();
	c.standIn.clearRequests();
	const r2 = await n8n.execute(c.workflow.id);
	expect(r2.error).toBeNull();
	c.check(r2.items('HTTP Request')[0]);
	const renewals = c.standIn.tokenRequests().filter((t) => t.status === 200);
	expect(renewals).toHaveLength(1);
	expect(renewals[0].grant ?? renewals[0].form?.grant_type).toBe('refresh_token');
	const stored = (await n8n.exportCredential(c.credential.id)).data;
	const storedRefresh = stored.refreshToken ?? stored.oauthTokenData?.refresh_token;
	expect(typeof storedRefresh).toBe('string');
	expect(storedRefresh.length).toBeGreaterThan(0);
});
