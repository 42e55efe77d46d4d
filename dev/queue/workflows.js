'use strict';
/**
 * Workflow builders for the queue suite, on top of test/e2e/fixtures/workflows.js: a production
 * webhook in front of nodes (what the webhook processor answers, and workers run), and a polling
 * trigger followed by a Wait (so that an execution lasts long enough to kill its worker).
 */
const crypto = require('node:crypto');
const { id16, credentialRef } = require('../fixtures/ids');

function chain(nodes) {
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return connections;
}

function place(n, i) {
	return {
		id: crypto.randomUUID(),
		name: n.name,
		type: n.type,
		typeVersion: n.typeVersion ?? 1,
		position: [220 * i, 0],
		parameters: n.parameters ?? {},
		...(n.credential ? { credentials: credentialRef(n.credential) } : {}),
		...(n.settings ?? {}),
	};
}

/**
 * Webhook (GET /webhook/<path>, answers with every item of the last node) -> nodes[0] -> ...
 * Returns the workflow and its `path`.
 */
function webhookWorkflow({ id = id16('wfhook'), name, path = `q-${crypto.randomBytes(6).toString('hex')}`, nodes }) {
	const webhook = {
		id: crypto.randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: crypto.randomUUID(),
		parameters: { httpMethod: 'GET', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
	};
	const all = [webhook, ...nodes.map((n, i) => place(n, i + 1))];
	return { id, name: name ?? `queue webhook ${path}`, path, nodes: all, connections: chain(all), settings: { executionOrder: 'v1' } };
}

/** A polling trigger node followed by a Wait of `waitSeconds` (run in-process by the worker). */
function triggerThenWait({ id = id16('wftrig'), name, trigger, waitSeconds }) {
	const all = [
		place(trigger, 0),
		place(
			{
				name: 'Wait',
				type: 'n8n-nodes-base.wait',
				typeVersion: 1.1,
				parameters: { resume: 'timeInterval', amount: waitSeconds, unit: 'seconds' },
			},
			1,
		),
	];
	all[1].webhookId = crypto.randomUUID();
	return { id, name: name ?? `queue trigger ${id}`, nodes: all, connections: chain(all), settings: { executionOrder: 'v1' } };
}

/**
 * Activates an imported workflow through the running main's REST API, as the editor's toggle
 * does, and waits for its triggers. A second or so, where `publishWorkflow` before the start
 * boots an n8n CLI per workflow (6-14 s each on two shared cores).
 */
async function activate(q, workflowId) {
	const wf = await q.main.rest('GET', `/rest/workflows/${workflowId}`);
	await q.main.rest('POST', `/rest/workflows/${workflowId}/activate`, { versionId: wf.versionId });
	return await q.main.waitForActivation(workflowId);
}

module.exports = { webhookWorkflow, triggerThenWait, activate };
