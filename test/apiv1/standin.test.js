'use strict';
/**
 * The API v1 stand-in keeps the template's rules (a stand-in easier than the API would make
 * the other tests lie): Rails' merged parameters, strict Content-Type, rotation that revokes at
 * once, one client authentication only, Kaminari headers.
 */
const { startApiV1StandIn } = require('../support/apiv1-standin');

let s;
beforeAll(async () => {
	s = await startApiV1StandIn({ countries: 30, maxPerPage: 10 });
});
afterAll(async () => s.close());

const json = (body) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const creds = { client_id: 'test-client', client_secret: 'test-secret' };

async function token(query, init) {
	const res = await fetch(`${s.url}/oauth/token${query}`, init);
	return { status: res.status, body: await res.json() };
}

test('the template’s own call (grant_type in the query, JSON body) and RFC 6749’s (grant_type in a form body) both work', async () => {
	const user = { username: s.users[0].email, password: s.users[0].password };
	const a = await token('?grant_type=password', json({ ...user, ...creds }));
	expect(a.status).toBe(200);
	expect(a.body).toMatchObject({ token_type: 'Bearer', expires_in: 60, user_id: 1 });
	const form = new URLSearchParams({ grant_type: 'password', ...user, ...creds });
	const b = await token('', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
	expect(b.status).toBe(200);
});

test('a refresh rotates: the old refresh token and its access token are dead at once', async () => {
	const first = (await token('', json({ grant_type: 'password', username: s.users[0].email, password: s.users[0].password, ...creds }))).body;
	const second = await token('', json({ grant_type: 'refresh_token', refresh_token: first.refresh_token, ...creds }));
	expect(second.status).toBe(200);
	const old = await fetch(`${s.url}/api/v1/users/me`, { headers: { authorization: `Bearer ${first.access_token}` } });
	expect(old.status).toBe(401);
	const again = await token('', json({ grant_type: 'refresh_token', refresh_token: first.refresh_token, ...creds }));
	expect(again).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid_grant' }) });
});

test('HTTP Basic plus client_secret in the body is invalid_request; a wrong secret is 401 invalid_client', async () => {
	const basic = `Basic ${Buffer.from('test-client:test-secret').toString('base64')}`;
	const both = await token('', { method: 'POST', headers: { 'content-type': 'application/json', authorization: basic }, body: JSON.stringify({ grant_type: 'password', username: 'x', password: 'y', client_secret: 'test-secret' }) });
	expect(both.status).toBe(400);
	expect(both.body.error).toBe('invalid_request');
	const wrong = await token('', json({ grant_type: 'password', username: 'x', password: 'y', client_id: 'test-client', client_secret: 'nope' }));
	expect(wrong).toEqual({ status: 401, body: expect.objectContaining({ error: 'invalid_client' }) });
});

test('an API body with "; charset=utf-8" is 415; a missing parameter is 422 in the seed’s shape', async () => {
	const { access_token: accessToken } = s.issuePasswordTokens();
	const post = (type, body) => fetch(`${s.url}/api/v1/users`, { method: 'POST', headers: { authorization: `Bearer ${accessToken}`, 'content-type': type }, body });
	const charset = await post('application/json; charset=utf-8', JSON.stringify({ user: { email: 'a@b.c', password: '1234567' } }));
	expect(charset.status).toBe(415);
	const missing = await post('application/json', JSON.stringify({}));
	expect(missing.status).toBe(422);
	expect(await missing.json()).toEqual({ errors: [{ user: ['parameter is required'] }] });
});

test('Kaminari paging: per_page capped silently, Link with first/prev/next/last, Total and Per-Page', async () => {
	const { access_token: accessToken } = s.issuePasswordTokens();
	const res = await fetch(`${s.url}/api/v1/countries?page=2&per_page=25`, { headers: { authorization: `Bearer ${accessToken}` } });
	const body = await res.json();
	expect(body.map((c) => c.id)).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
	expect(res.headers.get('per-page')).toBe('10');
	expect(res.headers.get('total')).toBe('30');
	const rels = [...res.headers.get('link').matchAll(/page=(\d+)&per_page=25>; rel="(\w+)"/g)].map((m) => `${m[2]}:${m[1]}`);
	expect(rels).toEqual(['first:1', 'prev:1', 'next:3', 'last:3']);
});
