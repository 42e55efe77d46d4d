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
 *   node test/support/rezstream-standin.js --port 4010 [--demo] [--latency 30] [--churn 10000]
 */

const http = require('http');
const crypto = require('crypto');
const { URL, URLSearchParams } = require('url');
const demoData = require('./rezstream-demo-data');

// ---------------------------------------------------------------------------------------------
// Constants

const DAY_MS = 86400000;
const SCOPE_GUEST = 'guest_communication';
const SCOPE_REVENUE = 'revenue_management';
const SUPPORTED_SCOPES = ['openid', 'profile', 'email', 'offline_access', SCOPE_GUEST, SCOPE_REVENUE];
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_RECORDED_REQUESTS = 50000;
const AUTH_CODE_TTL_MS = 5 * 60 * 1000; // ASSUMPTION: OpenIddict default code lifetime
const CALENDAR_MAX_DAYS = 366;
const NIGHTLY_MAX_DAYS = 1096; // ASSUMPTION: an older Postman sample asked for ~17 months, so > 366 works
const MIN_API_VERSION = '2023-01-01';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TS_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:\d{2})$/i;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INVALID_TOKEN_CHALLENGE =
  'Bearer error="invalid_token", error_description="The access token is expired or invalid"';

const PROBLEM_TYPES = {
  400: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
  401: 'https://tools.ietf.org/html/rfc9110#section-15.5.2',
  403: 'https://tools.ietf.org/html/rfc9110#section-15.5.4',
  404: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
  405: 'https://tools.ietf.org/html/rfc9110#section-15.5.6',
  413: 'https://tools.ietf.org/html/rfc9110#section-15.5.14',
  415: 'https://tools.ietf.org/html/rfc9110#section-15.5.16',
  429: 'https://tools.ietf.org/html/rfc6585#section-4',
  500: 'https://tools.ietf.org/html/rfc9110#section-15.6.1',
  502: 'https://tools.ietf.org/html/rfc9110#section-15.6.3',
  503: 'https://tools.ietf.org/html/rfc9110#section-15.6.4',
  504: 'https://tools.ietf.org/html/rfc9110#section-15.6.5',
};
const STATUS_TITLES = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 413: 'Payload Too Large', 415: 'Unsupported Media Type',
  429: 'Too Many Requests', 500: 'An error occurred while processing your request.',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

// ---------------------------------------------------------------------------------------------
// Deterministic PRNG (mulberry32)

