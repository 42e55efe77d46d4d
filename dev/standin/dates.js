'use strict';
/*
 * Plain-date arithmetic for the stand-ins: day numbers since 1970-01-01, never through a
 * local-time Date; timestamps parsed and written like System.Text.Json.
 */

const DAY_MS = 86400000;
const TS_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:\d{2})$/i;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

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

module.exports = { DAY_MS, TS_RE, DATE_RE, isLeap, daysInMonth, parseDay, fmtDay, dayOfWeek, todayIn, parseTimestamp, fmtTs };
