import { XapiError } from '../../xapi/xapi-error.js';

/**
 * Checks shared by every part of a statement (xAPI 1.0.3 Data 4.0 "Special Data Types and
 * Rules"). Each check takes the value and its path (`statements[2].actor.mbox`) and throws
 * `XapiError(400, '<path>: <what is wrong>')`; hand-written, no regular expression that can
 * backtrack, because ingestion validates thousands of statements a second.
 */
export type XapiVersion = '1.0.3' | '2.0.0';

export interface ValidationOptions {
  version: XapiVersion;
}

export type Json = Record<string, unknown>;

export function fail(path: string, reason: string): never {
  throw new XapiError(400, `${path}: ${reason}`);
}

/** A short, bounded rendering of the offending value for messages. */
export function show(value: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function requireObject(value: unknown, path: string): Json {
  if (!isObject(value)) fail(path, `${show(value)} is not a JSON object`);
  return value;
}

export function requireArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, `${show(value)} is not an array`);
  return value;
}

export function requireString(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, `${show(value)} is not a string`);
  return value;
}

export function requireBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, `${show(value)} is not a boolean`);
  return value;
}

export function requireNumber(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, `${show(value)} is not a number`);
  return value;
}

/** Data 2.2: "The LRS rejects Statements … with any properties not defined" — `allowed` lists them. */
export function rejectUnknownKeys(obj: Json, allowed: ReadonlySet<string>, path: string): void {
  for (const key in obj) {
    if (!allowed.has(key)) fail(`${path}.${key}`, 'is not an allowed property here');
  }
}

/** A key present with `null` is invalid everywhere except inside extensions (Data 2.2). */
export function present(obj: Json, key: string, path: string): boolean {
  const value = obj[key];
  if (value === undefined) return false;
  if (value === null) fail(`${path}.${key}`, 'must not be null');
  return true;
}

const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** Length of the RFC 3986 scheme at the start of `s` (letter then letters, digits, + - .), 0 if none. */
function schemeLength(s: string): number {
  if (s.length === 0 || !isAlpha(s.charCodeAt(0))) return 0;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 58) return i;
    if (!(isAlpha(c) || isDigit(c) || c === 43 || c === 45 || c === 46)) return 0;
  }
  return 0;
}

/**
 * Longest values kept, in UTF-8 bytes. PostgreSQL refuses a B-tree or GIN entry over about
 * 2704 bytes, and these values are index keys: verb and activity ids, and the actor key
 * (`account:<homePage>|<name>`, `mbox:…`, `openid:…`) which shares lrs_statements_actor with the
 * verb id, so account (512 + 512) + verb (1024) stays well under the limit. Real IRIs and
 * addresses are far shorter (RFC 5321 §4.5.3.1.3 limits a mail path to 256 octets).
 */
export const MAX_IRI_BYTES = 1024;
export const MAX_ACCOUNT_PART_BYTES = 512;
export const MAX_MBOX_BYTES = 320;

/** True when `s` is longer than `max` bytes in UTF-8; measures only when the length cannot tell. */
export function exceedsBytes(s: string, max: number): boolean {
  if (s.length > max) return true;
  return s.length * 3 > max && Buffer.byteLength(s, 'utf8') > max;
}

/** The refusal message for a value over `max` bytes (the value itself is not repeated: it is long). */
export function tooLong(s: string, max: number): string {
  return `is ${Buffer.byteLength(s, 'utf8')} bytes long in UTF-8; this LRS keeps at most ${max} bytes here`;
}

export function requireMaxBytes(s: string, max: number, path: string): string {
  if (exceedsBytes(s, max)) fail(path, tooLong(s, max));
  return s;
}

/**
 * An absolute IRI (RFC 3987): a scheme, a colon, something after it, and no character an IRI
 * can never hold (spaces, controls, `<>"{}|\^` and backtick). Data 4.0 leaves stricter
 * checks optional; the suite's bad IRIs are relative references and plain words. Also no
 * longer than MAX_IRI_BYTES, so that every caller (query parameters too) refuses what the
 * database could not index.
 */
export function isIri(s: string): boolean {
  return !exceedsBytes(s, MAX_IRI_BYTES) && isIriSyntax(s);
}

function isIriSyntax(s: string): boolean {
  const n = schemeLength(s);
  if (n === 0 || n + 1 >= s.length) return false;
  for (let i = n + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c === 127) return false;
    if (c === 34 || c === 60 || c === 62 || c === 92 || c === 94 || c === 96 || c === 123 || c === 124 || c === 125) return false;
    if (c === 37 && !(i + 2 < s.length && isHex(s.charCodeAt(i + 1)) && isHex(s.charCodeAt(i + 2)))) return false;
  }
  return true;
}

/** Why `s` is not an IRI this LRS accepts, or undefined when it is one. */
export function iriProblem(s: string): string | undefined {
  if (exceedsBytes(s, MAX_IRI_BYTES)) return tooLong(s, MAX_IRI_BYTES);
  if (!isIriSyntax(s)) return `${show(s)} is not an absolute IRI`;
  return undefined;
}

export function requireIri(value: unknown, path: string): string {
  const s = requireString(value, path);
  const problem = iriProblem(s);
  if (problem) fail(path, problem);
  return s;
}

/** Data 2.4.2.3 `mbox`: "mailto:" followed by an email address, at most MAX_MBOX_BYTES. */
export function isMailto(s: string): boolean {
  const at = s.indexOf('@');
  return s.startsWith('mailto:') && at > 7 && at < s.length - 1 && !exceedsBytes(s, MAX_MBOX_BYTES) && isIriSyntax(s);
}

export function requireMailto(value: unknown, path: string): string {
  const s = requireString(value, path);
  requireMaxBytes(s, MAX_MBOX_BYTES, path);
  if (!isMailto(s)) fail(path, `${show(s)} is not a mailto: IRI`);
  return s;
}

/** Data 2.4.2.3 `mbox_sha1sum`: the hex SHA-1 of the mailto IRI (40 hex digits). */
export function requireSha1(value: unknown, path: string): string {
  const s = requireString(value, path);
  if (s.length !== 40 || !allHex(s)) fail(path, `${show(s)} is not a 40-digit hex SHA-1`);
  return s;
}

/** Attachment `sha2`: hex SHA-2 (224, 256, 384 or 512 bits). */
export function requireSha2(value: unknown, path: string): string {
  const s = requireString(value, path);
  if (![56, 64, 96, 128].includes(s.length) || !allHex(s)) fail(path, `${show(s)} is not a hex SHA-2 digest`);
  return s;
}

function allHex(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isHex(s.charCodeAt(i))) return false;
  return true;
}

/** Data 4.0 UUID: RFC 4122 text form, 8-4-4-4-12 hex digits, any variant and case. */
export function isUuid(s: string): boolean {
  if (s.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (!isHex(c)) return false;
  }
  return true;
}

export function requireUuid(value: unknown, path: string): string {
  const s = requireString(value, path);
  if (!isUuid(s)) fail(path, `${show(s)} is not a UUID`);
  return s;
}

/** Data 4.1: an extensions map — IRI keys, any JSON value (null included, Data 2.2.s4.b1.b1). */
export function validateExtensions(value: unknown, path: string): Record<string, unknown> {
  const obj = requireObject(value, path);
  for (const key in obj) {
    if (exceedsBytes(key, MAX_IRI_BYTES)) fail(path, `extension key ${show(key)} ${tooLong(key, MAX_IRI_BYTES)}`);
    if (!isIriSyntax(key)) fail(path, `extension key ${show(key)} is not an IRI`);
  }
  return obj;
}