class Rng {
  constructor(seed) {
    this.state = (Number(seed) >>> 0) || 0x9e3779b9;
  }
  float() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min, max) { // inclusive
    return min + Math.floor(this.float() * (max - min + 1));
  }
  chance(p) { return this.float() < p; }
  pick(arr) { return arr[Math.floor(this.float() * arr.length)]; }
  weighted(pairs) { // [[value, weight], ...]
    let total = 0;
    for (const [, w] of pairs) total += w;
    let r = this.float() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return pairs[pairs.length - 1][0];
  }
  uuid() {
    const b = [];
    for (let i = 0; i < 16; i++) b.push(this.int(0, 255));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  digits(n) {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

// ---------------------------------------------------------------------------------------------
// Plain-date arithmetic (day numbers since 1970-01-01; never through local-time Date)

function isLeap(y) { return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0; }
function daysInMonth(y, m) { return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]; }

/** 'YYYY-MM-DD' -> day number, or null when not a real calendar date. */
function parseDay(s) {
  if (typeof s !== 'string') return null;
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return Math.round(Date.UTC(y, mo - 1, d) / DAY_MS);
}

function fmtDay(n) {
  const dt = new Date(n * DAY_MS);
  const y = dt.getUTCFullYear();
  const mo = dt.getUTCMonth() + 1;
  const d = dt.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function dayOfWeek(n) { return (((n + 4) % 7) + 7) % 7; } // 0 = Sunday (1970-01-01 was a Thursday)

const dateFormatters = new Map();
function todayIn(timeZone, nowMs) {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(new Date(nowMs));
  const get = (t) => parts.find((p) => p.type === t).value;
  return parseDay(`${get('year')}-${get('month')}-${get('day')}`);
}

/** ISO 8601 timestamp WITH zone -> epoch ms (sub-ms digits truncated), or null. */
function parseTimestamp(s) {
  if (typeof s !== 'string') return null;
  const m = TS_RE.exec(s);
  if (!m) return null;
  const day = parseDay(`${m[1]}-${m[2]}-${m[3]}`);
  const hh = +m[4];
  const mi = +m[5];
  const ss = m[6] === undefined ? 0 : +m[6];
  if (day === null || hh > 23 || mi > 59 || ss > 59) return null;
  const ms = m[7] === undefined ? 0 : +(m[7] + '00').slice(0, 3);
  let offsetMin = 0;
  if (m[8].toUpperCase() !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const oh = +m[8].slice(1, 3);
    const om = +m[8].slice(4, 6);
    if (oh > 14 || om > 59) return null;
    offsetMin = sign * (oh * 60 + om);
  }
  return day * DAY_MS + ((hh * 60 + mi) * 60 + ss) * 1000 + ms - offsetMin * 60000;
}

/** epoch ms -> ISO with Z, fraction trimmed of trailing zeros like System.Text.Json. */
function fmtTs(ms, extraDigits) {
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const frac = (iso.slice(20, 23) + (extraDigits || '')).replace(/0+$/, '');
  return iso.slice(0, 19) + (frac ? `.${frac}` : '') + 'Z';
}

const round2 = (x) => Math.round(x * 100) / 100;
const clone = (x) => JSON.parse(JSON.stringify(x));
const randomToken = () => crypto.randomBytes(32).toString('base64url');
const traceId = () => `00-${crypto.randomBytes(16).toString('hex')}-${crypto.randomBytes(8).toString('hex')}-00`;

// ---------------------------------------------------------------------------------------------
// The stand-in

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
  const log = (...a) => { if (opts.log) console.error('[rezstream-standin]', ...a); };

  // ------------------------------------------------------------------ state
  const tenants = []; // internal tenant objects
  const tenantById = new Map();
  const reservationsById = new Map(); // id -> internal reservation (has tenantId)
  const tokens = new Map(); // token string -> record
  const codes = new Map(); // authorization code -> record
  const requests = [];
  const faults = [];
  const pendingTimers = new Set();
  let randomFaults = null;
  let apiRequestCount = 0;
  let lastMutationMs = 0;
  let churnTimer = null;
  let closed = false;

  // ------------------------------------------------------------------ inventory / data generation

  function buildTenant(def, idx) {
    const t = {
      id: rng.uuid(),
      name: def.name,
      timeZone: def.timeZone,
      currency: def.currency || 'USD',
      address: def.address || null,
      properties: [],
      unitTypes: [],
      units: [],
      guestTypes: [],
      ratePlans: [],
      rates: [],
      blocks: [],
      reservations: [], // internal objects, insertion order
      sortedByUpdate: null, // cache
      nightly: new Map(), // `${rateId}|${day}` -> overrides
      occupancy: new Map(), // unitId -> Map(day -> {kind:'R'|'B', id})
      index: idx,
    };
    t.business = { id: t.id, name: t.name, timeZone: t.timeZone, currency: t.currency, address: t.address };
    const propByKey = {};
    for (const p of def.properties) {
      const prop = { id: rng.uuid(), name: p.name };
      propByKey[p.key] = prop;
      t.properties.push(prop);
    }
    const typeByKey = {};
    for (const ut of def.unitTypes) {
      const type = { id: rng.uuid(), name: ut.name, maxOccupancy: ut.maxOccupancy, propertyIds: [], unitIds: [], rateIds: [] };
      typeByKey[ut.key] = type;
      t.unitTypes.push(type);
    }
    for (const u of def.units) {
      const prop = propByKey[u.property];
      const type = typeByKey[u.unitType];
      const unit = { id: rng.uuid(), name: u.name, propertyId: prop.id, unitTypeId: type.id, maxOccupancy: type.maxOccupancy };
      t.units.push(unit);
      type.unitIds.push(unit.id);
      if (!type.propertyIds.includes(prop.id)) type.propertyIds.push(prop.id);
      t.occupancy.set(unit.id, new Map());
    }
    t.guestTypes.push({ id: rng.uuid(), name: 'Adult' }, { id: rng.uuid(), name: 'Child' });
    const planByKey = {};
    for (const rp of def.ratePlans) {
      const plan = { id: rng.uuid(), name: rp.name };
      planByKey[rp.key] = plan;
      t.ratePlans.push(plan);
    }
    for (const r of def.rates) {
      const plan = planByKey[r.plan];
      const rate = {
        id: rng.uuid(),
        name: r.name,
        ratePlanId: plan.id,
        ratePlanName: plan.name,
        unitTypeIds: r.unitTypes.map((k) => typeByKey[k].id),
        currency: t.currency,
        defaultRate: !!r.defaultRate,
        seasonType: r.seasonType || 'Daily',
        allowUpdates: r.allowUpdates !== false,
        // internal pricing inputs
        basePrice: r.basePrice,
        weekendBump: r.weekendBump || 0,
        extraGuestCharges: r.extraGuestCharges
          ? { [t.guestTypes[0].id]: 15, [t.guestTypes[1].id]: 5 }
          : null,
      };
      t.rates.push(rate);
      for (const id of rate.unitTypeIds) t.unitTypes.find((x) => x.id === id).rateIds.push(rate.id);
    }
    return t;
  }

  function bulkTenantDef(base, i) {
    // ASSUMPTION: bulk inventory is generic (room numbers); one non-daily rate with
    // allowUpdates:false exists so clients can meet a rate that rejects nightly updates.
    const props = i === 0
      ? [{ key: 'a', name: 'Main Building' }, { key: 'b', name: 'Annex' }]
      : [{ key: 'a', name: 'Harbor House' }];
    const unitTypes = [
      { key: 'q', name: 'Queen', maxOccupancy: 2 },
      { key: 'k', name: 'King Suite', maxOccupancy: 3 },
      { key: 'f', name: 'Family Room', maxOccupancy: 5 },
    ];
    const unitCount = i === 0 ? 10 : 6;
    const units = [];
    for (let n = 0; n < unitCount; n++) {
      units.push({
        name: `Room ${(n < 5 ? 100 : 200) + (n % 5) + 1}`,
        property: props[Math.min(props.length - 1, Math.floor(n / 5))].key,
        unitType: unitTypes[n % 3].key,
      });
    }
    return {
      name: base.name,
      timeZone: base.timeZone,
      currency: base.currency || 'USD',
      address: base.address || null,
      properties: props,
      unitTypes,
      units,
      ratePlans: [{ key: 'std', name: 'Standard' }, { key: 'ext', name: 'Extended Stay' }],
      rates: [
        { name: 'Rack', plan: 'std', unitTypes: ['q', 'k', 'f'], basePrice: 150, weekendBump: 30, defaultRate: true, extraGuestCharges: true },
        { name: 'Bed & Breakfast', plan: 'std', unitTypes: ['q', 'k', 'f'], basePrice: 175, weekendBump: 30 },
        { name: 'Non-refundable', plan: 'std', unitTypes: ['q', 'k'], basePrice: 135, weekendBump: 20 },
        { name: 'Monthly', plan: 'ext', unitTypes: ['k', 'f'], basePrice: 110, seasonType: 'Monthly', allowUpdates: false },
      ],
    };
  }

  function defaultNightly(rate, day) {
    const dow = dayOfWeek(day);
    const weekend = dow === 5 || dow === 6;
    const wiggle = ((day * 7 + rate.basePrice) % 5) * 5; // deterministic small variation
    return {
      price: rate.basePrice + (weekend ? rate.weekendBump : 0) + wiggle,
      minimumNights: weekend && rate.weekendBump >= 30 ? 2 : 1,
      baseOccupancy: 2,
      closedToArrival: false,
      closedToDeparture: false,
    };
  }

  function nightlyFor(tenant, rate, day) {
    const base = defaultNightly(rate, day);
    const o = tenant.nightly.get(`${rate.id}|${day}`);
    return o ? { ...base, ...o } : base;
  }

  function isFree(tenant, unitId, arrival, departure) {
    const occ = tenant.occupancy.get(unitId);
    for (let d = arrival; d < departure; d++) if (occ.has(d)) return false;
    return true;
  }

  function occupy(tenant, unitId, arrival, departure, kind, id) {
    const occ = tenant.occupancy.get(unitId);
    for (let d = arrival; d < departure; d++) occ.set(d, { kind, id });
  }

  function release(tenant, unitId, arrival, departure, id) {
    const occ = tenant.occupancy.get(unitId);
    for (let d = arrival; d < departure; d++) {
      const cur = occ.get(d);
      if (cur && cur.id === id) occ.delete(d);
    }
  }

  function occupyReservation(tenant, r) {
    if (r.status === 'Cancelled') return;
    for (const ua of r.unitAssignments) occupy(tenant, ua.unitId, parseDay(ua.arrival), parseDay(ua.departure), 'R', r.id);
  }

  function releaseReservation(tenant, r) {
    for (const ua of r.unitAssignments) release(tenant, ua.unitId, parseDay(ua.arrival), parseDay(ua.departure), r.id);
  }

  /** Find a free (unit, arrival) for `nights` within [winStart, winEnd). Bounded; always answers. */
  function findSlot(tenant, r, nights, winStart, winEnd, unitPool) {
    const pool = unitPool && unitPool.length ? unitPool : tenant.units;
    const span = Math.max(1, winEnd - winStart - nights);
    for (let attempt = 0; attempt < 300; attempt++) {
      const unit = r.pick(pool);
      const arrival = winStart + r.int(0, span - 1);
      if (isFree(tenant, unit.id, arrival, arrival + nights)) return { unit, arrival };
    }
    // Fallback: first free run after the window on some unit (bounded scan).
    const unit = r.pick(pool);
    for (let a = winEnd, i = 0; i < 20000; a++, i++) {
      if (isFree(tenant, unit.id, a, a + nights)) return { unit, arrival: a };
    }
    return { unit, arrival: winEnd + 20000 };
  }

  function makePerson(r, tenant, uaIds) {
    const first = r.pick(demoData.FIRST_NAMES);
    const last = r.pick(demoData.LAST_NAMES);
    const local = `${first}.${last}`.normalize('NFD').replace(/[^A-Za-z.]/g, '').toLowerCase();
    // Fictional NANP numbers (555-0100..0199).
    const num = () => `+1-${r.pick(['802', '707', '212', '415', '617', '503'])}-555-01${String(r.int(0, 99)).padStart(2, '0')}`;
    const phone = num();
    const mobileKind = r.weighted([['none', 3], ['same', 3], ['different', 4]]);
    const mobilePhone = mobileKind === 'none' ? null : mobileKind === 'same' ? phone : num();
    return {
      id: r.uuid(),
      firstName: first,
      lastName: last,
      email: r.chance(0.92) ? `${local}${r.int(1, 99)}@${r.pick(demoData.EMAIL_DOMAINS)}` : null,
      phone,
      mobilePhone,
      unitAssignmentIds: uaIds.slice(),
    };
  }

  function rentalFor(tenant, rateId, arrival, departure) {
    const rate = tenant.rates.find((x) => x.id === rateId);
    let revenue = 0;
    for (let d = arrival; d < departure; d++) revenue += nightlyFor(tenant, rate, d).price;
    revenue = round2(revenue);
    return { rentalRevenue: revenue, rentalTax: round2(revenue * 0.115), rentalFee: round2(revenue * 0.04) };
  }

  function makeUnitAssignment(tenant, r, unit, arrival, nights, occupancyCount) {
    const rates = tenant.rates.filter((x) => x.unitTypeIds.includes(unit.unitTypeId));
    const rate = r.pick(rates);
    const ua = {
      id: r.uuid(),
      arrival: fmtDay(arrival),
      departure: fmtDay(arrival + nights),
      nights,
      unitId: unit.id,
      unitTypeId: unit.unitTypeId,
      propertyId: unit.propertyId,
      rateId: rate.id,
      ratePlanId: rate.ratePlanId,
      occupancyCount: occupancyCount || r.int(1, unit.maxOccupancy),
    };
    Object.assign(ua, rentalFor(tenant, rate.id, arrival, arrival + nights));
    return ua;
  }

  function refreshReservationDates(res) {
    let a = null;
    let d = null;
    for (const ua of res.unitAssignments) {
      if (a === null || ua.arrival < a) a = ua.arrival;
      if (d === null || ua.departure > d) d = ua.departure;
    }
    res.arrival = a;
    res.departure = d;
  }

  function buildInvoices(tenant, r, res) {
    const invoices = [];
    const people = res.people;
    const uas = res.unitAssignments;
    const groups = [];
    if (uas.length > 1 && people.length > 1 && r.chance(0.7)) {
      // Split billing: the lead pays for the first assignments, another member for the last one.
      groups.push({ person: people[0], uas: uas.slice(0, uas.length - 1) });
      groups.push({ person: people[Math.min(people.length - 1, uas.length - 1)], uas: uas.slice(uas.length - 1) });
    } else {
      groups.push({ person: people[0], uas });
    }
    for (const g of groups) {
      let total = 0;
      for (const ua of g.uas) total += ua.rentalRevenue + ua.rentalTax + ua.rentalFee;
      total = round2(total);
      const paid = res.status === 'CheckedOut' ? total : res.status === 'Cancelled' ? total : r.pick([0, round2(total * 0.2), round2(total * 0.5), total]);
      invoices.push({
        id: r.uuid(),
        personId: g.person.id,
        unitAssignmentIds: g.uas.map((u) => u.id),
        total,
        balance: round2(total - paid),
        currency: tenant.currency,
      });
    }
    return invoices;
  }

  function statusFor(r, tenant, arrival, departure, todayHint) {
    const today = todayHint !== undefined ? todayHint : todayIn(tenant.timeZone, Date.now());
    if (departure <= today) return r.weighted([['CheckedOut', 9], ['Cancelled', 1]]);
    if (arrival <= today) return r.weighted([['CheckedIn', 9], ['Reserved', 1]]);
    // ASSUMPTION: 'Reserved' (the documented sample value) instead of the brief's 'Confirmed'.
    return r.weighted([['Reserved', 15], ['Tentative', 2], ['Cancelled', 3]]);
  }

  /**
   * Build a reservation. `o`: {r (rng), winStart, winEnd, arrival, departure, unitId, status,
   * ingestionSource, occupancyCount, notes, group}
   */
  function generateReservation(tenant, o) {
    const r = o.r;
    const id = r.uuid();
    const groupSize = o.group !== undefined ? o.group : (r.chance(0.15) ? r.int(2, 3) : 1);
    const uas = [];
    let firstArrival;
    let firstNights;
    if (o.arrival !== undefined) {
      firstArrival = o.arrival;
      firstNights = Math.max(1, (o.departure !== undefined ? o.departure : o.arrival + 2) - o.arrival);
      let unit = o.unitId ? tenant.units.find((u) => u.id === o.unitId) : null;
      if (o.unitId && !unit) throw new Error(`unknown unitId ${o.unitId}`);
      if (!unit) {
        const free = tenant.units.filter((u) => isFree(tenant, u.id, firstArrival, firstArrival + firstNights));
        // ASSUMPTION: a helper-forced stay with no free unit is still created (double booking).
        unit = free.length ? r.pick(free) : r.pick(tenant.units);
      }
      uas.push(makeUnitAssignment(tenant, r, unit, firstArrival, firstNights, o.occupancyCount));
    } else {
      firstNights = r.weighted([[1, 3], [2, 5], [3, 4], [4, 2], [5, 1], [7, 1], [10, 0.3]]);
      const slot = findSlot(tenant, r, firstNights, o.winStart, o.winEnd);
      firstArrival = slot.arrival;
      uas.push(makeUnitAssignment(tenant, r, slot.unit, firstArrival, firstNights, o.occupancyCount));
    }
    // Temporarily occupy so that group members land in other units.
    for (const ua of uas) occupy(tenant, ua.unitId, parseDay(ua.arrival), parseDay(ua.departure), 'R', id);
    for (let g = 1; g < groupSize; g++) {
      let placed = false;
      for (let attempt = 0; attempt < 12 && !placed; attempt++) {
        // Group members usually share the dates, sometimes arrive/leave a day apart.
        const vary = attempt > 0 || r.chance(0.35);
        const shift = vary ? r.int(-1, 2) : 0;
        const nights = Math.max(1, firstNights + (vary ? r.int(-1, 1) : 0));
        const arr = firstArrival + shift;
        const free = tenant.units.filter((u) => isFree(tenant, u.id, arr, arr + nights));
        if (free.length) {
          const ua = makeUnitAssignment(tenant, r, r.pick(free), arr, nights);
          occupy(tenant, ua.unitId, arr, arr + nights, 'R', id);
          uas.push(ua);
          placed = true;
        }
      }
    }
    const res = {
      tenantId: tenant.id,
      id,
      version: 1,
      status: null,
      madeAt: null,
      updatedAtMs: 0,
      arrival: null,
      departure: null,
      ingestionSource: o.ingestionSource || r.weighted([['PMS', 4], ['Direct', 3], ['BookingCom', 2], ['Expedia', 1], ['Phone', 1]]),
      unitAssignments: uas,
      people: [],
      invoices: [],
      notes: o.notes !== undefined ? o.notes : (r.chance(0.35) ? r.pick(demoData.NOTES) : null),
    };
    refreshReservationDates(res);
    res.status = o.status || statusFor(r, tenant, parseDay(res.arrival), parseDay(res.departure), o.today);
    // People: in a group every assignment has its own guest; singles sometimes bring a companion.
    if (uas.length > 1) {
      for (const ua of uas) res.people.push(makePerson(r, tenant, [ua.id]));
      if (r.chance(0.5)) res.people[0].unitAssignmentIds = uas.map((u) => u.id); // lead guest on all
    } else {
      res.people.push(makePerson(r, tenant, [uas[0].id]));
      if (r.chance(0.3)) {
        const companion = makePerson(r, tenant, [uas[0].id]);
        companion.lastName = r.chance(0.6) ? res.people[0].lastName : companion.lastName;
        companion.email = r.chance(0.5) ? null : companion.email;
        res.people.push(companion);
      }
    }
    res.invoices = buildInvoices(tenant, r, res);
    // Release the temporary occupation; the caller occupies for real according to status.
    releaseReservation(tenant, res);
    return res;
  }

  function addReservation(tenant, res) {
    tenant.reservations.push(res);
    tenant.sortedByUpdate = null;
    reservationsById.set(res.id, res);
    occupyReservation(tenant, res);
  }

  function nextMutationMs() {
    const t = Math.max(apiNow(), lastMutationMs + 1);
    lastMutationMs = t;
    return t;
  }

  function populate(tenant, count, winStart, winEnd, r) {
    const now = apiNow();
    const today = todayIn(tenant.timeZone, now);
    const created = [];
    for (let i = 0; i < count; i++) {
      const res = generateReservation(tenant, { r, winStart, winEnd, today });
      // madeAt: before arrival (past stays) and in the past; updatedAt between madeAt and now.
      const arrivalMs = parseDay(res.arrival) * DAY_MS;
      let madeMs = now - r.int(1, 90) * DAY_MS - r.int(0, DAY_MS - 1);
      madeMs = Math.min(madeMs, arrivalMs - r.int(1, 30) * DAY_MS + r.int(0, DAY_MS - 1));
      const updMs = res.version === 1 && r.chance(0.3)
        ? madeMs
        : madeMs + Math.floor(r.float() * Math.max(1, now - 60000 - madeMs));
      res.version = updMs === madeMs ? 1 : r.int(2, 9);
      // madeAt carries 7 fractional digits like the documented sample; it never exceeds updatedAt.
      res.madeAt = fmtTs(madeMs - 1, r.digits(4));
      res.updatedAtMs = Math.min(updMs, now - 1000);
      created.push(res);
      addReservation(tenant, res);
    }
    // Deliberate ties on updatedAt (≈10%) so the (updatedAt, id) cursor tie-break matters.
    for (let i = 1; i < created.length; i++) {
      if (r.chance(0.1)) {
        const other = created[r.int(0, i - 1)];
        const madeMs = parseTimestamp(created[i].madeAt);
        if (other.updatedAtMs >= madeMs) {
          created[i].updatedAtMs = other.updatedAtMs;
          if (created[i].version === 1 && other.updatedAtMs !== madeMs) created[i].version = 2;
        }
      }
    }
    for (const res of created) lastMutationMs = Math.max(lastMutationMs, res.updatedAtMs);
  }

  function addBlocks(tenant, count, winStart, winEnd, r) {
    for (let i = 0; i < count; i++) {
      const nights = r.int(1, 4);
      const slot = findSlot(tenant, r, nights, winStart, winEnd);
      const block = {
        id: r.uuid(),
        unitId: slot.unit.id,
        arrival: fmtDay(slot.arrival),
        departure: fmtDay(slot.arrival + nights),
        reason: r.pick(demoData.BLOCK_REASONS),
      };
      tenant.blocks.push(block);
      occupy(tenant, block.unitId, slot.arrival, slot.arrival + nights, 'B', block.id);
    }
  }

  // Build tenants
  if (opts.demo) {
    demoData.DEMO_TENANTS.forEach((def, i) => {
      const t = buildTenant(def, i);
      tenants.push(t);
      tenantById.set(t.id, t);
    });
    demoData.DEMO_TENANTS.forEach((def, i) => {
      const t = tenants[i];
      const today = todayIn(t.timeZone, Date.now());
      // Demo window: 3 weeks before to 5 weeks after today (tenant-local date).
      addBlocks(t, def.blocks, today - 21, today + 35, rng);
      const count = options.data && options.data.reservations !== undefined ? dataOpts.reservations : def.reservations;
      populate(t, count, today - 21, today + 35, rng);
    });
  } else {
    const bases = opts.tenants || [
      { name: 'Maple Inn', timeZone: 'America/New_York', address: demoData.DEMO_TENANTS[0].address },
      { name: 'Harbor B&B', timeZone: 'America/Los_Angeles', address: demoData.DEMO_TENANTS[1].address },
    ];
    bases.forEach((b, i) => {
      const t = buildTenant(bulkTenantDef(b, i), i);
      tenants.push(t);
      tenantById.set(t.id, t);
    });
    const count = Math.max(0, Math.floor(Number(dataOpts.reservations) || 0));
    for (const t of tenants) {
      const today = dataOpts.baseDate ? parseDay(dataOpts.baseDate) : todayIn(t.timeZone, Date.now());
      if (today === null) throw new Error('data.baseDate must be YYYY-MM-DD');
      // Window grows with the count so units are never over-booked (avg ~3 nights, ~65% load).
      const windowDays = Math.max(180, Math.ceil((count * 3.6) / (t.units.length * 0.65)));
      const start = today - Math.floor(windowDays / 3);
      addBlocks(t, 3, start, start + windowDays, rng);
      populate(t, count, start, start + windowDays, rng);
    }
  }

  // ------------------------------------------------------------------ serializers

  const UA_SUMMARY_FIELDS = ['id', 'arrival', 'departure', 'nights', 'unitId', 'unitTypeId', 'propertyId', 'rateId', 'ratePlanId', 'occupancyCount'];

  function summaryOf(res) {
    return {
      id: res.id,
      version: res.version,
      status: res.status,
      madeAt: res.madeAt,
      updatedAt: fmtTs(res.updatedAtMs),
      arrival: res.arrival,
      departure: res.departure,
      ingestionSource: res.ingestionSource,
      unitAssignments: res.unitAssignments.map((ua) => {
        const o = {};
        for (const f of UA_SUMMARY_FIELDS) o[f] = ua[f];
        return o;
      }),
    };
  }

  function reservedRateOf(res) {
    const s = summaryOf(res);
    s.unitAssignments = clone(res.unitAssignments); // with rentalRevenue, rentalTax, rentalFee
    return s;
  }

  function fullOf(res) {
    const s = summaryOf(res);
    s.unitAssignments = clone(res.unitAssignments);
    s.people = clone(res.people);
    s.invoices = clone(res.invoices);
    s.notes = res.notes;
    return s;
  }

  const publicTenant = (t) => ({ id: t.id, name: t.name, timeZone: t.timeZone });
  const pubProperty = (p) => ({ id: p.id, name: p.name });
  const pubUnit = (u) => ({ id: u.id, name: u.name, propertyId: u.propertyId, unitTypeId: u.unitTypeId, maxOccupancy: u.maxOccupancy });
  const pubUnitType = (ut) => clone(ut);
  const pubRate = (r) => ({
    id: r.id, name: r.name, ratePlanId: r.ratePlanId, ratePlanName: r.ratePlanName, unitTypeIds: r.unitTypeIds.slice(),
    currency: r.currency, defaultRate: r.defaultRate, seasonType: r.seasonType, allowUpdates: r.allowUpdates,
  });

  // ------------------------------------------------------------------ tokens

  function resolveTenantIds(list) {
    const ids = list && list.length ? list : [tenants[0].id];
    for (const id of ids) if (!tenantById.has(String(id).toLowerCase())) throw new Error(`unknown tenant ${id}`);
    return ids.map((x) => String(x).toLowerCase());
  }

  function issueAccess(clientId, tenantIds, scopes, parent) {
    const token = randomToken();
    tokens.set(token, {
      kind: 'access', clientId, tenants: tenantIds.slice(), scopes: scopes.slice(),
      expiresAtMs: Date.now() + opts.accessTokenTtlMs, revoked: false, parent: parent || null,
    });
    return token;
  }

  function issueRefresh(clientId, tenantIds, scopes, parent) {
    const token = randomToken();
    tokens.set(token, { kind: 'refresh', clientId, tenants: tenantIds.slice(), scopes: scopes.slice(), expiresAtMs: null, revoked: false, parent: parent || null });
    return token;
  }

  function tokenResponse(clientId, tenantIds, scopes, parent) {
    const body = {
      access_token: issueAccess(clientId, tenantIds, scopes, parent),
      token_type: 'Bearer',
      expires_in: Math.round(opts.accessTokenTtlMs / 1000),
      scope: scopes.join(' '),
    };
    if (scopes.includes('offline_access')) body.refresh_token = issueRefresh(clientId, tenantIds, scopes, parent);
    return body;
  }

  function validAccessToken(token) {
    const rec = tokens.get(token);
    if (!rec || rec.revoked) return null;
    if (rec.kind !== 'access' && rec.kind !== 'manual') return null;
    if (rec.expiresAtMs !== null && Date.now() >= rec.expiresAtMs) return null;
    return rec;
  }

  // ------------------------------------------------------------------ HTTP helpers

  function send(ctx, status, headers, body) {
    const { res, entry } = ctx;
    if (res.headersSent || res.destroyed) return;
    entry.status = status;
    const buf = body === undefined || body === null ? Buffer.alloc(0) : Buffer.from(body);
    res.statusCode = status;
    if (opts.clockOffsetMs) res.setHeader('Date', new Date(apiNow()).toUTCString());
    for (const [k, v] of Object.entries(headers || {})) if (v !== undefined && v !== null) res.setHeader(k, v);
    res.setHeader('Content-Length', buf.length);
    res.end(buf);
    log(entry.method, entry.path, status);
  }

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
    const host = ctx.req.headers.host || `127.0.0.1:${server.address().port}`;
    return `http://${host}`;
  }

  function linkHeader(ctx, links) {
    // links: [[url, rel]]
    const parts = links.map(([u, rel]) => `<${u}>; rel="${rel}"`);
    if (!parts.length) return undefined;
    return api.linkStyle === 'joined' ? parts.join(', ') : parts;
  }

  function qs(pairs) {
    return pairs.map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
  }

  function delay(ms) {
    return new Promise((resolve) => {
      const t = setTimeout(() => { pendingTimers.delete(t); resolve(); }, ms);
      pendingTimers.add(t);
    });
  }

  function readBody(req) {
    return new Promise((resolve) => {
      const chunks = [];
      let size = 0;
      let tooLarge = false;
      req.on('data', (c) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) { tooLarge = true; return; }
        chunks.push(c);
      });
      req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge }));
      req.on('error', () => resolve({ text: '', tooLarge: false, aborted: true }));
    });
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
    const total = items.length;
    const page = items.slice(skip, skip + limit);
    const base = `${origin(ctx)}${canonicalPath}?`;
    const mk = (s) => base + qs([...fixedParams, ['skip', s], ['limit', limit]]);
    const lastSkip = total > 0 ? Math.floor((total - 1) / limit) * limit : 0;
    const links = [];
    if (skip + limit < total) links.push([mk(skip + limit), 'next']);
    if (skip > 0) links.push([mk(Math.max(0, skip - limit)), 'prev']);
    links.push([mk(lastSkip), 'last']);
    links.push([mk(0), 'first']);
    return { page, link: linkHeader(ctx, links), links };
  }

  /** Test hook: a misbehaving API rewrites a list page's items or links ([[url, rel]]). */
  function transformList(ctx, items, links) {
    if (!api.hooks.transformList) return { items, links };
    const out = api.hooks.transformList({ path: ctx.path, query: { ...ctx.entry.query }, url: origin(ctx) + ctx.req.url, origin: origin(ctx), items, links });
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
      links.push([base + qs([['from', fromRaw], ['afterAt', fmtTs(last.updatedAtMs)], ['afterId', last.id], ['limit', limit]]), 'next']);
    }
    links.push([base + qs([['from', fromRaw], ['limit', limit]]), 'first']);
    const out = transformList(ctx, page.map(mapItem), links);
    return sendJson(ctx, 200, out.items, { Link: linkHeader(ctx, out.links) });
  }

  // ------------------------------------------------------------------ API handlers

  const handlers = {
    tokenDetails(ctx) {
      const rec = ctx.token;
      sendJson(ctx, 200, {
        clientId: rec.clientId,
        tokenType: 'reference',
        scopes: rec.scopes.slice(),
        expiresAt: rec.expiresAtMs === null ? null : fmtTs(rec.expiresAtMs),
        tenants: rec.tenants.map((id) => publicTenant(tenantById.get(id))),
      });
    },

    reservationsUpdated(ctx) {
      cursorPage(ctx, '/reservations/updated', ctx.tenant, summaryOf);
    },

    reservationsByDate(ctx) {
      byDateList(ctx, '/reservations/byDate', summaryOf);
    },

    reservationById(ctx, m) {
      let raw;
      try {
        raw = decodeURIComponent(m[1]);
      } catch (e) {
        raw = m[1];
      }
      if (!UUID_RE.test(raw)) return sendValidation(ctx, { id: [`The value '${raw}' is not valid.`] });
      const res = reservationsById.get(raw.toLowerCase());
      if (!res || res.tenantId !== ctx.tenant.id) return sendProblem(ctx, 404, `Reservation '${raw}' was not found.`);
      sendJson(ctx, 200, fullOf(res));
    },

    inventory(ctx) {
      const t = ctx.tenant;
      sendJson(ctx, 200, {
        business: clone(t.business),
        properties: t.properties.map(pubProperty),
        units: t.units.map(pubUnit),
        unitTypes: t.unitTypes.map(pubUnitType),
        guestTypes: clone(t.guestTypes),
        rates: t.rates.map(pubRate),
      });
    },
    inventoryBusiness(ctx) { sendJson(ctx, 200, clone(ctx.tenant.business)); },
    inventoryProperties(ctx) { sendJson(ctx, 200, ctx.tenant.properties.map(pubProperty)); },
    inventoryUnits(ctx) { sendJson(ctx, 200, ctx.tenant.units.map(pubUnit)); },
    inventoryUnitTypes(ctx) { sendJson(ctx, 200, ctx.tenant.unitTypes.map(pubUnitType)); },
    inventoryRates(ctx) { sendJson(ctx, 200, ctx.tenant.rates.map(pubRate)); },

    calendarUnit(ctx) {
      const errors = {};
      // Documented sample: from=2025-09-23&to=2025-09-27 gives 5 statuses -> `to` inclusive.
      const { from, to } = parseWindow(ctx, errors, { maxDays: CALENDAR_MAX_DAYS, inclusive: true });
      if (Object.keys(errors).length) return sendValidation(ctx, errors);
      const t = ctx.tenant;
      const out = t.units.map((u) => {
        const occ = t.occupancy.get(u.id);
        const statuses = [];
        for (let d = from; d <= to; d++) {
          const o = occ.get(d);
          statuses.push(!o ? 'Available' : o.kind === 'B' ? 'Blocked' : 'Reserved');
        }
        return { unitId: u.id, startDate: fmtDay(from), endDate: fmtDay(to), statuses };
      });
      sendJson(ctx, 200, out);
    },

    calendarType(ctx) {
      const errors = {};
      const { from, to } = parseWindow(ctx, errors, { maxDays: CALENDAR_MAX_DAYS, inclusive: true });
      if (Object.keys(errors).length) return sendValidation(ctx, errors);
      const t = ctx.tenant;
      const out = t.unitTypes.map((ut) => {
        const units = t.units.filter((u) => u.unitTypeId === ut.id);
        const metrics = [];
        for (let d = from; d <= to; d++) {
          const m = { available: 0, reserved: 0, blocked: 0 };
          for (const u of units) {
            const o = t.occupancy.get(u.id).get(d);
            if (!o) m.available++;
            else if (o.kind === 'B') m.blocked++;
            else m.reserved++;
          }
          metrics.push(m);
        }
        return { unitTypeId: ut.id, startDate: fmtDay(from), endDate: fmtDay(to), unitCount: units.length, metrics };
      });
      sendJson(ctx, 200, out);
    },

    blocksByDate(ctx) {
      const errors = {};
      const { from, to } = parseWindow(ctx, errors, {});
      const limit = parseLimit(ctx, errors);
      const skip = parseSkip(ctx, errors);
      if (Object.keys(errors).length) return sendValidation(ctx, errors);
      const fromS = fmtDay(from);
      const toS = fmtDay(to);
      const items = ctx.tenant.blocks
        .filter((b) => b.arrival < toS && b.departure > fromS)
        .sort((a, b) => (a.arrival < b.arrival ? -1 : a.arrival > b.arrival ? 1 : a.id < b.id ? -1 : 1));
      const { page, link } = offsetPage(ctx, '/availability/blocks/byDate', items, skip, limit, [['from', q(ctx, 'from')], ['to', q(ctx, 'to')]]);
      sendJson(ctx, 200, clone(page), { Link: link });
    },

    ratesNightlyGet(ctx) {
      const errors = {};
      // Documented sample (from..to with startDate/endDate) -> `to` inclusive, like the calendars.
      const { from, to } = parseWindow(ctx, errors, { maxDays: NIGHTLY_MAX_DAYS, inclusive: true });
      const rateIdRaw = q(ctx, 'rateId');
      if (rateIdRaw !== undefined && !UUID_RE.test(rateIdRaw)) errors.rateId = [`The value '${rateIdRaw}' is not valid for rateId.`];
      if (Object.keys(errors).length) return sendValidation(ctx, errors);
      const t = ctx.tenant;
      const rates = rateIdRaw === undefined ? t.rates : t.rates.filter((r) => r.id === rateIdRaw.toLowerCase());
      const out = rates.map((rate) => {
        const data = [];
        for (let d = from; d <= to; d++) {
          const n = nightlyFor(t, rate, d);
          // Like the documented sample: defaults are omitted, no per-entry date (positional).
          const e = { price: n.price, baseOccupancy: n.baseOccupancy };
          if (n.minimumNights !== 1) e.minimumNights = n.minimumNights;
          if (n.closedToArrival) e.closedToArrival = true;
          if (n.closedToDeparture) e.closedToDeparture = true;
          if (rate.extraGuestCharges) e.extraGuestCharges = { ...rate.extraGuestCharges };
          data.push(e);
        }
        return {
          rateId: rate.id,
          rateName: rate.name,
          ratePlanId: rate.ratePlanId,
          ratePlanName: rate.ratePlanName,
          defaultRate: rate.defaultRate,
          seasonType: rate.seasonType,
          startDate: fmtDay(from),
          endDate: fmtDay(to),
          allowUpdates: rate.allowUpdates,
          data,
        };
      });
      sendJson(ctx, 200, out);
    },

    ratesNightlyPost(ctx) {
      const ct = String(ctx.req.headers['content-type'] || '').toLowerCase();
      if (!/^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/.test(ct)) {
        return sendProblem(ctx, 415, undefined);
      }
      if (!ctx.bodyText || !ctx.bodyText.trim()) return sendValidation(ctx, { '': ['A non-empty request body is required.'] });
      let body;
      try {
        body = JSON.parse(ctx.bodyText);
      } catch (e) {
        return sendValidation(ctx, { $: ['The JSON value could not be parsed. Path: $'] });
      }
      ctx.entry.body = body;
      const t = ctx.tenant;
      const errors = {};
      const add = (k, msg) => { (errors[k] = errors[k] || []).push(msg); };
      // System.Text.Json stops at the FIRST conversion error, and then no other validation runs:
      // only that one `$`-prefixed error is reported. Otherwise all semantic errors are reported.
      let conversion = null;
      const conv = (path, type) => {
        if (!conversion) conversion = { [`$${path}`]: [`The JSON value could not be converted to ${type}. Path: $${path}`] };
      };
      const updates = [];
      if (!Array.isArray(body)) {
        conv('', 'System.Collections.Generic.List`1[NightlyRateUpdate]');
        return sendValidation(ctx, conversion);
      }
      body.forEach((item, i) => {
        const p = `[${i}]`;
        if (item === null || typeof item !== 'object' || Array.isArray(item)) return conv(p, 'NightlyRateUpdate');
        let rate = null;
        if (item.rateId === undefined || item.rateId === null) add(`${p}.rateId`, 'The rateId field is required.');
        else if (typeof item.rateId !== 'string' || !UUID_RE.test(item.rateId)) conv(`${p}.rateId`, 'System.Guid');
        else {
          rate = t.rates.find((r) => r.id === item.rateId.toLowerCase()) || null;
          // ASSUMPTION: unknown rate (or a rate of another tenant) is a validation error.
          if (!rate) add(`${p}.rateId`, `The rate '${item.rateId}' was not found.`);
          // Readme: allowUpdates tells whether a rate may be updated with this API.
          else if (!rate.allowUpdates) add(`${p}.rateId`, `The rate '${item.rateId}' does not allow nightly updates.`);
        }
        if (item.data === undefined || item.data === null) return add(`${p}.data`, 'The data field is required.');
        if (!Array.isArray(item.data)) return conv(`${p}.data`, 'System.Collections.Generic.List`1[NightlyRateData]');
        item.data.forEach((d, j) => {
          const dp = `${p}.data[${j}]`;
          if (d === null || typeof d !== 'object' || Array.isArray(d)) return conv(dp, 'NightlyRateData');
          let day = null;
          if (d.date === undefined || d.date === null) add(`${dp}.date`, 'The date field is required.');
          else if (typeof d.date !== 'string' || (day = parseDay(d.date)) === null) conv(`${dp}.date`, 'System.DateOnly');
          const u = {};
          if (d.price !== undefined && d.price !== null) {
            if (typeof d.price !== 'number' || !Number.isFinite(d.price)) conv(`${dp}.price`, 'System.Decimal');
            else if (d.price < 0) add(`${dp}.price`, 'The field price must be between 0 and 79228162514264337593543950335.');
            else u.price = d.price;
          }
          for (const f of ['minimumNights', 'baseOccupancy']) {
            if (d[f] === undefined || d[f] === null) continue;
            if (typeof d[f] !== 'number' || !Number.isInteger(d[f]) || d[f] > 2147483647) conv(`${dp}.${f}`, 'System.Int32');
            else if (d[f] < 1) add(`${dp}.${f}`, `The field ${f} must be between 1 and 2147483647.`);
            else u[f] = d[f];
          }
          for (const f of ['closedToArrival', 'closedToDeparture']) {
            if (d[f] === undefined || d[f] === null) continue;
            if (typeof d[f] !== 'boolean') conv(`${dp}.${f}`, 'System.Boolean');
            else u[f] = d[f];
          }
          if (rate && day !== null) updates.push({ rate, day, u });
        });
        return undefined;
      });
      if (conversion) return sendValidation(ctx, conversion);
      if (Object.keys(errors).length) return sendValidation(ctx, errors);
      // All-or-nothing; applied in order (the Postman sample repeats a date).
      for (const { rate, day, u } of updates) {
        const key = `${rate.id}|${day}`;
        t.nightly.set(key, { ...(t.nightly.get(key) || {}), ...u });
      }
      // Readme: "Response: 200 OK when successfully applied." (empty body, like ASP.NET Ok()).
      return send(ctx, 200, {}, null);
    },

    ratesReservedByDate(ctx) {
      byDateList(ctx, '/rates/reserved/byDate', reservedRateOf);
    },

    ratesReservedUpdated(ctx) {
      cursorPage(ctx, '/rates/reserved/updated', ctx.tenant, reservedRateOf);
    },
  };

  function byDateList(ctx, canonicalPath, mapItem) {
    const errors = {};
    const { from, to } = parseWindow(ctx, errors, {});
    const limit = parseLimit(ctx, errors);
    const skip = parseSkip(ctx, errors);
    if (Object.keys(errors).length) return sendValidation(ctx, errors);
    const fromS = fmtDay(from);
    const toS = fmtDay(to);
    // Stay overlaps [from, to): compared as plain date strings. ASSUMPTION: `to` exclusive here
    // (the doc's example is a year window 2023-01-01..2024-01-01) although calendars are inclusive.
    const items = ctx.tenant.reservations
      .filter((r) => r.arrival < toS && r.departure > fromS)
      .sort((a, b) => (a.arrival < b.arrival ? -1 : a.arrival > b.arrival ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const { page, links } = offsetPage(ctx, canonicalPath, items, skip, limit, [['from', q(ctx, 'from')], ['to', q(ctx, 'to')]]);
    const out = transformList(ctx, page.map(mapItem), links);
    return sendJson(ctx, 200, out.items, { Link: linkHeader(ctx, out.links) });
  }

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

  function matchFault(ctx) {
    for (let i = 0; i < faults.length; i++) {
      const f = faults[i];
      if (f.times <= 0) continue;
      if (f.method && f.method.toUpperCase() !== ctx.method) continue;
      let ok;
      if (f.path instanceof RegExp) {
        f.path.lastIndex = 0;
        ok = f.path.test(ctx.path);
        f.path.lastIndex = 0;
        ok = ok || f.path.test(ctx.req.url);
        f.path.lastIndex = 0;
      } else {
        ok = String(f.path).toLowerCase() === ctx.path.toLowerCase();
      }
      if (!ok) continue;
      f.times--;
      if (f.times <= 0) faults.splice(i, 1);
      return f;
    }
    return null;
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
    apiRequestCount++;
    if (api.hooks.beforeApiRequest) {
      api.hooks.beforeApiRequest({ method: ctx.method, path: ctx.path, query: { ...ctx.entry.query }, count: apiRequestCount });
    }
    // Test hook: a layer in front of the app (proxy, broken gateway) may answer instead.
    if (api.hooks.intercept) {
      const handled = api.hooks.intercept({ req: ctx.req, res: ctx.res, method: ctx.method, path: ctx.path, query: { ...ctx.entry.query }, headers: ctx.req.headers, origin: origin(ctx), entry: ctx.entry });
      if (handled) return undefined;
    }
    // Injected faults come first (gateway / throttling layer in front of the app).
    const f = matchFault(ctx);
    if (f) return sendFault(ctx, f);
    if (randomFaults && ctx.method === 'GET' && randomFaults.used < randomFaults.max && faultRng.float() < randomFaults.rate) {
      randomFaults.used++;
      return sendFault(ctx, { status: faultRng.pick(randomFaults.statuses) });
    }
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

  // ------------------------------------------------------------------ account / OAuth handlers

  function oauthError(ctx, status, error, description, headers) {
    const body = { error };
    if (description) body.error_description = description;
    sendJson(ctx, status, body, { 'Cache-Control': 'no-store', Pragma: 'no-cache', ...(headers || {}) });
  }

  function htmlPage(ctx, status, title, text) {
    const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
    send(ctx, status, { 'Content-Type': 'text/html; charset=utf-8' },
      `<!doctype html><html><head><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1><p>${esc(text)}</p></body></html>`);
  }

  function handleDiscovery(ctx) {
    const o = origin(ctx);
    sendJson(ctx, 200, {
      issuer: `${o}/`,
      authorization_endpoint: `${o}/connect/authorize`,
      token_endpoint: `${o}/connect/token`,
      jwks_uri: `${o}/.well-known/jwks`,
      scopes_supported: SUPPORTED_SCOPES.slice(),
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['plain', 'S256'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_parameter_supported: false,
      request_parameter_supported: false,
    });
  }

  function findClient(id) {
    return opts.clients.find((c) => c.clientId === id) || null;
  }

  function handleAuthorize(ctx) {
    const p = (n) => ctx.url.searchParams.get(n);
    const client = findClient(p('client_id'));
    if (!client) return htmlPage(ctx, 400, 'Invalid request', 'The client application is not known.');
    const redirectUri = p('redirect_uri');
    let redirect;
    try {
      redirect = redirectUri ? new URL(redirectUri) : null;
    } catch (e) {
      redirect = null;
    }
    if (!redirect || !/^https?:$/.test(redirect.protocol)) {
      return htmlPage(ctx, 400, 'Invalid request', 'The redirect_uri parameter is missing or invalid.');
    }
    // Registered redirect URLs (the vendor asks for them); ASSUMPTION: none configured = any URL.
    if (Array.isArray(client.redirectUris) && !client.redirectUris.includes(redirectUri)) {
      return htmlPage(ctx, 400, 'Invalid request', 'The redirect_uri is not registered for this client.');
    }
    const state = p('state');
    const back = (params) => {
      const u = new URL(redirectUri);
      for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) u.searchParams.set(k, v);
      if (state !== null) u.searchParams.set('state', state);
      send(ctx, 302, { Location: u.toString(), 'Cache-Control': 'no-store' }, null);
    };
    if (p('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
    const scopes = (p('scope') || '').split(' ').filter(Boolean);
    // Readme: "When initiating an authorization request, scopes must be provided."
    if (!scopes.length) return back({ error: 'invalid_scope', error_description: 'The scope parameter is required.' });
    const unknown = scopes.filter((s) => !SUPPORTED_SCOPES.includes(s));
    if (unknown.length) return back({ error: 'invalid_scope', error_description: `Unsupported scope: ${unknown.join(' ')}` });
    const challenge = p('code_challenge');
    const method = p('code_challenge_method') || (challenge ? 'plain' : null);
    if (challenge && method !== 'S256' && method !== 'plain') {
      return back({ error: 'invalid_request', error_description: 'Unsupported code_challenge_method.' });
    }
    // The stand-in's user consents at once: the first tenant (or `tid` when given and known),
    // or every tenant with multiTenant=true.
    const multi = String(p('multiTenant') || '').toLowerCase() === 'true';
    let tenantIds;
    if (multi) tenantIds = tenants.map((t) => t.id);
    else {
      const tid = (p('tid') || '').toLowerCase();
      tenantIds = [tenantById.has(tid) ? tid : tenants[0].id];
    }
    const code = randomToken();
    codes.set(code, {
      clientId: client.clientId, redirectUri, scopes: Array.from(new Set(scopes)), tenants: tenantIds,
      expiresAtMs: Date.now() + AUTH_CODE_TTL_MS, used: false, challenge, method, issued: [],
    });
    return back({ code });
  }

  function clientFromRequest(ctx, form) {
    const authz = ctx.req.headers.authorization;
    const basic = authz && /^Basic\s+(\S+)$/i.exec(authz);
    const bodyId = form.get('client_id');
    const bodySecret = form.get('client_secret');
    if (basic) {
      if (bodySecret !== null) return { error: ['invalid_request', 'Multiple client credentials cannot be specified.'] };
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      if (i < 0) return { error: ['invalid_client', 'The client credentials are invalid.'], basic: true };
      // RFC 6749 2.3.1: id and secret are form-urlencoded before base64.
      const dec = (s) => { try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch (e) { return s; } };
      const id = dec(decoded.slice(0, i));
      const secret = dec(decoded.slice(i + 1));
      if (bodyId !== null && bodyId !== id) return { error: ['invalid_request', 'The client_id does not match the authorization header.'] };
      const c = findClient(id);
      if (!c || c.clientSecret !== secret) return { error: ['invalid_client', 'The client credentials are invalid.'], basic: true };
      return { client: c };
    }
    if (bodyId === null) return { error: ['invalid_client', 'The mandatory client_id parameter is missing.'] };
    const c = findClient(bodyId);
    if (!c || bodySecret === null || c.clientSecret !== bodySecret) return { error: ['invalid_client', 'The client credentials are invalid.'] };
    return { client: c };
  }

  function handleToken(ctx) {
    const ct = String(ctx.req.headers['content-type'] || '').toLowerCase();
    if (!/^application\/x-www-form-urlencoded\s*(;|$)/.test(ct)) {
      return oauthError(ctx, 400, 'invalid_request', 'The Content-Type must be application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(ctx.bodyText || '');
    const redacted = {};
    for (const [k, v] of form) {
      redacted[k] = ['client_secret', 'code', 'refresh_token', 'code_verifier'].includes(k) ? '[redacted]' : v;
    }
    ctx.entry.form = redacted;
    ctx.entry.clientAuth = /^Basic\s/i.test(ctx.req.headers.authorization || '')
      ? 'basic'
      : (form.has('client_id') || form.has('client_secret') ? 'body' : null);
    const grant = form.get('grant_type');
    if (!grant) return oauthError(ctx, 400, 'invalid_request', 'The mandatory grant_type parameter is missing.');
    if (grant !== 'authorization_code' && grant !== 'refresh_token') {
      return oauthError(ctx, 400, 'unsupported_grant_type', 'The specified grant_type is not supported.');
    }
    const auth = clientFromRequest(ctx, form);
    if (auth.error) {
      const [err, desc] = auth.error;
      const status = err === 'invalid_client' ? 401 : 400;
      return oauthError(ctx, status, err, desc, auth.basic ? { 'WWW-Authenticate': 'Basic realm="account.rezstream.com"' } : {});
    }
    const client = auth.client;

    if (grant === 'authorization_code') {
      const code = form.get('code');
      const rec = code ? codes.get(code) : null;
      if (!rec) return oauthError(ctx, 400, 'invalid_grant', 'The specified authorization code is invalid.');
      if (rec.used) {
        // RFC 6749 4.1.2: a reused code revokes what it issued.
        for (const t of rec.issued) { const tr = tokens.get(t); if (tr) tr.revoked = true; }
        return oauthError(ctx, 400, 'invalid_grant', 'The specified authorization code has already been redeemed.');
      }
      if (rec.clientId !== client.clientId) return oauthError(ctx, 400, 'invalid_grant', 'The authorization code was issued to another client.');
      if (Date.now() >= rec.expiresAtMs) { rec.used = true; return oauthError(ctx, 400, 'invalid_grant', 'The specified authorization code is no longer valid.'); }
      if (form.get('redirect_uri') !== rec.redirectUri) return oauthError(ctx, 400, 'invalid_grant', 'The redirect_uri does not match the one used in the authorization request.');
      if (rec.challenge) {
        const verifier = form.get('code_verifier');
        const computed = verifier && (rec.method === 'S256' ? crypto.createHash('sha256').update(verifier).digest('base64url') : verifier);
        if (!verifier || computed !== rec.challenge) return oauthError(ctx, 400, 'invalid_grant', 'The code_verifier is missing or invalid.');
      }
      rec.used = true;
      const body = tokenResponse(client.clientId, rec.tenants, rec.scopes, code);
      rec.issued.push(body.access_token);
      if (body.refresh_token) rec.issued.push(body.refresh_token);
      return sendJson(ctx, 200, body, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
    }

    // refresh_token
    const rt = form.get('refresh_token');
    const rec = rt ? tokens.get(rt) : null;
    if (!rec || rec.kind !== 'refresh' || rec.revoked) {
      return oauthError(ctx, 400, 'invalid_grant', 'The specified refresh token is invalid.');
    }
    if (rec.clientId !== client.clientId) return oauthError(ctx, 400, 'invalid_grant', 'The refresh token was issued to another client.');
    let scopes = rec.scopes;
    const requested = form.get('scope');
    if (requested) {
      const list = requested.split(' ').filter(Boolean);
      if (list.some((s) => !rec.scopes.includes(s))) return oauthError(ctx, 400, 'invalid_scope', 'The requested scope exceeds the original grant.');
      scopes = list;
    }
    let body;
    if (opts.rotateRefreshTokens) {
      rec.revoked = true; // rolling refresh tokens: the redeemed one is dead
      body = tokenResponse(client.clientId, rec.tenants, scopes.includes('offline_access') ? scopes : [...scopes, 'offline_access'], rt);
      body.scope = scopes.join(' ');
    } else {
      body = {
        access_token: issueAccess(client.clientId, rec.tenants, scopes, rt),
        token_type: 'Bearer',
        expires_in: Math.round(opts.accessTokenTtlMs / 1000),
        scope: scopes.join(' '),
      };
    }
    return sendJson(ctx, 200, body, { 'Cache-Control': 'no-store', Pragma: 'no-cache' });
  }

  // ------------------------------------------------------------------ request entry point

  async function handle(req, res) {
    const at = Date.now();
    let url;
    try {
      url = new URL(req.url, 'http://127.0.0.1');
    } catch (e) {
      url = new URL('http://127.0.0.1/');
    }
    let path = url.pathname;
    if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    const query = {};
    for (const [k, v] of url.searchParams) if (!(k in query)) query[k] = v;
    const entry = { method: req.method, path, query, headers: { ...req.headers }, status: null, at };
    requests.push(entry);
    if (requests.length > MAX_RECORDED_REQUESTS) requests.splice(0, requests.length - MAX_RECORDED_REQUESTS);
    const ctx = { req, res, entry, url, path, method: req.method };

    const hasBody = !['GET', 'HEAD', 'DELETE', 'OPTIONS'].includes(req.method);
    const body = await readBody(req);
    if (closed) return;
    if (opts.latencyMs > 0) {
      await delay(opts.latencyMs);
      if (closed) return;
    }
    if (body.aborted) return;
    if (hasBody && body.tooLarge) return sendProblem(ctx, 413, 'The request body is too large.');
    ctx.bodyText = body.text;

    const lower = path.toLowerCase();
    if (lower === '/.well-known/openid-configuration') {
      if (req.method !== 'GET') return send(ctx, 405, { Allow: 'GET' }, null);
      return handleDiscovery(ctx);
    }
    if (lower === '/.well-known/jwks') {
      if (req.method !== 'GET') return send(ctx, 405, { Allow: 'GET' }, null);
      return sendJson(ctx, 200, { keys: [] });
    }
    if (lower === '/connect/authorize') {
      if (req.method !== 'GET') return send(ctx, 405, { Allow: 'GET' }, null);
      return handleAuthorize(ctx);
    }
    if (lower === '/connect/token') {
      if (req.method !== 'POST') return send(ctx, 405, { Allow: 'POST' }, null);
      // Faults may target the token endpoint only when named exactly ('/connect/token').
      const f = faults.find((x) => x.times > 0 && x.path === '/connect/token' && (!x.method || x.method.toUpperCase() === 'POST'));
      if (f) {
        f.times--;
        if (f.times <= 0) faults.splice(faults.indexOf(f), 1);
        return sendFault(ctx, f);
      }
      return handleToken(ctx);
    }
    if (lower.startsWith('/connect/') || lower.startsWith('/.well-known/')) return sendProblem(ctx, 404, undefined);
    return handleApi(ctx);
  }

  // ------------------------------------------------------------------ server

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      log('internal error', err && err.stack);
      try {
        if (!res.headersSent) {
          res.statusCode = 500;
          res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
          res.end(JSON.stringify({ type: PROBLEM_TYPES[500], title: STATUS_TITLES[500], status: 500, traceId: traceId() }));
        }
      } catch (e) { /* socket gone */ }
    });
  });
  server.keepAliveTimeout = 5000;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => { server.removeListener('error', reject); resolve(); });
  });
  const url = `http://127.0.0.1:${server.address().port}`;

  // ------------------------------------------------------------------ public helpers

  function requireReservation(id) {
    const r = reservationsById.get(String(id).toLowerCase());
    if (!r) throw new Error(`unknown reservation ${id}`);
    return r;
  }

  function applyUpdate(res, changes) {
    const tenant = tenantById.get(res.tenantId);
    releaseReservation(tenant, res);
    const c = changes || {};
    const oldArr = res.arrival;
    const oldDep = res.departure;
    if (c.arrival !== undefined || c.departure !== undefined) {
      const newArr = c.arrival !== undefined ? c.arrival : oldArr;
      const newDep = c.departure !== undefined ? c.departure : oldDep;
      if (parseDay(newArr) === null || parseDay(newDep) === null || newArr >= newDep) {
        occupyReservation(tenant, res);
        throw new Error('arrival/departure must be valid YYYY-MM-DD with arrival < departure');
      }
      for (const ua of res.unitAssignments) {
        if (res.unitAssignments.length === 1 || ua.arrival === oldArr) ua.arrival = newArr;
        if (res.unitAssignments.length === 1 || ua.departure === oldDep) ua.departure = newDep;
        if (ua.arrival >= ua.departure) { ua.arrival = newArr; ua.departure = newDep; }
        ua.nights = parseDay(ua.departure) - parseDay(ua.arrival);
        Object.assign(ua, rentalFor(tenant, ua.rateId, parseDay(ua.arrival), parseDay(ua.departure)));
      }
      refreshReservationDates(res);
    }
    for (const f of ['status', 'ingestionSource', 'notes']) if (c[f] !== undefined) res[f] = c[f];
    if (c.occupancyCount !== undefined) for (const ua of res.unitAssignments) ua.occupancyCount = c.occupancyCount;
    res.version += 1;
    res.updatedAtMs = nextMutationMs();
    tenant.sortedByUpdate = null;
    occupyReservation(tenant, res);
  }

  const api = {
    url,
    tenants: tenants.map(publicTenant),
    requests,
    faults,
    hooks: { beforeApiRequest: null, intercept: null, transformList: null },
    /** The API's clock minus the host's, from now on. */
    setClockOffset(ms) { opts.clockOffsetMs = ms; },
    apiNow,
    linkStyle: 'separate',
    clientId: opts.clients[0] && opts.clients[0].clientId,
    clientSecret: opts.clients[0] && opts.clients[0].clientSecret,

    issueManualToken({ tenants: tList, scopes = [SCOPE_GUEST, SCOPE_REVENUE] } = {}) {
      const ids = resolveTenantIds(tList);
      const token = randomToken();
      tokens.set(token, { kind: 'manual', clientId: null, tenants: ids, scopes: scopes.slice(), expiresAtMs: null, revoked: false });
      return token;
    },

    issueOAuthTokens({ tenants: tList, scopes = ['offline_access', SCOPE_GUEST, SCOPE_REVENUE], clientId } = {}) {
      const cid = clientId || api.clientId;
      if (!findClient(cid)) throw new Error(`unknown client ${cid}`);
      return tokenResponse(cid, resolveTenantIds(tList), scopes, null);
    },

    expireAccessTokens() {
      const now = Date.now();
      for (const rec of tokens.values()) if (rec.kind === 'access') rec.expiresAtMs = Math.min(rec.expiresAtMs, now - 1);
    },

    revokeToken(token) {
      const rec = tokens.get(token);
      if (rec) rec.revoked = true;
      return !!rec;
    },

    createReservation(tenantId, overrides = {}) {
      const tenant = tenantById.get(String(tenantId || tenants[0].id).toLowerCase());
      if (!tenant) throw new Error(`unknown tenant ${tenantId}`);
      const o = { r: rng, group: overrides.group, status: overrides.status, ingestionSource: overrides.ingestionSource, occupancyCount: overrides.occupancyCount, notes: overrides.notes, unitId: overrides.unitId };
      if (overrides.arrival !== undefined || overrides.departure !== undefined) {
        const a = parseDay(overrides.arrival);
        const d = overrides.departure !== undefined ? parseDay(overrides.departure) : a + 2;
        if (a === null || d === null || d <= a) throw new Error('arrival/departure must be valid YYYY-MM-DD with arrival < departure');
        o.arrival = a;
        o.departure = d;
      } else {
        const today = todayIn(tenant.timeZone, Date.now());
        o.winStart = today;
        o.winEnd = today + 120;
      }
      const res = generateReservation(tenant, o);
      // Overrides for boundary cases: an exact update instant (ties) and an exact madeAt.
      const ms = overrides.atMs !== undefined ? overrides.atMs : nextMutationMs();
      if (overrides.atMs !== undefined) lastMutationMs = Math.max(lastMutationMs, ms);
      res.madeAt = overrides.madeAt !== undefined ? overrides.madeAt : fmtTs(ms - 1, rng.digits(4));
      if (overrides.madeAt === null) delete res.madeAt;
      res.updatedAtMs = ms;
      if (overrides.id) {
        if (!UUID_RE.test(overrides.id) || reservationsById.has(overrides.id.toLowerCase())) throw new Error('overrides.id must be a new UUID');
        res.id = overrides.id.toLowerCase();
      }
      addReservation(tenant, res);
      return fullOf(res);
    },

    updateReservation(id, changes = {}) {
      const res = requireReservation(id);
      applyUpdate(res, changes);
      return fullOf(res);
    },

    getReservation(id) {
      const res = reservationsById.get(String(id).toLowerCase());
      return res ? fullOf(res) : null;
    },

    listReservations(tenantId) {
      const list = tenantId
        ? (tenantById.get(String(tenantId).toLowerCase()) || { reservations: [] }).reservations
        : tenants.flatMap((t) => t.reservations);
      return list.map(fullOf);
    },

    /** Internal-ish: the inventory of a tenant (for assertions). */
    getInventory(tenantId) {
      const t = tenantById.get(String(tenantId || tenants[0].id).toLowerCase());
      if (!t) return null;
      return { business: clone(t.business), properties: t.properties.map(pubProperty), units: t.units.map(pubUnit), unitTypes: t.unitTypes.map(pubUnitType), guestTypes: clone(t.guestTypes), rates: t.rates.map(pubRate), blocks: clone(t.blocks) };
    },

    clearRequests() { requests.length = 0; },
    apiRequests() { return requests.filter((r) => !/^\/(connect|\.well-known)(\/|$)/i.test(r.path)); },
    tokenRequests() { return requests.filter((r) => r.path.toLowerCase() === '/connect/token'); },

    addFault(f) {
      if (!f || (typeof f.path !== 'string' && !(f.path instanceof RegExp))) throw new Error('fault.path must be a string or RegExp');
      if (![429, 500, 502, 503, 504].includes(f.status)) throw new Error('fault.status must be 429, 500, 502, 503 or 504');
      faults.push({ ...f, times: f.times === undefined ? 1 : Math.max(0, Math.floor(f.times)) });
    },

    setRandomFaults(cfg) {
      if (!cfg) { randomFaults = null; return; }
      randomFaults = {
        rate: Math.min(1, Math.max(0, cfg.rate === undefined ? 0.05 : cfg.rate)),
        statuses: cfg.statuses && cfg.statuses.length ? cfg.statuses.slice() : [500, 502, 503],
        max: cfg.max === undefined ? 20 : Math.max(0, Math.floor(cfg.max)),
        used: 0,
      };
    },

    startChurn({ everyMs = 5000, create = 1, update = 2 } = {}) {
      api.stopChurn();
      churnTimer = setInterval(() => {
        if (closed) return;
        for (let i = 0; i < Math.min(create, 1000); i++) api.createReservation(churnRng.pick(tenants).id);
        for (let i = 0; i < Math.min(update, 1000); i++) {
          const t = churnRng.pick(tenants);
          if (!t.reservations.length) continue;
          const res = churnRng.pick(t.reservations);
          const kind = churnRng.weighted([['touch', 3], ['status', 1], ['extend', 1]]);
          const changes = {};
          if (kind === 'status') changes.status = churnRng.pick(['Reserved', 'Tentative', 'Cancelled']);
          if (kind === 'extend') changes.departure = fmtDay(parseDay(res.departure) + 1);
          if (kind === 'touch') changes.notes = churnRng.pick(demoData.NOTES);
          applyUpdate(res, changes);
        }
      }, Math.max(10, everyMs));
      if (churnTimer.unref) churnTimer.unref();
    },

    stopChurn() {
      if (churnTimer) clearInterval(churnTimer);
      churnTimer = null;
    },

    async close() {
      if (closed) return;
      closed = true;
      api.stopChurn();
      for (const t of pendingTimers) clearTimeout(t);
      pendingTimers.clear();
      await new Promise((resolve) => {
        server.close(() => resolve());
        if (server.closeAllConnections) server.closeAllConnections();
      });
    },
  };

  log(`listening on ${url}`);
  return api;
}

