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

/** A body that may be JSON text (or a Buffer of it), parsed; anything else as it is. */
export function parseMaybeJson(body: unknown): unknown {
	if (typeof body === 'string') {
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	if (typeof Buffer !== 'undefined' && Buffer.isBuffer(body)) return parseMaybeJson(body.toString('utf8'));
	return body;
}

/**
 * The vendor's own words about a failure: RFC 7807 `detail`/`title`, OAuth
 * `error_description`, validation `errors`, or a plain `message`.
 */
export function vendorMessage(rawBody: unknown): string | undefined {
	const body = parseMaybeJson(rawBody);
	if (typeof body === 'string') {
		const text = body.trim();
		return text.length > 0 && !text.startsWith('<') ? clip(text) : undefined;
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
	return parts.length ? clip(parts.join(' — ')) : undefined;
}

/** Longest vendor text or quoted value put into an error; longer ones are cut, and say so. */
export const MAX_ERROR_TEXT = 500;

/** Cuts `text` to `max` characters, saying how much was cut. */
export function clip(text: string, max = MAX_ERROR_TEXT): string {
	if (text.length <= max) return text;
	return `${text.slice(0, max)}… [cut: ${text.length - max} more characters]`;
}

/** A value quoted in an error (user input, a server's field): short, one line, cut when long. */
export function quote(value: unknown, max = 80): string {
	let text: string;
	if (typeof value === 'string') text = JSON.stringify(value);
	else {
		try {
			text = JSON.stringify(value) ?? String(value);
		} catch {
			text = Object.prototype.toString.call(value);
		}
	}
	return clip(text, max);
}

const SECRET_KEYS = new Set([
	'applicationsecret',
	'accesstoken',
	'access_token',
	'refreshtoken',
	'refresh_token',
	'id_token',
	'clientsecret',
	'client_secret',
	'password',
	'apikey',
	'api_key',
	'token',
	'secret',
]);

/**
 * The secret values of a credential's data as n8n hands it over: tokens, client secrets,
 * passwords, API keys, including OAuth2 token data. Vendor-neutral.
 */
export function secretsOf(data: unknown, depth = 0): string[] {
	const out: string[] = [];
	if (!data || typeof data !== 'object' || depth > 3) return out;
	for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
		if (typeof value === 'string' && value.length > 0 && SECRET_KEYS.has(key.toLowerCase())) out.push(value);
		else if (value && typeof value === 'object') out.push(...secretsOf(value, depth + 1));
	}
	return out;
}

/** Shortest run of a secret recognised on its own (a cut or partial echo). */
const WINDOW = 8;
const MIN_SECRET = 6;

/** The forms in which a secret can come back: as is, URL-encoded, and Base64 at any alignment (Basic). */
function variantsOf(secret: string): string[] {
	const out = [secret, encodeURIComponent(secret)];
	if (typeof Buffer !== 'undefined') {
		for (const pad of ['', 'a', 'aa']) {
			const encoded = Buffer.from(pad + secret, 'utf8').toString('base64');
			// The characters that depend on the prefix or the padding are left out.
			const stable = encoded.slice(pad ? 4 : 0).replace(/=+$/, '').slice(0, -3);
			if (stable.length >= WINDOW) out.push(stable, stable.replace(/\+/g, '-').replace(/\//g, '_'));
		}
	}
	return out;
}

/**
 * Removes anything that looks like a credential from a text that goes into an error: Bearer
 * and Basic values, token fields, and every secret given, also lower-cased, cut (any run of 8
 * characters of it) or Base64-encoded as in a Basic header.
 */
export function redact(text: string, secrets: Array<string | undefined> = []): string {
	let out = text
		.replace(/(bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, '$1[redacted]')
		.replace(/(basic\s+)[A-Za-z0-9+/]+=*/gi, '$1[redacted]')
		.replace(
			/((?:access_token|refresh_token|id_token|client_secret|password)["']?\s*[:=]\s*["']?)[^"'&\s,;}]{8,}/gi,
			'$1[redacted]',
		);
	const windows = new Set<string>();
	for (const secret of secrets) {
		if (!secret || secret.length < MIN_SECRET) continue;
		const variants = variantsOf(secret);
		// The whole secret always counts. A part of a secret made of lower-case words (a typed
		// password such as "not-the-password") counts only where it does not read like a word, so
		// that the word "password" stays readable in messages. Generated tokens and every encoded
		// form are cut into windows without exception: a run of letters in a random token is no
		// word, and skipping it would let that part of the token through.
		windows.add(secret.toLowerCase());
		const typed = /^[a-z\s'_.-]+$/.test(secret);
		for (const variant of variants) {
			const lower = variant.toLowerCase();
			if (lower.length <= WINDOW) {
				windows.add(lower);
				continue;
			}
			const wordsAllowed = typed && variant === secret;
			for (let i = 0; i + WINDOW <= lower.length; i++) {
				const part = lower.slice(i, i + WINDOW);
				if (!wordsAllowed || !/^[a-z\s'-]+$/.test(part)) windows.add(part);
			}
		}
	}
	if (windows.size === 0) return out;
	const sizes = [...new Set([...windows].map((w) => w.length))];
	const lower = out.toLowerCase();
	const hidden = new Uint8Array(out.length);
	for (const size of sizes) {
		for (let i = 0; i + size <= lower.length; i++) {
			if (windows.has(lower.slice(i, i + size))) hidden.fill(1, i, i + size);
		}
	}
	let result = '';
	for (let i = 0; i < out.length; i++) {
		if (!hidden[i]) result += out[i];
		else if (i === 0 || !hidden[i - 1]) result += '[redacted]';
	}
	out = result;
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
