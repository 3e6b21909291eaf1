import type { LanguageMap } from '../../xapi/xapi.types.js';
import { fail, isObject, show } from './primitives.js';

/**
 * RFC 5646 language tags and xAPI language maps (xAPI 1.0.3 Data 4.2, Data 2.2.s4.b2: "the LRS
 * MUST at least validate that the sequence of token lengths for language map keys matches
 * the RFC 5646 standard"). Well-formedness only: subtags are not checked against the registry.
 */

// RFC 5646 §2.2.8: irregular grandfathered tags that the langtag production does not cover.
const IRREGULAR = new Set([
  'en-gb-oed', 'i-ami', 'i-bnn', 'i-default', 'i-enochian', 'i-hak', 'i-klingon', 'i-lux', 'i-mingo',
  'i-navajo', 'i-pwn', 'i-tao', 'i-tay', 'i-tsu', 'sgn-be-fr', 'sgn-be-nl', 'sgn-ch-de',
]);

const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;

function every(s: string, test: (c: number) => boolean): boolean {
  for (let i = 0; i < s.length; i++) if (!test(s.charCodeAt(i))) return false;
  return true;
}
const alpha = (s: string, min: number, max: number) => s.length >= min && s.length <= max && every(s, isAlpha);
const alnum = (s: string, min: number, max: number) =>
  s.length >= min && s.length <= max && every(s, (c) => isAlpha(c) || isDigit(c));

/** True when `tag` is a well-formed RFC 5646 Language-Tag (langtag, privateuse or grandfathered). */
export function isLanguageTag(tag: string): boolean {
  if (tag.length === 0 || tag.length > 255) return false;
  if (isCommonTag(tag)) return true;
  const lower = tag.toLowerCase();
  if (IRREGULAR.has(lower)) return true;
  const parts = lower.split('-');
  if (parts[0] === 'x') return isPrivateUse(parts, 0);
  let i = 0;
  const first = parts[i++]!;
  // language: 2-3 letters (+ up to three 3-letter extlangs), or 4 letters, or 5-8 letters.
  if (alpha(first, 2, 3)) {
    for (let n = 0; n < 3 && i < parts.length && alpha(parts[i]!, 3, 3); n++) i++;
  } else if (!alpha(first, 4, 8)) return false;
  if (i < parts.length && alpha(parts[i]!, 4, 4)) i++; // script
  if (i < parts.length && (alpha(parts[i]!, 2, 2) || (parts[i]!.length === 3 && every(parts[i]!, isDigit)))) i++; // region
  while (i < parts.length && isVariant(parts[i]!)) i++;
  const singletons = new Set<string>();
  while (i < parts.length && parts[i]!.length === 1 && parts[i] !== 'x') {
    const singleton = parts[i]!;
    if (!alnum(singleton, 1, 1) || singletons.has(singleton)) return false;
    singletons.add(singleton);
    i++;
    const start = i;
    while (i < parts.length && alnum(parts[i]!, 2, 8)) i++;
    if (i === start) return false;
  }
  if (i < parts.length && parts[i] === 'x') return isPrivateUse(parts, i);
  return i === parts.length;
}

/** Fast path for the tags nearly every statement uses: `ll`, `lll`, `ll-RR`. */
function isCommonTag(t: string): boolean {
  const c = (i: number) => isAlpha(t.charCodeAt(i));
  if (t.length === 2) return c(0) && c(1);
  if (t.length === 3) return c(0) && c(1) && c(2);
  return t.length === 5 && c(0) && c(1) && t[2] === '-' && c(3) && c(4);
}

function isVariant(s: string): boolean {
  return alnum(s, 5, 8) || (s.length === 4 && isDigit(s.charCodeAt(0)) && alnum(s, 4, 4));
}

function isPrivateUse(parts: string[], at: number): boolean {
  if (at + 1 >= parts.length) return false;
  for (let i = at + 1; i < parts.length; i++) if (!alnum(parts[i]!, 1, 8)) return false;
  return true;
}

export function requireLanguageTag(value: unknown, path: string): string {
  if (typeof value !== 'string' || !isLanguageTag(value)) fail(path, `${show(value)} is not an RFC 5646 language tag`);
  return value;
}

/** Data 4.2: an object whose keys are language tags and whose values are strings. */
export function validateLanguageMap(value: unknown, path: string): LanguageMap {
  if (!isObject(value)) fail(path, `${show(value)} is not a language map`);
  for (const key in value) {
    if (!isLanguageTag(key)) fail(path, `${show(key)} is not an RFC 5646 language tag`);
    const text = value[key];
    if (typeof text !== 'string') fail(`${path}.${key}`, `${show(text)} is not a string`);
  }
  return value as LanguageMap;
}
