'use strict';
/** The two API credentials as n8n reads them, their tests against the stand-in, and the webhook secret check. */
const { loadCredentialTypes } = require('../support/n8n-context');
const { startResHarmonicsStandIn, OAUTH, KEY } = require('./helpers');
const { resHarmonicsWebhookSecretCheck } = require('../../dist/nodes/ResHarmonics/transport/webhookSecret');

const types = loadCredentialTypes();
const field = (type, name) => types[type].properties.find((p) => p.name === name);

/** Evaluates a credential-test expression ("={{ … }}") over the credential, as n8n's expression would. */
function evaluate(expression, credentials) {
	const code = /^=\{\{([\s\S]*)\}\}$/.exec(expression)[1];
	return new Function('$credentials', `return (${code});`)(credentials);
}

describe('resHarmonicsOAuth2Api', () => {
	test('extends oAuth2Api with the client-credentials grant hidden, and the documented defaults', () => {
		expect(types[OAUTH].extends).toEqual(['oAuth2Api']);
		expect(field(OAUTH, 'grantType')).toMatchObject({ type: 'hidden', default: 'clientCredentials' });
		expect(field(OAUTH, 'accessTokenUrl')).toMatchObject({ type: 'string', default: 'https://auth.rerumapp.uk/oauth2/token' });
		expect(field(OAUTH, 'scope')).toMatchObject({ type: 'string', default: '' });
		expect(field(OAUTH, 'authentication').options.map((o) => o.value)).toEqual(['header', 'body']);
		expect(field(OAUTH, 'environment').options.map((o) => o.value)).toEqual(['production', 'testing', 'custom']);
		expect(field(OAUTH, 'baseUrl').displayOptions).toEqual({ show: { environment: ['custom'] } });
	});

	test.each([
		[{ environment: 'production' }, 'https://apiv3.rerumapp.uk'],
		[{ environment: 'testing' }, 'https://apiv3.resharmonics-dev.com'],
		[{ environment: 'custom', baseUrl: ' https://proxy.example.com/ ' }, 'https://proxy.example.com'],
	])('the credential test calls the environment %j chose', (credentials, base) => {
		for (const type of [OAUTH, KEY]) {
			const { request } = types[type].test;
			expect(evaluate(request.baseURL, credentials)).toBe(base);
			expect(request).toMatchObject({ url: '/api/v3/units', qs: { page: 0, size: 1 } });
		}
	});
});

describe('resHarmonicsApi', () => {
	let s;
	beforeAll(async () => {
		s = await startResHarmonicsStandIn({});
	});
	afterAll(async () => s.close());

	async function runTest(credentials) {
		const { request } = types[KEY].test;
		const url = new URL(`${evaluate(request.baseURL, credentials)}${request.url}`);
		for (const [k, v] of Object.entries(request.qs)) url.searchParams.set(k, String(v));
		const options = await types[KEY].authenticate(credentials, { url: url.toString(), headers: {} });
		return await fetch(options.url, { headers: options.headers });
	}

	test('authenticate sends the key as X-Auth-Token; the test reads one unit', async () => {
		const answer = await runTest({ apiKey: s.settings.apiKey, environment: 'custom', baseUrl: s.url });
		expect(answer.status).toBe(200);
		expect((await answer.json()).content).toHaveLength(1);
		expect(s.apiRequests().at(-1)).toMatchObject({ path: '/api/v3/units', search: '?page=0&size=1', scheme: 'apiKey' });
	});

	test('a wrong key fails the test', async () => {
		expect((await runTest({ apiKey: 'nope', environment: 'custom', baseUrl: s.url })).status).toBe(401);
	});
});

describe('webhook secret check (for the webhook trigger)', () => {
	const check = (secret) => resHarmonicsWebhookSecretCheck.call({}, { data: { secret } });
	test.each([
		['', 'Error', 'Webhook Secret is empty'],
		['short-secret', 'Error', 'is 12 characters long: use at least 16'],
		[' padded-secret-123456 ', 'Error', 'starts or ends with a space'],
		['a-long-random-secret-9f8e7d', 'OK', 'cannot be asked to confirm it'],
	])('%j', async (secret, status, text) => {
		const result = await check(secret);
		expect(result.status).toBe(status);
		expect(result.message).toContain(text);
	});
});
