'use strict';
/* rezStream stand-in: API routing, scopes, injected faults, API version and tenant checks. */
const { DAY_MS, parseDay } = require('../dates');
const { INVALID_TOKEN_CHALLENGE, MIN_API_VERSION, SCOPE_GUEST, SCOPE_REVENUE } = require('./constants');

module.exports = function install(st) {
  const { handlers, opts, origin, send, sendProblem, tenantById, validAccessToken } = st;

  // Scope requirements. Documented: reservations need guest_communication, nightly POST needs
  // revenue_management (403 otherwise). ASSUMPTION (stricter): every /rates* path needs
  // revenue_management; inventory and availability need one of the two use-case scopes.
  const NEED_GUEST = { all: [SCOPE_GUEST] };
  const NEED_REVENUE = { all: [SCOPE_REVENUE] };
  const NEED_ANY = { any: [SCOPE_GUEST, SCOPE_REVENUE] };

  const API_ROUTES = [
    { re: /^\/auth\/tokendetails$/i, methods: { GET: handlers.tokenDetails }, tenantless: true },
    { re: /^\/reservations\/updated$/i, methods: { GET: handlers.reservationsUpdated }, need: NEED_GUEST },
    { re: /^\/reservations\/bydate$/i, methods: { GET: handlers.reservationsByDate }, need: NEED_GUEST },
    { re: /^\/reservations\/([^/]+)$/i, methods: { GET: handlers.reservationById }, need: NEED_GUEST },
    { re: /^\/inventory$/i, methods: { GET: handlers.inventory }, need: NEED_ANY },
    { re: /^\/inventory\/business$/i, methods: { GET: handlers.inventoryBusiness }, need: NEED_ANY },
    { re: /^\/inventory\/properties$/i, methods: { GET: handlers.inventoryProperties }, need: NEED_ANY },
    { re: /^\/inventory\/units$/i, methods: { GET: handlers.inventoryUnits }, need: NEED_ANY },
    { re: /^\/inventory\/unittypes$/i, methods: { GET: handlers.inventoryUnitTypes }, need: NEED_ANY },
    { re: /^\/inventory\/rates$/i, methods: { GET: handlers.inventoryRates }, need: NEED_ANY },
    { re: /^\/availability\/calendar\/unit$/i, methods: { GET: handlers.calendarUnit }, need: NEED_ANY },
    { re: /^\/availability\/calendar\/type$/i, methods: { GET: handlers.calendarType }, need: NEED_ANY },
    { re: /^\/availability\/blocks\/bydate$/i, methods: { GET: handlers.blocksByDate }, need: NEED_ANY },
    { re: /^\/rates\/nightly$/i, methods: { GET: handlers.ratesNightlyGet, POST: handlers.ratesNightlyPost }, need: NEED_REVENUE },
    { re: /^\/rates\/reserved\/bydate$/i, methods: { GET: handlers.ratesReservedByDate }, need: NEED_REVENUE },
    { re: /^\/rates\/reserved\/updated$/i, methods: { GET: handlers.ratesReservedUpdated }, need: NEED_REVENUE },
  ];

  function scopeProblem(ctx, need) {
    const scopeList = (need.all || need.any).join(' ');
    const detail = need.all
      ? `The token lacks the '${need.all.join("', '")}' permission required for this request.`
      : `The token lacks a permission required for this request (one of '${need.any.join("', '")}').`;
    return sendProblem(ctx, 403, detail, {
      'WWW-Authenticate': `Bearer error="insufficient_scope", error_description="The token lacks the permission required for this request", scope="${scopeList}"`,
    });
  }

  function sendFault(ctx, f) {
    const headers = {};
    if (f.status === 429 && f.retryAfter !== undefined && f.retryAfter !== null) headers['Retry-After'] = String(f.retryAfter);
    if (typeof f.body === 'string') {
      return send(ctx, f.status, { 'Content-Type': 'text/html; charset=utf-8', ...headers }, f.body);
    }
    if (f.body && typeof f.body === 'object') {
      return send(ctx, f.status, { 'Content-Type': 'application/problem+json; charset=utf-8', ...headers }, JSON.stringify(f.body));
    }
    return sendProblem(ctx, f.status, f.status === 429 ? 'Rate limit exceeded. Try again later.' : undefined, headers);
  }

  function checkApiVersion(ctx) {
    const v = ctx.req.headers['x-rezstream-api-version'];
    if (v === undefined) return true; // newest Readme: optional override of the default version
    let ok;
    if (Array.isArray(opts.apiVersions)) ok = opts.apiVersions.includes(v);
    else {
      const d = parseDay(v);
      // ASSUMPTION: valid date between MIN_API_VERSION and tomorrow (UTC); future versions unknown.
      ok = d !== null && d >= parseDay(MIN_API_VERSION) && d <= Math.floor(Date.now() / DAY_MS) + 1;
    }
    if (ok) return true;
    sendProblem(ctx, 400,
      `The HTTP resource that matches the request URI '${origin(ctx)}${ctx.req.url}' does not support the API version '${v}'.`,
      {}, { type: 'https://docs.api-versioning.org/problems#unsupported', title: 'Unsupported API version' });
    return false;
  }

  async function handleApi(ctx) {
    let route = null;
    let m = null;
    for (const r of API_ROUTES) {
      m = r.re.exec(ctx.path);
      if (m) { route = r; break; }
    }
    st.apiRequestCount++;
    if (st.api.hooks.beforeApiRequest) {
      st.api.hooks.beforeApiRequest({ method: ctx.method, path: ctx.path, query: { ...ctx.entry.query }, count: st.apiRequestCount });
    }
    // Test hook: a layer in front of the app (proxy, broken gateway) may answer instead.
    if (st.api.hooks.intercept) {
      const handled = st.api.hooks.intercept({ req: ctx.req, res: ctx.res, method: ctx.method, path: ctx.path, query: { ...ctx.entry.query }, headers: ctx.req.headers, origin: origin(ctx), entry: ctx.entry });
      if (handled) return undefined;
    }
    // Injected faults come first (gateway / throttling layer in front of the app).
    const f = st.srv.faults.take(ctx) || st.srv.faults.takeRandom(ctx);
    if (f) return sendFault(ctx, f);
    if (!route) return sendProblem(ctx, 404, undefined);
    const handler = route.methods[ctx.method];
    if (!handler) return send(ctx, 405, { Allow: Object.keys(route.methods).join(', ') }, null);

    // Authentication
    const authz = ctx.req.headers.authorization || '';
    const am = /^Bearer\s+(\S+)\s*$/i.exec(authz);
    const rec = am ? validAccessToken(am[1]) : null;
    if (!rec) return send(ctx, 401, { 'WWW-Authenticate': INVALID_TOKEN_CHALLENGE }, null);
    ctx.token = rec;
    if (!checkApiVersion(ctx)) return undefined;

    // Tenant resolution
    const tenantHeader = ctx.req.headers['x-rezstream-tenant-id'];
    if (tenantHeader !== undefined) {
      const tid = String(tenantHeader).trim().toLowerCase();
      if (!rec.tenants.includes(tid)) {
        return sendProblem(ctx, 403, `The token has no access to tenant '${String(tenantHeader).trim()}'.`);
      }
      ctx.tenant = tenantById.get(tid);
    } else if (rec.tenants.length === 1) {
      ctx.tenant = tenantById.get(rec.tenants[0]);
    } else if (!route.tenantless) {
      return sendProblem(ctx, 401,
        'The request is ambiguous for a multi-tenant token. The X-RezStream-Tenant-ID header is required to select one of the token\'s tenants.',
        { 'WWW-Authenticate': 'Bearer error="invalid_request", error_description="The request is ambiguous for a multi-tenant token; the X-RezStream-Tenant-ID header is required"' });
    }

    // Authorization (scopes)
    const need = route.need;
    if (need) {
      const ok = need.all ? need.all.every((s) => rec.scopes.includes(s)) : need.any.some((s) => rec.scopes.includes(s));
      if (!ok) return scopeProblem(ctx, need);
    }
    return handler(ctx, m);
  }

  return { API_ROUTES, scopeProblem, sendFault, checkApiVersion, handleApi };
};
