import type { Statement } from '../xapi/xapi.types.js';
import { parseTimestamp } from './validation/iso8601.js';

/**
 * Statement comparison (xAPI 1.0.3 Data 2.3.1 "Statement Comparison Requirements"): decides
 * whether a statement sent again under a stored id is the same statement (no-op) or not (409),
 * and whether a signed statement matches its JWS payload (Data 2.6).
 *
 * Ignored, because they are exceptions to immutability (Data 2.3.1.b1–b7):
 * - what the LRS assigns: the top-level `id` (compared only when both have one), `timestamp`,
 *   `stored`, `authority`, `version`;
 * - Activity definitions and Verb displays (only the ids count);
 * - `attachments` (not part of the statement);
 * - the order of Group members, and of properties;
 * - case where the value is case-insensitive: UUIDs, mbox domains, SHA-1 hex, language tags.
 * Also treated as equal: a default `objectType` given or omitted, a single contextActivities
 * Activity and an array holding only it, and durations past 0.01 s (Data 4.6.s1.b5).
 * Everything else (result, extensions, context, names…) must be equal. Never throws: the signed
 * payload it is given may be any JSON.
 */
export function statementsMatch(a: Statement, b: Statement): boolean {
  const x = a as unknown as Json;
  const y = b as unknown as Json;
  if (!isObject(x) || !isObject(y)) return false;
  if (typeof x.id === 'string' && typeof y.id === 'string' && x.id.toLowerCase() !== y.id.toLowerCase()) return false;
  return deepEqual(comparable(x, false), comparable(y, false));
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);

/** The parts of a Statement (or SubStatement) that take part in the comparison, normalized. */
function comparable(s: Json, nested: boolean): Json {
  const out: Json = {
    actor: actor(s.actor),
    verb: isObject(s.verb) ? { id: s.verb.id } : s.verb,
    object: object(s.object),
    result: result(s.result),
    context: context(s.context),
  };
  // The timestamp of a SubStatement is the provider's (the LRS never sets it): compare instants.
  if (nested) out.timestamp = instant(s.timestamp);
  return out;
}

function actor(a: unknown): unknown {
  if (!isObject(a)) return a;
  const out: Json = { ...a, objectType: a.objectType ?? 'Agent' };
  if (typeof a.mbox === 'string') out.mbox = mbox(a.mbox);
  if (a.mbox_sha1sum !== undefined) out.mbox_sha1sum = lower(a.mbox_sha1sum);
  if (Array.isArray(a.member)) out.member = a.member.map(actor).sort(byJson);
  return out;
}

/** Data 2.3.1.b7: the domain of an e-mail address is case-insensitive. */
function mbox(value: string): string {
  const at = value.lastIndexOf('@');
  return at < 0 ? value : value.slice(0, at) + value.slice(at).toLowerCase();
}

function object(o: unknown): unknown {
  if (!isObject(o)) return o;
  switch (o.objectType ?? 'Activity') {
    case 'Activity': return { objectType: 'Activity', id: o.id };
    case 'Agent':
    case 'Group': return actor(o);
    case 'StatementRef': return { objectType: 'StatementRef', id: lower(o.id) };
    case 'SubStatement': return { objectType: 'SubStatement', ...comparable(o, true) };
    default: return o;
  }
}

function result(r: unknown): unknown {
  if (!isObject(r) || typeof r.duration !== 'string') return r;
  return { ...r, duration: duration(r.duration) };
}

/** Drops digits of the seconds past hundredths, and trailing zeros, e.g. PT1.2399S → PT1.23S. */
function duration(d: string): string {
  return d.replace(/(\d+)[.,](\d*)S$/, (_m, whole: string, frac: string) => {
    const kept = frac.slice(0, 2).replace(/0+$/, '');
    return kept ? `${whole}.${kept}S` : `${whole}S`;
  });
}

function context(c: unknown): unknown {
  if (!isObject(c)) return c;
  const out: Json = { ...c };
  if (c.registration !== undefined) out.registration = lower(c.registration);
  if (c.language !== undefined) out.language = lower(c.language);
  if (c.instructor !== undefined) out.instructor = actor(c.instructor);
  if (c.team !== undefined) out.team = actor(c.team);
  if (isObject(c.statement)) out.statement = object(c.statement);
  if (isObject(c.contextActivities)) {
    const activities: Json = {};
    for (const [key, value] of Object.entries(c.contextActivities)) {
      activities[key] = (Array.isArray(value) ? value : [value]).map(object);
    }
    out.contextActivities = activities;
  }
  for (const [key, inner] of [['contextAgents', 'agent'], ['contextGroups', 'group']] as const) {
    const list = c[key];
    if (Array.isArray(list)) out[key] = list.map((m) => (isObject(m) ? { ...m, [inner]: actor(m[inner]) } : m));
  }
  return out;
}

function instant(t: unknown): unknown {
  if (typeof t !== 'string') return t;
  return parseTimestamp(t)?.epochMs ?? t;
}

function byJson(p: unknown, q: unknown): number {
  const a = stableJson(p);
  const b = stableJson(q);
  return a < b ? -1 : a > b ? 1 : 0;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (isObject(v)) {
    return `{${Object.keys(v).filter((k) => v[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'undefined';
}

/** JSON equality that ignores property order; a property set to undefined counts as absent. */
function deepEqual(p: unknown, q: unknown): boolean {
  if (p === q) return true;
  if (Array.isArray(p)) return Array.isArray(q) && p.length === q.length && p.every((v, i) => deepEqual(v, q[i]));
  if (!isObject(p) || !isObject(q)) return false;
  const pk = Object.keys(p).filter((k) => p[k] !== undefined);
  const qk = Object.keys(q).filter((k) => q[k] !== undefined);
  return pk.length === qk.length && pk.every((k) => deepEqual(p[k], q[k]));
}
