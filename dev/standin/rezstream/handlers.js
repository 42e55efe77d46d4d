'use strict';
/* rezStream stand-in: the API handlers (reservations, inventory, availability, rates). */
const { parseDay, fmtDay, fmtTs } = require('../dates');
const { CALENDAR_MAX_DAYS, NIGHTLY_MAX_DAYS, UUID_RE } = require('./constants');
const { clone } = require('../core');

module.exports = function install(st) {
  const { cursorPage, fullOf, linkHeader, nightlyFor, offsetPage, parseLimit, parseSkip, parseWindow, pubProperty, pubRate, pubUnit, pubUnitType, publicTenant, q, reservationsById, reservedRateOf, send, sendJson, sendProblem, sendValidation, summaryOf, tenantById, transformList } = st;

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
      overlapList(ctx, '/availability/blocks/byDate', ctx.tenant.blocks, clone, false);
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
    // ASSUMPTION: `to` exclusive here (the doc's example is a year window 2023-01-01..2024-01-01)
    // although calendars are inclusive.
    return overlapList(ctx, canonicalPath, ctx.tenant.reservations, mapItem, true);
  }

  /**
   * Records whose stay overlaps [from, to), compared as plain date strings, sorted by (arrival,
   * id), offset-paged with Link relations; `hooked`: the transformList test hook may rewrite it.
   */
  function overlapList(ctx, canonicalPath, records, mapItem, hooked) {
    const errors = {};
    const { from, to } = parseWindow(ctx, errors, {});
    const limit = parseLimit(ctx, errors);
    const skip = parseSkip(ctx, errors);
    if (Object.keys(errors).length) return sendValidation(ctx, errors);
    const fromS = fmtDay(from);
    const toS = fmtDay(to);
    const items = records
      .filter((r) => r.arrival < toS && r.departure > fromS)
      .sort((a, b) => (a.arrival < b.arrival ? -1 : a.arrival > b.arrival ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const { page, links } = offsetPage(ctx, canonicalPath, items, skip, limit, [['from', q(ctx, 'from')], ['to', q(ctx, 'to')]]);
    const out = hooked ? transformList(ctx, page.map(mapItem), links) : { items: mapItem(page), links };
    return sendJson(ctx, 200, out.items, { Link: linkHeader(ctx, out.links) });
  }

  return { handlers, byDateList };
};
