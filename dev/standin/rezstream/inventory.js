'use strict';
/* rezStream stand-in: tenants, inventory, nightly prices and unit occupancy. */
const { parseDay, dayOfWeek } = require('../dates');

module.exports = function install(st) {
  const { rng } = st;

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


  return { buildTenant, bulkTenantDef, defaultNightly, nightlyFor, isFree, occupy, release, occupyReservation, releaseReservation };
};
