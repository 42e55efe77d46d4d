'use strict';
/* The unit harness's HTTP: what n8n's request helpers send and how they fail (Axios-like errors). */

function hasHeader(headers, name) {
	return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

function resolveTemplate(template, credentials) {
	if (typeof template !== 'string' || !template.startsWith('=')) return template;
	return template
		.slice(1)
		.replace(/\{\{\s*\$credentials\.([A-Za-z0-9_]+)\s*\}\}/g, (_, key) => String(credentials[key] ?? ''));
}

function headersToObject(headers) {
	const out = {};
	headers.forEach((value, key) => {
		out[key] = value;
	});
	return out;
}

async function send(options) {
	const init = { method: options.method || 'GET', headers: { ...(options.headers || {}) } };
	// As n8n's helpers: `disableFollowRedirect` answers a 3xx as an error, `abortSignal` cuts the
	// request at any stage. (Node's fetch has no per-attempt `timeout`; the signal covers it.)
	if (options.disableFollowRedirect) init.redirect = 'manual';
	if (options.abortSignal) init.signal = options.abortSignal;
	let url = options.url;
	if (options.qs) {
		const u = new URL(url);
		for (const [k, v] of Object.entries(options.qs)) if (v !== undefined) u.searchParams.set(k, String(v));
		url = u.toString();
	}
	// As axios: a header the caller set is kept; a string is sent as it is.
	if (options.body !== undefined) {
		if (typeof FormData !== 'undefined' && options.body instanceof FormData) {
			// As axios: multipart with its own boundary.
			init.body = options.body;
		} else if (options.body instanceof URLSearchParams) {
			init.body = options.body.toString();
			if (!hasHeader(init.headers, 'content-type')) init.headers['content-type'] = 'application/x-www-form-urlencoded';
		} else if (typeof options.body === 'string') {
			init.body = options.body;
		} else {
			init.body = JSON.stringify(options.body);
			if (!hasHeader(init.headers, 'content-type')) init.headers['content-type'] = 'application/json';
		}
	}
	// As axios with maxRedirects 0: a redirect is answered, not followed.
	if (options.disableFollowRedirect) init.redirect = 'manual';
	let response;
	try {
		response = await fetch(url, init);
	} catch (cause) {
		if (cause.name === 'AbortError' || cause.name === 'TimeoutError') {
			const error = new Error('canceled');
			error.code = 'ERR_CANCELED';
			throw error;
		}
		const error = new Error(`connect failed: ${cause.cause?.code ?? cause.message}`);
		error.code = cause.cause?.code ?? 'ECONNREFUSED';
		throw error;
	}
	let text;
	try {
		text = await response.text();
	} catch (cause) {
		const error = new Error(`canceled while reading the body: ${cause.name}`);
		error.code = cause.name === 'AbortError' || cause.name === 'TimeoutError' ? 'ERR_CANCELED' : 'ECONNRESET';
		throw error;
	}
	let body = text;
	if (text && /json/i.test(response.headers.get('content-type') || '')) {
		try {
			body = JSON.parse(text);
		} catch {
			body = text; // as axios: a body that does not parse stays text
		}
	}
	const full = { statusCode: response.status, headers: headersToObject(response.headers), body };
	// axios's default validateStatus: anything but 2xx throws (a 3xx is only seen unfollowed).
	if (response.status >= 300) {
		const error = new Error(`Request failed with status code ${response.status}`);
		error.name = 'AxiosError';
		error.config = { headers: init.headers, url };
		error.response = { status: response.status, headers: full.headers, data: body };
		throw error;
	}
	return full;
}

module.exports = { send, hasHeader, resolveTemplate, headersToObject };
