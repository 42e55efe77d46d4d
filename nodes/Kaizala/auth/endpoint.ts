/**
 * Where a Kaizala access token may go. Kaizala answers the token request with the `endpointUrl`
 * every later call must use, and moves a connector with 308 answers. Both come from the
 * network, so neither is trusted as it is:
 * - an endpoint must be https, with its host equal to or under one of the allowed domains
 *   (credential field, default `office.net, kaiza.la`);
 * - plain http is allowed only when the API root itself is http on a loopback address (a local
 *   stand-in), and then only for a loopback endpoint;
 * - no user name, password, query or fragment.
 * The credential's `authenticate` applies the same rule to every URL before it adds the token.
 */

export const DEFAULT_API_ROOT = 'https://api.kaiza.la/v1';

export const DEFAULT_ALLOWED_DOMAINS = 'office.net, kaiza.la';

/** Every failure of the rule is an EndpointRefused: its message names the host and the fix. */
export class EndpointRefused extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'EndpointRefused';
	}
}

function parse(raw: unknown): URL | undefined {
	const value = typeof raw === 'string' ? raw.trim() : '';
	if (!value) return undefined;
	try {
		return new URL(value);
	} catch {
		return undefined;
	}
}

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** The API root without trailing slashes; refuses anything but a plain http(s) URL. */
export function normaliseApiRoot(raw: unknown): string {
	const url = parse(raw);
	if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
		throw new EndpointRefused(
			`API Root "${typeof raw === 'string' ? raw : ''}" is not an http(s) URL such as ${DEFAULT_API_ROOT}`,
		);
	}
	return url.toString().replace(/\/+$/, '');
}

/** "office.net, kaiza.la" → ["office.net", "kaiza.la"] (lower case, no leading dots or blanks). */
export function parseAllowedDomains(raw: unknown): string[] {
	const text = typeof raw === 'string' ? raw : DEFAULT_ALLOWED_DOMAINS;
	return text
		.split(/[\s,;]+/)
		.map((d) => d.trim().toLowerCase().replace(/^\*?\.+/, '').replace(/\.+$/, ''))
		.filter((d) => d.length > 0);
}

function hostAllowed(hostname: string, domains: string[]): boolean {
	const host = hostname.toLowerCase().replace(/\.+$/, '');
	return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

export interface EndpointRule {
	apiRoot: string;
	allowedDomains: string[];
}

/** Whether the loopback exception applies: the API root is plain http on a loopback address. */
export function loopbackRoot(rule: EndpointRule): boolean {
	const root = parse(rule.apiRoot);
	return root !== undefined && root.protocol === 'http:' && isLoopbackHost(root.hostname);
}

/**
 * Checks a URL against the rule and answers it parsed. `what` names it in the error
 * ("the endpoint Kaizala gave", "the 308 move"…).
 */
export function checkUrl(raw: unknown, rule: EndpointRule, what: string): URL {
	const url = parse(raw);
	if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password) {
		throw new EndpointRefused(`Refused ${what}: it is not an http(s) URL`);
	}
	const loopback = loopbackRoot(rule) && isLoopbackHost(url.hostname);
	if (loopback) return url;
	if (url.protocol !== 'https:') {
		throw new EndpointRefused(
			`Refused ${what} (${url.host}): the access token is only sent over https (plain http only to a loopback API Root)`,
		);
	}
	if (!hostAllowed(url.hostname, rule.allowedDomains)) {
		throw new EndpointRefused(
			`Refused ${what} (${url.host}): its host is not under the Allowed Endpoint Domains (${rule.allowedDomains.join(', ') || 'none'}). Add the domain to the credential only if you trust it.`,
		);
	}
	return url;
}

/**
 * An endpoint base (token answer's `endpointUrl` or a 308 `Location`) as stored: origin plus
 * path, no trailing slash, no query.
 */
export function checkEndpoint(raw: unknown, rule: EndpointRule, what: string): string {
	const url = checkUrl(raw, rule, what);
	if (url.search || url.hash) throw new EndpointRefused(`Refused ${what} (${url.host}): it carries a query or fragment`);
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/** checkEndpoint without throwing: the endpoint, or the reason it was refused. */
export function tryEndpoint(raw: unknown, rule: EndpointRule, what: string): { endpoint: string } | { refused: string } {
	try {
		return { endpoint: checkEndpoint(raw, rule, what) };
	} catch (error) {
		return { refused: (error as Error).message };
	}
}

/** The base of API calls: `{endpointUrl}/v1` (kept when the endpoint already ends in /v1). */
export function apiBase(endpoint: string): string {
	return /\/v1$/i.test(endpoint) ? endpoint : `${endpoint}/v1`;
}
