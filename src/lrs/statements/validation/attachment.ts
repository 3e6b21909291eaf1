import type { Attachment } from '../../xapi/xapi.types.js';
import { validateLanguageMap } from './language.js';
import {
  fail, present, rejectUnknownKeys, requireArray, requireIri, requireObject, requireSha2,
  requireString, show,
} from './primitives.js';

const ATTACHMENT_KEYS = new Set(['usageType', 'display', 'description', 'contentType', 'length', 'sha2', 'fileUrl']);

/** Data 2.4.11: the Attachment objects of a statement (their headers, not their bytes). */
export function validateAttachments(value: unknown, path: string): Attachment[] {
  const list = requireArray(value, path);
  for (let i = 0; i < list.length; i++) validateAttachment(list[i], `${path}[${i}]`);
  return list as Attachment[];
}

function validateAttachment(value: unknown, path: string): void {
  const obj = requireObject(value, path);
  rejectUnknownKeys(obj, ATTACHMENT_KEYS, path);
  for (const key of ['usageType', 'display', 'contentType', 'length', 'sha2']) {
    if (!present(obj, key, path)) fail(`${path}.${key}`, 'is required');
  }
  requireIri(obj.usageType, `${path}.usageType`);
  validateLanguageMap(obj.display, `${path}.display`);
  if (present(obj, 'description', path)) validateLanguageMap(obj.description, `${path}.description`);
  requireMediaType(obj.contentType, `${path}.contentType`);
  if (typeof obj.length !== 'number' || !Number.isInteger(obj.length) || obj.length < 0) {
    fail(`${path}.length`, `${show(obj.length)} is not a non-negative integer`);
  }
  requireSha2(obj.sha2, `${path}.sha2`);
  if (present(obj, 'fileUrl', path)) requireIri(obj.fileUrl, `${path}.fileUrl`);
}

/** RFC 2046 Internet Media Type: `type/subtype` with optional parameters. */
function requireMediaType(value: unknown, path: string): void {
  const s = requireString(value, path);
  const slash = s.indexOf('/');
  const end = s.indexOf(';') < 0 ? s.length : s.indexOf(';');
  if (slash <= 0 || slash >= end - 1 || /\s/.test(s.slice(0, end).trim()) ) {
    fail(path, `${show(s)} is not an Internet Media Type`);
  }
}
