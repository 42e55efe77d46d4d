'use strict';
const { parseLinkHeader, findLink } = require('../../dist/nodes/shared/transport/linkHeader');

describe('RFC 8288 Link header parser', () => {
	test('several header lines joined by commas, as HTTP clients deliver them', () => {
		const header = [
			'<https://cloudapi.rezstream.com/reservations/byDate?from=2023-01-01&to=2024-01-01&skip=20&limit=10>; rel="next"',
			'<https://cloudapi.rezstream.com/reservations/byDate?from=2023-01-01&to=2024-01-01&skip=0&limit=10>; rel="prev"',
			'<https://cloudapi.rezstream.com/reservations/byDate?from=2023-01-01&to=2024-01-01&skip=30&limit=10>; rel="last"',
		].join(', ');
		const links = parseLinkHeader(header);
		expect(links.map((l) => l.rel[0])).toEqual(['next', 'prev', 'last']);
		expect(findLink(links, 'last')).toBe(
			'https://cloudapi.rezstream.com/reservations/byDate?from=2023-01-01&to=2024-01-01&skip=30&limit=10',
		);
	});

	test('URLs containing commas and semicolons are kept whole', () => {
		const header =
			'<https://api.example/a?ids=1,2,3;x=1&q=a;b>; rel="next", <https://api.example/b?t=x,y>; rel=prev';
		const links = parseLinkHeader(header);
		expect(findLink(links, 'next')).toBe('https://api.example/a?ids=1,2,3;x=1&q=a;b');
		expect(findLink(links, 'prev')).toBe('https://api.example/b?t=x,y');
	});

	test('quoted parameters with commas and escapes, several relation types, case', () => {
		const header =
			'<https://api.example/p2>; title="page, two; \\"quoted\\""; REL="Next Last", <https://api.example/p1>; rel=first';
		const links = parseLinkHeader(header);
		expect(links).toHaveLength(2);
		expect(links[0].params.title).toBe('page, two; "quoted"');
		expect(links[0].rel).toEqual(['next', 'last']);
		expect(findLink(links, 'last')).toBe('https://api.example/p2');
		expect(findLink(links, 'first')).toBe('https://api.example/p1');
	});

	test('relative targets resolve against the response URL; the first rel wins', () => {
		const links = parseLinkHeader('</reservations/updated?afterId=x>; rel="next"; rel="prev"', 'https://h.example/reservations/updated?from=1');
		expect(links[0].url).toBe('https://h.example/reservations/updated?afterId=x');
		expect(links[0].rel).toEqual(['next']);
	});

	test('an array of header lines, malformed parts and empty input', () => {
		expect(parseLinkHeader(undefined)).toEqual([]);
		expect(parseLinkHeader('')).toEqual([]);
		const links = parseLinkHeader(['garbage; rel=next', '<https://a.example/ok>; rel="next"', '<unclosed; rel=x']);
		expect(links.map((l) => l.url)).toEqual(['https://a.example/ok']);
	});

	test('a link with no rel is parsed but found by no relation', () => {
		const links = parseLinkHeader('<https://a.example/x>; type="text/html"');
		expect(links[0].rel).toEqual([]);
		expect(findLink(links, 'next')).toBeUndefined();
	});
});
