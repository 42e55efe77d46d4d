'use strict';
/**
 * What a unit test reads from a node run, for every vendor's tests: the output items' json (each
 * checked to be paired with an input item), the error of a run that must fail, and every text of
 * an error (to prove no secret is in any of them). New vendors use this; older helpers may move.
 */

/** The json of the first output's items; every item must be paired with one of `inputCount` inputs. */
function jsonOf(result, inputCount = 1) {
	const items = result[0];
	for (const item of items) {
		expect(item.pairedItem).toBeDefined();
		expect(item.pairedItem.item).toBeLessThan(inputCount);
	}
	return items.map((i) => i.json);
}

/** The error `promise` rejects with; a promise that resolves fails the test. */
async function failure(promise) {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected the run to fail');
}

/** Every text of an error a user or a log can see. */
const everyText = (error) =>
	JSON.stringify({ message: error.message, description: error.description, context: error.context, messages: error.messages, cause: String(error.cause?.message ?? '') });

module.exports = { jsonOf, failure, everyText };
