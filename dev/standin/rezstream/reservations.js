'use strict';
/* rezStream stand-in: generated reservations (groups, people, invoices), blocks and the tenants built at start. */
const { DAY_MS, parseDay, fmtDay, todayIn, parseTimestamp, fmtTs } = require('../dates');
const { round2 } = require('../core');
const demoData = require('./demo-data');

module.exports = function install(st) {
  const { apiNow, buildTenant, bulkTenantDef, dataOpts, isFree, nightlyFor, occupy, occupyReservation, opts, releaseReservation, reservationsById, rng, tenantById, tenants } = st;

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
    const t = Math.max(apiNow(), st.lastMutationMs + 1);
    st.lastMutationMs = t;
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
    for (const res of created) st.lastMutationMs = Math.max(st.lastMutationMs, res.updatedAtMs);
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

  function buildTenants() {
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
      const count = st.options.data && st.options.data.reservations !== undefined ? dataOpts.reservations : def.reservations;
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
  }

  return { findSlot, makePerson, rentalFor, makeUnitAssignment, refreshReservationDates, buildInvoices, statusFor, generateReservation, addReservation, nextMutationMs, populate, addBlocks, buildTenants };
};
