/**
 * RFC 8288 `Link` header parsing.
 *
 * A server may send several `Link` header lines; HTTP clients join them with ", ". Link targets
 * are URI-References inside angle brackets, so they may contain commas and semicolons, and
 * parameter values may be quoted strings that contain them too: splitting on "," or ";" is
 * wrong. This is a small scanner over the grammar:
 *
 *   Link       = #link-value
 *   link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param )
 *   link-param = token BWS [ "=" BWS ( token / quoted-string ) ]
 */

export interface ParsedLink {
	/** Target resolved against the URL of the response that carried it. */
	url: string;
	/** Relation types, lower-cased (`rel="next last"` gives both). */
	rel: string[];
	/** Every parameter, names lower-cased; the first occurrence wins (RFC 8288 §3). */
	params: Record<string, string>;
}

const WHITESPACE = new Set([' ', '\t']);
const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

function skipWhitespace(text: string, position: number): number {
	while (position < text.length && WHITESPACE.has(text[position])) position++;
	return position;
}

function readQuoted(text: string, position: number): { value: string; next: number } {
	// position is at the opening quote
	let value = '';
	let i = position + 1;
	while (i < text.length && text[i] !== '"') {
		if (text[i] === '\\' && i + 1 < text.length) i++;
		value += text[i];
		i++;
	}
	return { value, next: Math.min(i + 1, text.length) };
}

function readToken(text: string, position: number): { value: string; next: number } {
	let i = position;
	while (i < text.length && TOKEN_CHAR.test(text[i])) i++;
	return { value: text.slice(position, i), next: i };
}

/** Skips a malformed part up to the next top-level comma (outside quotes and brackets). */
function skipToNextLink(text: string, position: number): number {
	let i = position;
	while (i < text.length && text[i] !== ',') {
		if (text[i] === '"') i = readQuoted(text, i).next;
		else if (text[i] === '<') {
			const close = text.indexOf('>', i);
			i = close === -1 ? text.length : close + 1;
		} else i++;
	}
	return i + 1;
}

function resolve(target: string, base: string | undefined): string | undefined {
	try {
		return base ? new URL(target, base).toString() : new URL(target).toString();
	} catch {
		return undefined;
	}
}

/**
 * Parses one or more `Link` header values (a string, or an array of header lines).
 * Links whose target cannot be resolved to an absolute URL are dropped.
 */
export function parseLinkHeader(
	header: string | string[] | undefined | null,
	baseUrl?: string,
): ParsedLink[] {
	if (header === undefined || header === null) return [];
	const text = Array.isArray(header) ? header.join(', ') : String(header);
	const links: ParsedLink[] = [];
	let i = 0;
	while (i < text.length) {
		i = skipWhitespace(text, i);
		if (text[i] === ',') {
			i++;
			continue;
		}
		if (i >= text.length) break;
		if (text[i] !== '<') {
			i = skipToNextLink(text, i);
			continue;
		}
		const close = text.indexOf('>', i + 1);
		if (close === -1) break;
		const target = text.slice(i + 1, close).trim();
		i = close + 1;
		const params: Record<string, string> = {};
		for (;;) {
			i = skipWhitespace(text, i);
			if (text[i] !== ';') break;
			i = skipWhitespace(text, i + 1);
			const name = readToken(text, i);
			i = skipWhitespace(text, name.next);
			let value = '';
			if (text[i] === '=') {
				i = skipWhitespace(text, i + 1);
				const read = text[i] === '"' ? readQuoted(text, i) : readToken(text, i);
				value = read.value;
				i = read.next;
			}
			const key = name.value.toLowerCase();
			if (key && !(key in params)) params[key] = value;
		}
		i = skipWhitespace(text, i);
		if (i < text.length && text[i] !== ',') i = skipToNextLink(text, i);
		const url = resolve(target, baseUrl);
		if (url === undefined) continue;
		const rel = (params.rel ?? '')
			.split(/[ \t]+/)
			.map((r) => r.toLowerCase())
			.filter((r) => r.length > 0);
		links.push({ url, rel, params });
	}
	return links;
}

/** The first link with the given relation type, if any. */
export function findLink(links: ParsedLink[], rel: string): string | undefined {
	const wanted = rel.toLowerCase();
	return links.find((link) => link.rel.includes(wanted))?.url;
}
