'use strict';
/* Parameters as n8n-core reads them: displayed ones only, with defaults, `=` expressions per item. */
const { NodeHelpers } = require('n8n-workflow');

/**
 * Evaluates an n8n-style expression value (`={{ … }}`, or text with several `{{ … }}`) for one
 * item. Enough of n8n's expression language for tests: plain JavaScript over `$json`,
 * `$itemIndex` and `$parameter`.
 */
function evaluateExpression(value, scope) {
	const run = (code) =>
		new Function('$json', '$itemIndex', '$parameter', `return (${code});`)(scope.json, scope.itemIndex, scope.parameters);
	const template = value.slice(1);
	const whole = /^\s*\{\{([\s\S]*?)\}\}\s*$/.exec(template);
	if (whole) return run(whole[1]);
	return template.replace(/\{\{([\s\S]*?)\}\}/g, (_, code) => String(run(code)));
}

/** Resolves `=` values in place (the value is a fresh copy); values that came from an
 * expression (deep, or circular) are left as they are, as n8n evaluates each parameter once. */
function resolveExpressions(value, scope, depth = 0) {
	if (typeof value === 'string') return value.startsWith('=') ? evaluateExpression(value, scope) : value;
	if (depth > 20 || !value || typeof value !== 'object') return value;
	for (const key of Object.keys(value)) {
		const v = value[key];
		if (typeof v === 'string' || (v && typeof v === 'object')) value[key] = resolveExpressions(v, scope, depth + 1);
	}
	return value;
}

function getPath(object, path) {
	let current = object;
	for (const part of path.split('.')) {
		if (current === undefined || current === null || typeof current !== 'object') return undefined;
		current = Object.prototype.hasOwnProperty.call(current, part) ? current[part] : undefined;
	}
	return current;
}


/** readParameter(name, itemIndex, fallback, options, items) for one node (see index.js). */
function parameterReader({ nodeType, node, parameters }) {
	/**
	 * The parameters as n8n-core holds them while a node runs: only the displayed ones, with
	 * defaults filled in (n8n's Workflow does this once when it loads the node).
	 */
	function displayedParameters() {
		const description = nodeType.description;
		return NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
	}

	/** Like n8n-core's getNodeParameter, for one item (`itemIndex`) of `items`. */
	function readParameter(name, itemIndex, fallback, options, items = []) {
		const displayed = displayedParameters();
		let value = getPath(displayed, name);
		if (value === undefined) value = fallback;
		if (value === undefined) {
			throw new Error(`Could not get parameter "${name}" (it is not set, or not displayed with the other parameters)`);
		}
		value = resolveExpressions(structuredClone(value), {
			json: items[itemIndex]?.json,
			itemIndex,
			parameters: displayed,
		});
		if (options?.extractValue) {
			// n8n-core's extractValue looks the parameter up among the displayed properties only.
			const top = name.split('.')[0];
			const shown = nodeType.description.properties.some(
				(p) => p.name === top && NodeHelpers.displayParameterPath(displayed, p, '', node, nodeType.description),
			);
			if (!shown) throw new Error(`Could not find property "${name}" among the displayed parameters of ${nodeType.description.name}`);
			if (value && typeof value === 'object' && 'mode' in value && 'value' in value) value = value.value;
		}
		return value;
	}

	return { displayedParameters, readParameter };
}

module.exports = { evaluateExpression, resolveExpressions, getPath, parameterReader };
