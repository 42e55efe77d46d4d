/**
 * Error shaping shared by every vendor: pull status, headers and body out of whatever n8n's
 * request helpers threw, find the vendor's own message, and build a NodeApiError from a clean
 * object, so that no request option (and so no token or secret) travels inside the error.
 */
import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

export interface HttpFailure {
	status?: number;
	headers: Record<string, unknown>;
	body: unknown;
	/** Node.js network error code (ECONNREFUSED, ETIMEDOUT, …) when no response came. */
	networkCode?: string;
	/** The low-level message, only used when there is neither status nor body. */
	rawMessage?: string;
}

type Loose = Record<string, unknown> & {
	cause?: unknown;
	response?: { status?: number; statusCode?: number; headers?: Record<string, unknown>; data?: unknown; body?: unknown };
	httpCode?: string | null;
	code?: string;
	message?: string;
	statusCode?: number;
	error?: unknown;
};

function asRecord(value: unknown): Loose | undefined {
	return value !== null && typeof value === 'object' ? (value as Loose) : undefined;
}

/** Reads status, headers and body from an error thrown by n8n's request helpers (1.x and 2.x). */
export function extractHttpFailure(error: unknown): HttpFailure {
	const seen = new Set<unknown>();
	let current = asRecord(error);
	let status: number | undefined;
	let headers: Record<string, unknown> = {};
	let body: unknown;
	let networkCode: string | undefined;
	let httpCode: string | undefined;
	while (current && !seen.has(current)) {
		seen.add(current);
		const response = asRecord(current.response);
		if (response && status === undefined) {
			const s = response.status ?? response.statusCode;
			if (typeof s === 'number') status = s;
			headers = asRecord(response.headers) ?? {};
			body = response.data ?? response.body;
		}
		if (typeof current.httpCode === 'string' && !httpCode) httpCode = current.httpCode;
		if (typeof current.code === 'string' && /^E[A-Z_]+$/.test(current.code) && !networkCode)
			networkCode = current.code;
		current = asRecord(current.cause);
	}
	if (status === undefined && httpCode && /^\d{3}$/.test(httpCode)) status = Number(httpCode);
	const rawMessage = asRecord(error)?.message;
	return {
		status,
		headers,
		body,
		networkCode,
		rawMessage: typeof rawMessage === 'string' ? rawMessage : undefined,
	};
}

/** Case-insensitive header lookup; arrays give their first value. */
export function headerValue(headers: Record<string, unknown>, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted) continue;
		if (Array.isArray(value)) return value.map(String).join(', ');
		if (value === undefined || value === null) return undefined;
		return String(value);
	}
	return undefined;
}

function parseBody(body: unknown): unknown {
	if (typeof body === 'string') {
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	if (typeof Buffer !== 'undefined' && Buffer.isBuffer(body)) return parseBody(body.toString('utf8'));
	return body;
}

/**
 * The vendor's own words about a failure: RFC 7807 `detail`/`title`, OAuth
 * `error_description`, validation `errors`, or a plain `message`.
 */
export function vendorMessage(rawBody: unknown): string | undefined {
	const body = parseBody(rawBody);
	if (typeof body === 'string') {
		const text = body.trim();
		return text.length > 0 && text.length <= 500 && !text.startsWith('<') ? text : undefined;
	}
	const record = asRecord(body);
	if (!record) return undefined;
	const parts: string[] = [];
	for (const key of ['detail', 'message', 'error_description', 'title', 'error']) {
		const value = record[key];
		if (typeof value === 'string' && value.trim() && !parts.includes(value.trim())) {
			parts.push(value.trim());
			break;
		}
	}
	const errors = record.errors;
	if (errors && typeof errors === 'object') {
		const entries = Array.isArray(errors)
			? errors.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)))
			: Object.entries(errors as Record<string, unknown>).map(
					([field, messages]) =>
						`${field}: ${Array.isArray(messages) ? messages.join(' ') : String(messages)}`,
				);
		if (entries.length) parts.push(entries.slice(0, 10).join('; '));
	}
	return parts.length ? parts.join(' — ') : undefined;
}

/** Removes anything that looks like a credential from a text that goes into an error. */
export function redact(text: string, secrets: Array<string | undefined> = []): string {
	let out = text.replace(/(bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, '$1[redacted]');
	for (const secret of secrets) {
		if (secret && secret.length >= 6) out = out.split(secret).join('[redacted]');
	}
	return out;
}

export interface ApiErrorOptions {
	message: string;
	description?: string;
	itemIndex?: number;
	status?: number;
}

/** A NodeApiError built only from the given, clean texts. */
export function apiError(node: INode, options: ApiErrorOptions): NodeApiError {
	const payload: JsonObject = { message: options.message };
	if (options.status !== undefined) payload.httpCode = String(options.status);
	return new NodeApiError(node, payload, {
		message: options.message,
		description: options.description,
		httpCode: options.status !== undefined ? String(options.status) : undefined,
		itemIndex: options.itemIndex,
	});
}
