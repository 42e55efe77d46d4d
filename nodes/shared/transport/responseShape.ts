/**
 * What a successful answer must look like. A 200 whose body is not the documented JSON (an
 * HTML page from a proxy, a bare string, an object where a list belongs) is never data and
 * never the end of a stream: the kernel turns it into an error naming the URL and content type.
 */
import { headerValue } from './errors';

/**
 * - `json`: any JSON value, or an empty body (the default);
 * - `array`: a JSON array (every list page);
 * - `object`: a JSON object (a single record);
 * - `any`: not checked (binary or text endpoints).
 */
export type ExpectedBody = 'json' | 'array' | 'object' | 'any';

export interface BodyProblem {
	what: string;
	why: string;
	contentType: string;
}

function isEmpty(body: unknown): boolean {
	if (body === undefined || body === null || body === '') return true;
	return typeof Buffer !== 'undefined' && Buffer.isBuffer(body) && body.length === 0;
}

function kindOf(body: unknown): string {
	if (Array.isArray(body)) return 'a list';
	if (body === null) return 'null';
	if (typeof body === 'object') return 'an object';
	if (typeof body === 'string') return 'a text';
	return `a ${typeof body}`;
}

/** Undefined when `body` is what `expect` allows; else what is wrong with it. */
export function checkBody(
	headers: Record<string, unknown>,
	body: unknown,
	expect: ExpectedBody = 'json',
): BodyProblem | undefined {
	if (expect === 'any') return undefined;
	const contentType = (headerValue(headers, 'content-type') ?? '').split(';')[0].trim() || 'none';
	const empty = isEmpty(body);
	if (empty) {
		if (expect === 'json') return undefined;
		return {
			what: 'an empty body',
			why: `A JSON ${expect === 'array' ? 'list' : 'object'} was expected.`,
			contentType,
		};
	}
	if (!/(^|\/|\+)json$/i.test(contentType)) {
		return {
			what: `${contentType === 'none' ? 'a body without content type' : contentType} instead of JSON`,
			why: 'The API answers JSON.',
			contentType,
		};
	}
	if (typeof body === 'string' || (typeof Buffer !== 'undefined' && Buffer.isBuffer(body))) {
		return { what: 'a text that is not JSON data', why: 'The body is neither a JSON list nor a JSON object.', contentType };
	}
	if (expect === 'array' && !Array.isArray(body)) {
		return { what: `${kindOf(body)} where a list belongs`, why: 'A JSON list was expected.', contentType };
	}
	if (expect === 'object' && (body === null || typeof body !== 'object' || Array.isArray(body))) {
		return { what: `${kindOf(body)} where an object belongs`, why: 'A JSON object was expected.', contentType };
	}
	return undefined;
}
