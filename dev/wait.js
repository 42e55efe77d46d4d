'use strict';
/** Waiting in end-to-end tests: a plain sleep, and polling a check until it answers or time runs out. */

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Calls `check` every `everyMs` until it answers something truthy (returned); past `timeoutMs`, throws naming `what`. */
async function waitFor(check, timeoutMs, what, { everyMs = 1000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await sleep(everyMs);
	}
}

module.exports = { sleep, waitFor };
