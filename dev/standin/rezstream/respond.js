'use strict';
/* rezStream stand-in: answers (ProblemDetails, validation), query checks and the two Link-paged list kinds. */
const { parseDay, parseTimestamp, fmtTs } = require('../dates');
const { PROBLEM_TYPES, STATUS_TITLES, UUID_RE, traceId } = require('./constants');
const core = require('../core');

module.exports = function install(st) {
  const { opts } = st;

  const send = core.send;

  function sendJson(ctx, status, obj, headers) {
    send(ctx, status, { 'Content-Type': 'application/json; charset=utf-8', ...(headers || {}) }, JSON.stringify(obj));
  }

  function sendProblem(ctx, status, detail, headers, extra) {
    const body = { type: PROBLEM_TYPES[status] || PROBLEM_TYPES[400], title: STATUS_TITLES[status] || 'Error', status };
    if (detail) body.detail = detail;
    Object.assign(body, extra || {});
    body.traceId = traceId();
    send(ctx, status, { 'Content-Type': 'application/problem+json; charset=utf-8', ...(headers || {}) }, JSON.stringify(body));
  }

  function sendValidation(ctx, errors) {
    const body = {
      type: PROBLEM_TYPES[400],
      title: 'One or more validation errors occurred.',
      status: 400,
      errors,
      traceId: traceId(),
    };
    send(ctx, 400, { 'Content-Type': 'application/problem+json; charset=utf-8' }, JSON.stringify(body));
  }

  function origin(ctx) {
    return ctx.origin;
  }

  function linkHeader(ctx, links) {
    // links: [[url, rel]]
    return core.formatLinks(links, st.api.linkStyle);
  }

  // ------------------------------------------------------------------ query validation helpers

  function q(ctx, name) {
    // ASSUMPTION: ASP.NET model binding matches query names case-insensitively; first value wins.
    const lname = name.toLowerCase();
    for (const [k, v] of ctx.url.searchParams) if (k.toLowerCase() === lname) return v;
    return undefined;
  }

  function requireDay(ctx, name, errors) {
    const v = q(ctx, name);
    if (v === undefined || v === '') {
      errors[name] = [`The ${name} field is required.`];
      return null;
    }
    const d = parseDay(v);
    if (d === null) errors[name] = [`The value '${v}' is not valid for ${name}.`];
    return d;
  }

  function parseLimit(ctx, errors) {
    const v = q(ctx, 'limit');
    if (v === undefined || v === '') return opts.defaultPageSize;
    if (!/^\d+$/.test(v) || Number(v) > 2147483647) {
      errors.limit = [`The value '${v}' is not valid for limit.`];
      return null;
    }
    const n = Number(v);
    if (n < 1) {
      errors.limit = ['The field limit must be between 1 and 2147483647.'];
      return null;
    }
    // ASSUMPTION: the real maximum page size is unknown; larger requests are clamped.
    return Math.min(n, opts.maxPageSize);
  }

  function parseSkip(ctx, errors) {
    const v = q(ctx, 'skip');
    if (v === undefined || v === '') return 0;
    if (!/^\d+$/.test(v) || Number(v) > 2147483647) {
      errors.skip = [`The value '${v}' is not valid for skip.`];
      return null;
    }
    return Number(v);
  }

  function parseWindow(ctx, errors, { maxDays, inclusive }) {
    const from = requireDay(ctx, 'from', errors);
    const to = requireDay(ctx, 'to', errors);
    if (from !== null && to !== null) {
      if (from > to) errors.to = ['The to date must be on or after the from date.'];
      else if (maxDays && to - from + (inclusive ? 1 : 0) > maxDays) {
        errors.to = [`The date range may not exceed ${maxDays} days.`];
      }
    }
    return { from, to };
  }

  // ------------------------------------------------------------------ paging helpers

  function offsetPage(ctx, canonicalPath, items, skip, limit, fixedParams) {
    const { page, links } = core.linkOffsetPage({ items, skip, limit, base: `${origin(ctx)}${canonicalPath}?`, params: fixedParams });
    return { page, link: linkHeader(ctx, links), links };
  }

  /** Test hook: a misbehaving API rewrites a list page's items or links ([[url, rel]]). */
  function transformList(ctx, items, links) {
    if (!st.api.hooks.transformList) return { items, links };
    const out = st.api.hooks.transformList({ path: ctx.path, query: { ...ctx.entry.query }, url: origin(ctx) + ctx.req.url, origin: origin(ctx), items, links });
    return out || { items, links };
  }

  function sortedByUpdate(tenant) {
    if (!tenant.sortedByUpdate) {
      tenant.sortedByUpdate = tenant.reservations.slice().sort((a, b) =>
        (a.updatedAtMs - b.updatedAtMs) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }
    return tenant.sortedByUpdate;
  }

  // first index i with key(arr[i]) > (ms, id) (or >= when inclusive)
  function lowerBound(arr, ms, id, strictlyAfter) {
    let lo = 0;
    let hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = arr[mid];
      const cmp = (r.updatedAtMs - ms) || (r.id < id ? -1 : r.id > id ? 1 : 0);
      if (cmp < 0 || (strictlyAfter && cmp === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function cursorPage(ctx, canonicalPath, tenant, mapItem) {
    const errors = {};
    const fromRaw = q(ctx, 'from');
    let fromMs = null;
    if (fromRaw === undefined || fromRaw === '') errors.from = ['The from field is required.'];
    else {
      fromMs = parseTimestamp(fromRaw);
      // ASSUMPTION: a timestamp without zone is rejected (ambiguous); stricter than DateTime binding.
      if (fromMs === null) errors.from = [`The value '${fromRaw}' is not valid for from. An ISO 8601 timestamp with a UTC offset or Z is required.`];
    }
    const limit = parseLimit(ctx, errors);
    const afterAtRaw = q(ctx, 'afterAt');
    const afterIdRaw = q(ctx, 'afterId');
    let afterMs = null;
    if (afterAtRaw !== undefined) {
      afterMs = parseTimestamp(afterAtRaw);
      if (afterMs === null) errors.afterAt = [`The value '${afterAtRaw}' is not valid for afterAt.`];
    }
    if (afterIdRaw !== undefined && !UUID_RE.test(afterIdRaw)) errors.afterId = [`The value '${afterIdRaw}' is not valid for afterId.`];
    // ASSUMPTION: afterAt and afterId only make sense together.
    if ((afterAtRaw === undefined) !== (afterIdRaw === undefined)) {
      errors[afterAtRaw === undefined ? 'afterAt' : 'afterId'] = ['afterAt and afterId must be supplied together.'];
    }
    if (Object.keys(errors).length) return sendValidation(ctx, errors);

    const sorted = sortedByUpdate(tenant);
    let start = lowerBound(sorted, fromMs, '', false);
    if (afterMs !== null) start = Math.max(start, lowerBound(sorted, afterMs, afterIdRaw.toLowerCase(), true));
    const page = sorted.slice(start, start + limit);
    const base = `${origin(ctx)}${canonicalPath}?`;
    const links = [];
    if (page.length) {
      const last = page[page.length - 1];
      // ASSUMPTION: forward-only cursor keeps offering `next` until a page comes back empty.
      links.push([base + core.qs([['from', fromRaw], ['afterAt', fmtTs(last.updatedAtMs)], ['afterId', last.id], ['limit', limit]]), 'next']);
    }
    links.push([base + core.qs([['from', fromRaw], ['limit', limit]]), 'first']);
    const out = transformList(ctx, page.map(mapItem), links);
    return sendJson(ctx, 200, out.items, { Link: linkHeader(ctx, out.links) });
  }

  return { send, sendJson, sendProblem, sendValidation, origin, linkHeader, q, requireDay, parseLimit, parseSkip, parseWindow, offsetPage, transformList, sortedByUpdate, lowerBound, cursorPage };
};
