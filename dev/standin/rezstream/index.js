'use strict';

/*
 * Local stand-in for the rezStream Cloud API (cloudapi.rezstream.com) and its account /
 * OAuth server (account.rezstream.com), served from ONE origin on 127.0.0.1.
 *
 * Sources, newest wins:
 *   - shared/seeds/000, 001 (vendor Readme, 2023)
 *   - shared/api-notes.md
 *   - public GitHub rezstream/rezStream-Cloud-API-Documentation, Readme.md and the Postman
 *     collection as of 2026-02-18 (commit 8dd611a). That Readme documents, with samples:
 *       * inventory sub-resources under /inventory/... (/inventory/properties, /inventory/units,
 *         /inventory/unitTypes, /inventory/rates) -- NOT /properties, /units, ...
 *       * /availability/calendar/unit -> [{unitId, startDate, endDate, statuses:[...]}]
 *       * /availability/calendar/type -> [{unitTypeId, startDate, endDate, unitCount, metrics:[...]}]
 *         (both samples have 5 entries for from=09-23&to=09-27: `to` is INCLUSIVE there)
 *       * GET /rates/nightly -> per rate {rateId, rateName, ratePlanId, ratePlanName, defaultRate,
 *         seasonType, startDate, endDate, allowUpdates, data:[{price, baseOccupancy, ...}]}
 *         (data is positional, one entry per date, no date field)
 *       * POST /rates/nightly -> "200 OK when successfully applied"; null facets = no change
 *       * /rates/reserved/byDate -> reservation-shaped items whose unitAssignments carry
 *         rentalRevenue, rentalTax, rentalFee (no people); status "Reserved", ingestionSource "PMS"
 *       * timestamps as System.Text.Json writes them: fraction trimmed of trailing zeros
 *         ("2025-09-24T02:24:46.043Z", "2021-10-01T14:44:54.03Z", "2025-09-24T02:07:50.7507775Z")
 *       * X-RezStream-Api-Version is an optional override (the 2023 text said required)
 * Everything else follows the brief; places where the docs are silent are marked
 * "ASSUMPTION" and pick the stricter realistic behaviour.
 *
 * Plain CommonJS, node:http/crypto/url only. Run directly for a sandbox:
 *   node dev/standin/rezstream/cli.js --port 4010 [--demo] [--latency 30] [--churn 10000]
 *
 * Layout: this file wires the parts onto the stand-in core (../core.js): constants.js,
 * inventory.js and reservations.js (the data), serialize.js (what the API shows), respond.js
 * (answers, query checks, Link paging), handlers.js + routes.js (the API), oauth.js (the
 * account server), control.js (the helpers tests call). Every part is `install(st)`: it reads
 * what earlier parts put on the shared state `st` and returns its own functions.
 */

const core = require('../core');
const { Rng } = require('../rng');
const C = require('./constants');

const PARTS = ['inventory', 'reservations', 'serialize', 'respond', 'oauth', 'handlers', 'routes'].map((n) => require(`./${n}`));
const installControl = require('./control');

async function startRezStreamStandIn(options = {}) {
  const opts = {
    port: 0,
    latencyMs: 0,
    maxPageSize: 100,
    defaultPageSize: 20,
    accessTokenTtlMs: 3600000,
    rotateRefreshTokens: true,
    clients: [{ clientId: 'test-client', clientSecret: 'test-secret' }],
    seed: 42,
    data: {},
    demo: false,
    log: false,
    apiVersions: null, // null = any valid YYYY-MM-DD from MIN_API_VERSION to today; or an exact list
    clockOffsetMs: 0, // the API's clock minus the host's: stamps (updatedAt, madeAt) and the Date header
    ...options,
  };
  // The API's own clock. Everything it stamps, and its Date header, come from here.
  const apiNow = () => Date.now() + (Number(opts.clockOffsetMs) || 0);
  const dataOpts = { reservations: 30, ...(opts.data || {}) };
  const rng = new Rng(opts.seed);
  const faultRng = new Rng((Number(opts.seed) ^ 0x5eed5eed) >>> 0);
  const churnRng = new Rng((Number(opts.seed) ^ 0x0c4a2b1d) >>> 0);
  
  // Shared state of the parts (see the layout note above).
  const st = {
    options, opts, apiNow, dataOpts, rng, faultRng, churnRng,
    tenants: [], // internal tenant objects
    tenantById: new Map(),
    reservationsById: new Map(), // id -> internal reservation (has tenantId)
    tokens: new Map(), // token string -> record
    codes: new Map(), // authorization code -> record
    apiRequestCount: 0,
    lastMutationMs: 0,
    churnTimer: null,
    srv: null,
    api: null,
  };
  for (const install of PARTS) Object.assign(st, install(st));
  st.buildTenants();

  st.srv = await core.startServer({
    name: 'rezstream-standin',
    port: opts.port,
    latencyMs: opts.latencyMs,
    maxBodyBytes: C.MAX_BODY_BYTES,
    maxRecorded: C.MAX_RECORDED_REQUESTS,
    trimTrailingSlash: true,
    logToStderr: opts.log,
    // The API's clock stamps the Date header when it differs from the host's.
    decorate: (ctx, res) => { if (opts.clockOffsetMs) res.setHeader('Date', new Date(apiNow()).toUTCString()); },
    onError: (err, req, res) => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
        res.end(JSON.stringify({ type: C.PROBLEM_TYPES[500], title: C.STATUS_TITLES[500], status: 500, traceId: C.traceId() }));
      }
    },
    handle,
  });
  Object.assign(st, installControl(st));
  return st.api;

  // ------------------------------------------------------------------ request entry point

  function handle(ctx) {
    const { req } = ctx;
    const { send, sendJson, sendProblem, sendFault } = st;
    const hasBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(req.method);
    if (hasBody && ctx.body.tooLarge) return sendProblem(ctx, 413, 'The request body is too large.');
    ctx.bodyText = ctx.body.text;

    const lower = ctx.path.toLowerCase();
    if (lower === '/.well-known/openid-configuration') {
      if (req.method !== 'GET') return send(ctx, 405, { Allow: 'GET' }, null);
      return st.handleDiscovery(ctx);
    }
    if (lower === '/.well-known/jwks') {
      if (req.method !== 'GET') return send(ctx, 405, { Allow: 'GET' }, null);
      return sendJson(ctx, 200, { keys: [] });
    }
    if (lower === '/connect/authorize') {
      if (req.method !== 'GET') return send(ctx, 405, { Allow: 'GET' }, null);
      return st.handleAuthorize(ctx);
    }
    if (lower === '/connect/token') {
      if (req.method !== 'POST') return send(ctx, 405, { Allow: 'POST' }, null);
      // Faults may target the token endpoint only when named exactly ('/connect/token').
      const f = st.srv.faults.take(ctx, { regex: false });
      if (f) return sendFault(ctx, f);
      return st.handleToken(ctx);
    }
    if (lower.startsWith('/connect/') || lower.startsWith('/.well-known/')) return sendProblem(ctx, 404, undefined);
    return st.handleApi(ctx);
  }
}

module.exports = { startRezStreamStandIn };
