'use strict';
/*
 * Paging helpers for the stand-ins (see core.js): RFC 8288 Link pages (offset with
 * next/prev/last/first) and Spring Data pages ({content, page: {number, size, totalElements,
 * totalPages}}) with a silent size cap.
 */
const { STATUS_CODES } = require('http');

function qsPairs(pairs) {
	return pairs.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
}

/** [[url, rel]] -> Link header: one value per link ('separate') or one comma-joined line ('joined'). */
function formatLinks(links, style = 'separate') {
	const parts = links.map(([u, rel]) => `<${u}>; rel="${rel}"`);
	if (!parts.length) return undefined;
	return style === 'joined' ? parts.join(', ') : parts;
}

/**
 * An offset page with Link relations. `base` is the absolute URL up to and including '?',
 * `params` the fixed query pairs before skip/limit. Returns { page, links, total }.
 */
function linkOffsetPage({ items, skip, limit, base, params = [], skipName = 'skip', limitName = 'limit' }) {
	const total = items.length;
	const page = items.slice(skip, skip + limit);
	const mk = (s) => base + qsPairs([...params, [skipName, s], [limitName, limit]]);
	const lastSkip = total > 0 ? Math.floor((total - 1) / limit) * limit : 0;
	const links = [];
	if (skip + limit < total) links.push([mk(skip + limit), 'next']);
	if (skip > 0) links.push([mk(Math.max(0, skip - limit)), 'prev']);
	links.push([mk(lastSkip), 'last']);
	links.push([mk(0), 'first']);
	return { page, links, total };
}

/**
 * Spring Data's reading of `page` and `size` (PageableHandlerMethodArgumentResolver): a missing
 * or unreadable value takes the default, a negative page is 0, a size below 1 the default, and
 * a size above maxSize is lowered to maxSize without a word. Returns { page, size, askedSize }.
 */
function springPaging(query, { defaultSize = 20, maxSize = 2000, pageName = 'page', sizeName = 'size' } = {}) {
	const int = (v) => (v !== undefined && /^-?\d+$/.test(String(v).trim()) ? Number(v) : null);
	const p = int(query[pageName]);
	const s = int(query[sizeName]);
	const page = p === null ? 0 : Math.max(0, p);
	let size = s === null || s < 1 ? defaultSize : s;
	if (size > maxSize) size = maxSize;
	return { page, size, askedSize: s };
}

/** A Spring page of `items` for { page, size } (from springPaging). */
function springPage(items, { page, size }) {
	const totalElements = items.length;
	return {
		content: items.slice(page * size, page * size + size),
		page: { number: page, size, totalElements, totalPages: Math.ceil(totalElements / size) },
	};
}

/** Spring Boot's default error body: { timestamp, status, error, message, path }. */
function springErrorBody(path, status, message) {
	return { timestamp: new Date().toISOString(), status, error: STATUS_CODES[status] || 'Error', message, path };
}

module.exports = { formatLinks, linkOffsetPage, springPaging, springPage, springErrorBody };
