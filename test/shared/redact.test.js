'use strict';
/** Redaction of secrets echoed in error texts (nodes/shared/transport/errors.ts, built). */
const { redact } = require('../../dist/nodes/shared/transport/errors');

// A generated token whose middle is a long run of letters, as base64url tokens often have.
const token = 'Q7xAbcdefghijklmnopqrsTuv0123_-Zz9';

function visibleRuns(text, secret, size = 8) {
	const lower = text.toLowerCase();
	const s = secret.toLowerCase();
	const out = [];
	for (let i = 0; i + size <= s.length; i++) if (lower.includes(s.slice(i, i + size))) out.push(s.slice(i, i + size));
	return out;
}

test('a generated token is hidden whole, also lower-cased, even where it reads like letters only', () => {
	const text = redact(`denied for ${token.toLowerCase()} and ${token.slice(3, 25)}`, [token]);
	expect(visibleRuns(text, token)).toEqual([]);
});

test('its Base64 form (as in a Basic header after a prefix) is hidden too', () => {
	const basic = Buffer.from(`client:${token}`).toString('base64');
	const text = redact(`header was ${basic.toLowerCase()}`, [token]);
	expect(visibleRuns(text, basic.slice(12, -4))).toEqual([]);
});

test('a typed password made of words hides itself but not the words of the message', () => {
	const text = redact('wrong username or password (invalid_grant): not-the-password', ['not-the-password']);
	expect(text).toBe('wrong username or password (invalid_grant): [redacted]');
});
