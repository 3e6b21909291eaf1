import { fail, show, type XapiVersion } from './primitives.js';

/**
 * ISO 8601 timestamps and durations as xAPI uses them (xAPI 1.0.3 Data 4.5 and 4.6). A small
 * scanner instead of a regular expression: it also checks calendar ranges and yields the
 * instant, which the LRS needs to compare and to return timestamps in UTC (Data 4.5.s1.b6).
 */

interface Cursor {
  s: string;
  i: number;
}

/** Reads exactly `n` digits; -1 when they are not there. */
function digits(c: Cursor, n: number): number {
  if (c.i + n > c.s.length) return -1;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = c.s.charCodeAt(c.i + k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  c.i += n;
  return v;
}

function eat(c: Cursor, ch: string): boolean {
  if (c.s[c.i] !== ch) return false;
  c.i++;
  return true;
}

const daysIn = (y: number, m: number) =>
  m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;

export interface ParsedTimestamp {
  /** Milliseconds since the epoch (digits past milliseconds are dropped, Data 4.5.s1.b7). */
  epochMs: number;
  hasZone: boolean;
}

/**
 * Parses an ISO 8601 combined date and time, extended (`2015-01-02T03:04:05.678+01:00`) or
 * basic (`20150102T030405.678+0100`), with at least hours and minutes. A missing zone reads as
 * UTC. The RFC 3339 "unknown local offset" forms (`-00`, `-0000`, `-00:00`) are refused, as the
 * conformance suite requires. Undefined when `s` is not such a timestamp.
 */
export function parseTimestamp(s: string): ParsedTimestamp | undefined {
  const c: Cursor = { s, i: 0 };
  const year = digits(c, 4);
  if (year < 0) return undefined;
  const extended = eat(c, '-');
  const month = digits(c, 2);
  if (extended && !eat(c, '-')) return undefined;
  const day = digits(c, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (!eat(c, 'T') && !eat(c, 't')) return undefined;
  const hour = digits(c, 2);
  if (extended && !eat(c, ':')) return undefined;
  const minute = digits(c, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
  let second = 0;
  let ms = 0;
  if (extended ? eat(c, ':') : c.i < s.length && s.charCodeAt(c.i) >= 48 && s.charCodeAt(c.i) <= 57) {
    second = digits(c, 2);
    if (second < 0 || second > 59) return undefined;
    if (eat(c, '.') || eat(c, ',')) {
      const start = c.i;
      let scale = 100;
      while (c.i < s.length && s.charCodeAt(c.i) >= 48 && s.charCodeAt(c.i) <= 57) {
        ms += (s.charCodeAt(c.i) - 48) * scale;
        scale /= 10;
        c.i++;
      }
      if (c.i === start) return undefined;
      ms = Math.floor(ms);
    }
  }
  let offsetMin = 0;
  let hasZone = false;
  if (c.i < s.length) {
    hasZone = true;
    const sign = s[c.i];
    if (sign === 'Z' || sign === 'z') c.i++;
    else if (sign === '+' || sign === '-') {
      c.i++;
      const oh = digits(c, 2);
      let om = 0;
      // ±hh, ±hh:mm or ±hhmm: producers mix basic offsets with extended dates, so both are read.
      if (c.i < s.length) {
        eat(c, ':');
        om = digits(c, 2);
      }
      if (oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
      if (sign === '-' && oh === 0 && om === 0) return undefined;
      offsetMin = (sign === '-' ? -1 : 1) * (oh * 60 + om);
    } else return undefined;
  }
  if (c.i !== s.length) return undefined;
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMin * 60_000;
  return { epochMs, hasZone };
}

/**
 * Data 4.5: a Timestamp. xAPI 1.0.3 only says a zone SHOULD* be given; xAPI 2.0 requires it.
 */
export function requireTimestamp(value: unknown, path: string, version: XapiVersion): string {
  if (typeof value !== 'string') fail(path, `${show(value)} is not an ISO 8601 timestamp`);
  const parsed = parseTimestamp(value);
  if (!parsed) fail(path, `${show(value)} is not an ISO 8601 timestamp`);
  if (!parsed.hasZone && version !== '1.0.3') fail(path, `${show(value)} has no time zone`);
  return value;
}

/**
 * Data 4.6: an ISO 8601:2004 §4.4.3.2 duration, `PnYnMnDTnHnMnS` or `PnW` (weeks alone), at
 * least one component, a decimal fraction only on the last one. The alternative format
 * (`P0003-01-29T04:35:59`) is refused, as the spec says.
 */
export function isDuration(s: string): boolean {
  if (s.length < 3 || s[0] !== 'P') return false;
  const dateUnits = 'YMWD';
  const timeUnits = 'HMS';
  let i = 1;
  let inTime = false;
  let lastUnit = -1;
  let components = 0;
  let sawFraction = false;
  let sawWeek = false;
  while (i < s.length) {
    if (s[i] === 'T') {
      if (inTime || i + 1 >= s.length) return false;
      inTime = true;
      lastUnit = -1;
      i++;
      continue;
    }
    const start = i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
    if (i === start) return false;
    let fraction = false;
    if (s[i] === '.' || s[i] === ',') {
      const f = ++i;
      while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      if (i === f) return false;
      fraction = true;
    }
    const unit = (inTime ? timeUnits : dateUnits).indexOf(s[i] ?? '');
    if (unit < 0 || unit <= lastUnit || sawFraction) return false;
    if (!inTime && unit === 2) sawWeek = true;
    lastUnit = unit;
    sawFraction = fraction;
    components++;
    i++;
  }
  if (components === 0) return false;
  // Weeks cannot be combined with other components (Data 4.6 example: "P4W1D" is not valid).
  return !(sawWeek && components > 1);
}

export function requireDuration(value: unknown, path: string): string {
  if (typeof value !== 'string' || !isDuration(value)) fail(path, `${show(value)} is not an ISO 8601 duration`);
  return value;
}
