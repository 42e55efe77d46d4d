'use strict';
/* rezStream stand-in: what the API shows of its internal records. */
const { fmtTs } = require('../dates');
const { clone } = require('../core');

module.exports = function install(st) {
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

  return { summaryOf, reservedRateOf, fullOf, publicTenant, pubProperty, pubUnit, pubUnitType, pubRate };
};
