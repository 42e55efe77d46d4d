'use strict';
/* N8nInstance methods for n8n's internal REST API with an owner session (see index.js). */
const path = require('node:path');
const { createRequire } = require('node:module');
const { fetchLocal } = require('./process');
const { itemsOf } = require('./cli');
const owner = require('./owner');

class RestMethods {
	/** n8n's internal REST API (/rest/...), with an owner session. */
	async rest(method, urlPath, body, { retryAuth = true } = {}) {
		if (!this.server) throw new Error('rest(): n8n is not running; call start() first');
		if (!this.cookie) await this.login();
		const res = await fetchLocal(
			`${this.url}${urlPath}`,
			{
				method,
				headers: {
					cookie: this.cookie,
					'browser-id': owner.BROWSER_ID,
					...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				},
				body: body !== undefined ? JSON.stringify(body) : undefined,
			},
			// Only reads are repeated: a write whose answer was lost may already have been applied.
			{ what: `${method} ${urlPath}`, tries: method === 'GET' ? 4 : 1 },
		);
		if (res.status === 401 && retryAuth) {
			this.cookie = null;
			return this.rest(method, urlPath, body, { retryAuth: false });
		}
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} ${urlPath}: HTTP ${res.status} ${text.slice(0, 500)}`);
		const json = text ? JSON.parse(text) : null;
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	/** Sets the owner up on first use, logs in after that (dev/n8n/owner.js). */
	async login() {
		const session = await owner.ownerSession(this.url, this.owner, { trySetup: !this.ownerReady });
		this.ownerReady = true;
		this.cookie = session.cookie;
	}

	/** Finished executions (oldest first), read from the running server's REST API. */
	async executions({ workflowId, status, includeData = true } = {}) {
		const filter = {};
		if (workflowId) filter.workflowId = workflowId;
		if (status) filter.status = Array.isArray(status) ? status : [status];
		const summaries = [];
		let cursor;
		let lastId;
		for (let page = 0; page < 100; page++) {
			const q = new URLSearchParams({ limit: '100', filter: JSON.stringify(filter) });
			if (cursor) q.set('cursor', cursor);
			if (lastId) q.set('lastId', lastId);
			const data = await this.rest('GET', `/rest/executions?${q}`);
			summaries.push(...data.results);
			cursor = data.nextCursor;
			if (this.n8n.major < 2 && data.results.length >= 100) {
				// n8n 1.x pages by id, not by cursor: the next page is older than this one's oldest
				q.delete('cursor');
				cursor = undefined;
				lastId = String(Math.min(...data.results.map((e) => Number(e.id))));
				continue;
			}
			if (!cursor || data.results.length === 0) break;
		}
		// n8n 2.41's cursor can hand the item at a page boundary out twice (seen with 100+
		// executions of one workflow in the queue suite): one entry per execution id
		const unique = [...new Map(summaries.map((e) => [String(e.id), e])).values()];
		const finished = unique
			.filter((e) => !['new', 'running', 'waiting'].includes(e.status))
			.sort((a, b) => Number(a.id) - Number(b.id) || String(a.startedAt).localeCompare(String(b.startedAt)));
		if (!includeData) return finished;
		const flatted = createRequire(path.join(this.n8n.dir, 'n8n', 'node_modules', 'n8n', 'package.json'))('flatted');
		const out = [];
		for (const e of finished) {
			const full = await this.rest('GET', `/rest/executions/${e.id}`);
			const data = typeof full.data === 'string' ? flatted.parse(full.data) : full.data;
			const run = { ...full, data };
			out.push({
				id: e.id,
				workflowId: e.workflowId,
				status: e.status,
				mode: e.mode,
				startedAt: e.startedAt,
				stoppedAt: e.stoppedAt,
				run,
				error: data?.resultData?.error ?? null,
				items: (nodeName, output = 0, runIndex = 0) => itemsOf(run, nodeName, output, runIndex),
			});
		}
		return out;
	}
}

module.exports = { RestMethods };
