'use strict';
/* rezStream stand-in: the helpers tests call (tokens, reservations, faults, churn, close). */
const { parseDay, fmtDay, todayIn, fmtTs } = require('../dates');
const { SCOPE_GUEST, SCOPE_REVENUE, UUID_RE, randomToken } = require('./constants');
const { clone } = require('../core');
const demoData = require('./demo-data');

module.exports = function install(st) {
  const { addReservation, apiNow, churnRng, findClient, fullOf, generateReservation, nextMutationMs, occupyReservation, opts, pubProperty, pubRate, pubUnit, pubUnitType, publicTenant, refreshReservationDates, releaseReservation, rentalFor, reservationsById, resolveTenantIds, rng, tenantById, tenants, tokenResponse, tokens } = st;

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
    url: st.srv.url,
    tenants: tenants.map(publicTenant),
    requests: st.srv.log.entries,
    faults: st.srv.faults.list,
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
      if (overrides.atMs !== undefined) st.lastMutationMs = Math.max(st.lastMutationMs, ms);
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

    clearRequests() { st.srv.log.clear(); },
    apiRequests() { return st.srv.log.entries.filter((r) => !/^\/(connect|\.well-known)(\/|$)/i.test(r.path)); },
    tokenRequests() { return st.srv.log.entries.filter((r) => r.path.toLowerCase() === '/connect/token'); },

    addFault(f) {
      if (!f || (typeof f.path !== 'string' && !(f.path instanceof RegExp))) throw new Error('fault.path must be a string or RegExp');
      if (![429, 500, 502, 503, 504].includes(f.status)) throw new Error('fault.status must be 429, 500, 502, 503 or 504');
      st.srv.faults.add(f);
    },

    /** The next matching requests answer these statuses in order (null = pass); see ../faults.js. */
    faultSequence(match, steps) {
      return st.srv.faults.sequence(match, steps);
    },

    /** The round trip added before every answer, from now on. */
    setLatency(ms) {
      st.srv.setLatency(ms);
    },

    setRandomFaults(cfg) {
      st.srv.faults.random(cfg, st.faultRng);
    },

    startChurn({ everyMs = 5000, create = 1, update = 2 } = {}) {
      api.stopChurn();
      st.churnTimer = setInterval(() => {
        if (st.srv.closed) return;
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
      if (st.churnTimer.unref) st.churnTimer.unref();
    },

    stopChurn() {
      if (st.churnTimer) clearInterval(st.churnTimer);
      st.churnTimer = null;
    },

    async close() {
      if (st.srv.closed) return;
      api.stopChurn();
      await st.srv.close();
    },
  };

  return { api, applyUpdate, requireReservation };
};
