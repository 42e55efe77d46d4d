'use strict';
/**
 * The webhook-trigger part of the unit harness (index.js): runs a node's webhook lifecycle
 * methods as n8n does on activation and deactivation (static data saved afterwards, as n8n saves
 * it after adding webhooks), and its webhook() for one request, with an express-like response
 * that records what would be sent.
 */
function webhookHarness({ base, nodeType, readParameter, staticData, save }) {
	return {
		/**
		 * Runs one of the node's webhook lifecycle methods (checkExists, create, delete) as n8n
		 * does on activation and deactivation; `webhookUrl` is what getNodeWebhookUrl answers.
		 */
		async hook(method, { webhookUrl, workflowId = 'wf-1' } = {}) {
			const ctx = {
				...base('trigger'),
				getNodeParameter: (name, fallback, options) => readParameter(name, 0, fallback, options),
				getWorkflowStaticData: () => staticData(),
				getNodeWebhookUrl: () => webhookUrl,
				getWorkflow: () => ({ id: workflowId }),
				getActivationMode: () => 'activate',
			};
			const result = await nodeType.webhookMethods.default[method].call(ctx);
			save();
			return result;
		},
		/**
		 * Runs the node's webhook() for one request (`name` = the webhook description's name) and
		 * answers what it returned and what it wrote to the response, as express would send it.
		 */
		async webhook({ name = 'default', query = {}, headers = {}, body = {}, workflowId = 'wf-1' } = {}) {
			const res = {
				statusCode: 200,
				headers: {},
				body: undefined,
				status(code) {
					this.statusCode = code;
					return this;
				},
				set(field, value) {
					if (typeof field === 'object') for (const [k, v] of Object.entries(field)) this.headers[k.toLowerCase()] = v;
					else this.headers[field.toLowerCase()] = value;
					return this;
				},
				send(payload) {
					this.body = payload;
					return this;
				},
			};
			const plain = base('trigger');
			const lowerHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
			const ctx = {
				...plain,
				getWebhookName: () => name,
				getRequestObject: () => ({ query, headers: lowerHeaders, body }),
				getResponseObject: () => res,
				getBodyData: () => body,
				getHeaderData: () => lowerHeaders,
				getQueryData: () => query,
				getWorkflowStaticData: () => staticData(),
				getWorkflow: () => ({ id: workflowId }),
				helpers: { ...plain.helpers, returnJsonArray: (list) => list.map((json) => ({ json })) },
			};
			const result = await nodeType.webhook.call(ctx);
			return { result, res };
		},
	};
}

module.exports = { webhookHarness };
