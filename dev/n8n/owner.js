'use strict';
/*
 * The n8n owner accounts of this project, written once: the e2e instances' owner and the
 * sandbox's demo login (shown in the README). n8n's first POST /rest/owner/setup creates the
 * owner; after that, POST /rest/login (`emailOrLdapLoginId`, on 1.x and 2.x) gives the session.
 */
const { fetchLocal } = require('./process');

const E2E_OWNER = Object.freeze({
	email: 'e2e-owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-Owner-password-1',
});
const DEMO_OWNER = Object.freeze({
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'Innkeeper',
	password: 'Demo-sandbox-1',
});
const BROWSER_ID = 'e2e-harness-browser';

function post(baseUrl, p, body) {
	return fetchLocal(
		`${baseUrl}${p}`,
		{
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': BROWSER_ID },
			body: JSON.stringify(body),
		},
		{ what: `POST ${p}` },
	);
}

/**
 * A session cookie for `owner` on the n8n at baseUrl: sets the owner up when n8n has none
 * (trySetup), else logs in. Returns { cookie, created }; throws when the login is refused.
 */
async function ownerSession(baseUrl, owner, { trySetup = true } = {}) {
	let res;
	let created = false;
	if (trySetup) {
		res = await post(baseUrl, '/rest/owner/setup', owner);
		created = res.ok;
		if (!created) await res.arrayBuffer();
	}
	if (!created) {
		res = await post(baseUrl, '/rest/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		if (!res.ok) throw new Error(`n8n login as ${owner.email} failed: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
	}
	const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	await res.arrayBuffer();
	return { cookie, created };
}

/** 'created' (new owner), 'exists' (its login works) or 'changed' (an owner whose password is not this one). */
async function setupOwner(baseUrl, owner) {
	try {
		return (await ownerSession(baseUrl, owner)).created ? 'created' : 'exists';
	} catch {
		return 'changed';
	}
}

module.exports = { E2E_OWNER, DEMO_OWNER, BROWSER_ID, ownerSession, setupOwner };
