'use strict';
/* The built package's node and credential classes (dist/), and n8n's view of stored credential data. */
const path = require('node:path');

const DIST = path.resolve(__dirname, '../../dist');

function loadCredentialTypes() {
	const pkg = require('../../package.json');
	const types = {};
	for (const file of pkg.n8n.credentials) {
		const mod = require(path.join(DIST, '..', file));
		for (const Cls of Object.values(mod)) {
			const instance = new Cls();
			types[instance.name] = instance;
		}
	}
	return types;
}

function loadNode(name) {
	const pkg = require('../../package.json');
	const file = pkg.n8n.nodes.find((f) => path.basename(f) === `${name}.node.js`);
	if (!file) throw new Error(`no node ${name} in package.json`);
	const mod = require(path.join(DIST, '..', file));
	return new mod[name]();
}


/** What n8n's credentialsHelper.applyDefaultsAndOverwrites keeps of stored data. */
function withDefaults(credentialType, data) {
	if (!credentialType || credentialType.extends) return JSON.parse(JSON.stringify(data));
	const out = {};
	for (const p of credentialType.properties) {
		out[p.name] = Object.prototype.hasOwnProperty.call(data, p.name) ? data[p.name] : p.default;
	}
	return JSON.parse(JSON.stringify(out));
}


module.exports = { DIST, loadCredentialTypes, loadNode, withDefaults };
