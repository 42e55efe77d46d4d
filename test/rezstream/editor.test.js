'use strict';
/** Issue 12, items 10, 12 and 14: what the editor shows (order, names, canvas subtitle, search). */
const path = require('node:path');
const { RezStream } = require('../../dist/nodes/RezStream/RezStream.node.js');
const { RezStreamTrigger } = require('../../dist/nodes/RezStream/RezStreamTrigger.node.js');
const { loadCredentialTypes } = require('../support/n8n-context');

const node = new RezStream().description;
const trigger = new RezStreamTrigger().description;

/** Evaluates a `={{ … }}` subtitle as the canvas would, for given parameter values. */
function subtitle(description, parameters) {
	const body = /^=\{\{([\s\S]*)\}\}$/.exec(description.subtitle)[1];
	return new Function('$parameter', `return (${body});`)(parameters);
}

const selectors = node.properties.filter((p) => p.name === 'operation');
const operations = selectors.flatMap((p) => p.options.map((o) => ({ resource: p.displayOptions.show.resource[0], ...o })));

test('Tenant comes right after Authentication, in the node and in the trigger', () => {
	for (const description of [node, trigger]) {
		const names = description.properties.map((p) => p.name);
		expect(names.indexOf('tenant')).toBe(names.indexOf('authentication') + 1);
		expect(names[0]).toBe('authentication');
	}
});

test('operation names say what they act on; the stored values are unchanged', () => {
	const byValue = Object.fromEntries(operations.map((o) => [`${o.resource}:${o.value}`, o.name]));
	expect(byValue).toMatchObject({
		'rate:getNightly': 'Get Nightly Rates',
		'rate:updateNightly': 'Update Nightly Rates',
		'rate:getReservedByDate': 'Get Many Reserved Rates',
		'rate:getReservedUpdated': 'Get Many Updated Reserved Rates',
		'reservation:getManyUpdated': 'Get Many Updated Reservations',
		'reservation:getManyByStayDate': 'Get Many by Stay Date',
	});
	// Workflows store these values: every one of version 1 is still there.
	const v1 = [
		'reservation:get', 'reservation:getManyByStayDate', 'reservation:getManyUpdated', 'tenant:getAll',
		'inventory:getBusiness', 'inventory:getProperties', 'inventory:getUnits', 'inventory:getUnitTypes', 'inventory:getRates',
		'availability:getUnitCalendar', 'availability:getTypeCalendar', 'availability:getBlocks',
		'rate:getNightly', 'rate:updateNightly', 'rate:getReservedByDate', 'rate:getReservedUpdated',
	];
	for (const key of v1) expect(Object.keys(byValue)).toContain(key);
});

test('the canvas subtitle reads like words for every operation', () => {
	expect(subtitle(node, { resource: 'reservation', operation: 'getManyByStayDate' })).toBe('Get many by stay date: Reservation');
	expect(subtitle(node, { resource: 'rate', operation: 'updateNightly' })).toBe('Update nightly rates: Rate');
	const resourceName = Object.fromEntries(node.properties.find((p) => p.name === 'resource').options.map((o) => [o.value, o.name]));
	for (const o of operations) {
		const words = o.name.split(' ').map((w, i) => (i === 0 ? w : w.toLowerCase())).join(' ');
		expect(subtitle(node, { resource: o.resource, operation: o.value })).toBe(`${words}: ${resourceName[o.resource]}`);
	}
});

test('one word for the manual token: the Authentication option is named like the credential field', () => {
	const option = node.properties.find((p) => p.name === 'authentication').options.find((o) => o.value === 'accessToken');
	const field = loadCredentialTypes().rezStreamApi.properties.find((p) => p.name === 'accessToken');
	expect(option.name).toBe(field.displayName);
});

test.each([
	['RezStream.node.json', 'n8n-nodes-hospitality-connectors.rezStream'],
	['RezStreamTrigger.node.json', 'n8n-nodes-hospitality-connectors.rezStreamTrigger'],
])('%s: searching hotel, PMS, inn, B&B, booking, reservation, rates or availability finds the node', (file, type) => {
	const codex = require(path.join(__dirname, '../../dist/nodes/RezStream', file));
	expect(codex.node).toBe(type);
	const aliases = codex.alias.map((a) => a.toLowerCase());
	for (const word of ['hotel', 'pms', 'inn', 'b&b', 'booking', 'reservation', 'rates', 'availability']) expect(aliases).toContain(word);
	expect(codex.categories).toEqual(['Sales', 'Productivity']);
});
