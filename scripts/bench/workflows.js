'use strict';
/**
 * What the benchmark imports into n8n: credentials for a server, the rezStream node and n8n's
 * HTTP Request node (paginating by the `Link` header), and a Manual Trigger that fans out to
 * several nodes, run top to bottom (executionOrder v1 runs sibling branches by position).
 */
// Ids and credentials are built once for tests, sandbox and bench (dev/fixtures/).
const { PACKAGE_NAME, id16, importable } = require('../../dev/fixtures/ids');
const { rezStreamCredential, tokenCredential } = require('../../dev/fixtures/rezstream');

const HTTP_REQUEST_VERSION = 4.5; // the newest typeVersion of n8n-nodes-base.httpRequest in n8n 2.41.1

/** A rezStream API-token credential and a generic header-auth credential with the same token. */
function tokenCredentials(label, baseUrl, token) {
	return {
		rez: importable(tokenCredential({ baseUrl, accessToken: token, name: `bench rezStream token ${label}`, id: id16('crt') })),
		header: {
			id: id16('crh'),
			name: `bench header auth ${label}`,
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `Bearer ${token}` },
		},
	};
}

/** A rezStream OAuth2 credential seeded with tokens the stand-in issued (as after "Connect"). */
function oauthCredential(label, s) {
	return rezStreamCredential(s, 'oAuth2', { name: `bench rezStream OAuth2 ${label}`, id: id16('cro') });
}

function rezStreamNode(name, credential, parameters) {
	const auth = credential.type === 'rezStreamOAuth2Api' ? 'oAuth2' : 'accessToken';
	return {
		name,
		type: `${PACKAGE_NAME}.rezStream`,
		typeVersion: 1,
		parameters: { authentication: auth, ...parameters },
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	};
}

/**
 * n8n's HTTP Request node on `url`, with its Pagination option set to "Response Contains Next
 * URL": the next URL is the `rel="next"` target of the `Link` header, and pagination is complete
 * when the answer has no `next` link. Before the first request `$response` is empty, the
 * expression gives undefined and the node's own URL is used.
 */
function httpRequestNode(name, credential, url, { maxPages } = {}) {
	const nextLink = `($response.headers?.link ?? '').match(/<([^>]*)>\\s*;\\s*rel="next"/)?.[1]`;
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: HTTP_REQUEST_VERSION,
		parameters: {
			method: 'GET',
			url,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			options: {
				pagination: {
					pagination: {
						paginationMode: 'responseContainsNextURL',
						nextURL: `={{ ${nextLink} }}`,
						paginationCompleteWhen: 'other',
						completeExpression: `={{ !${nextLink} }}`,
						...(maxPages ? { limitPagesFetched: true, maxRequests: maxPages } : {}),
					},
				},
			},
		},
		credentials: { httpHeaderAuth: { id: credential.id, name: credential.name } },
	};
}

/** Manual Trigger -> every node in `nodes`, run in the listed order. */
function fanOutWorkflow(name, nodes) {
	const all = [
		{ id: crypto.randomUUID(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		...nodes.map((n, i) => ({ id: crypto.randomUUID(), position: [300, i * 160], ...n })),
	];
	return {
		id: id16('wfb'),
		name,
		nodes: all,
		connections: { Start: { main: [nodes.map((n) => ({ node: n.name, type: 'main', index: 0 }))] } },
		settings: { executionOrder: 'v1' },
	};
}

module.exports = { id16, tokenCredentials, oauthCredential, importable, rezStreamNode, httpRequestNode, fanOutWorkflow, HTTP_REQUEST_VERSION };