// ---------------------------------------------------------------------------------------------
// CLI

function parseArgs(argv) {
  const out = { port: 4010, demo: false, latencyMs: 0, churnMs: 0, seed: 42, log: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--port') out.port = Number(next());
    else if (a === '--demo') out.demo = true;
    else if (a === '--latency') out.latencyMs = Number(next());
    else if (a === '--churn') out.churnMs = Number(next());
    else if (a === '--seed') out.seed = Number(next());
    else if (a === '--reservations') out.reservations = Number(next());
    else if (a === '--log') out.log = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

if (require.main === module) {
  (async () => {
    const a = parseArgs(process.argv.slice(2));
    const s = await startRezStreamStandIn({
      port: a.port, demo: a.demo, latencyMs: a.latencyMs, seed: a.seed, log: a.log,
      data: a.reservations !== undefined ? { reservations: a.reservations } : undefined,
    });
    if (a.churnMs > 0) s.startChurn({ everyMs: a.churnMs, create: 1, update: 2 });
    process.stdout.write(JSON.stringify({
      url: s.url,
      manualToken: s.issueManualToken(),
      tenants: s.tenants,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
    }) + '\n');
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      s.close().then(() => process.exit(0), () => process.exit(1));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })().catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exit(1);
  });
}

module.exports = { startRezStreamStandIn };
