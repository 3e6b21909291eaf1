import type { Context } from '../../xapi/xapi.types.js';
import { validateActivity, validateStatementRef } from './activity.js';
import { validateActor, validateAgent, validateGroup } from './actor.js';
import { requireLanguageTag } from './language.js';
import {
  fail, isObject, present, rejectUnknownKeys, requireArray, requireIri, requireObject,
  requireString, requireUuid, show, validateExtensions, type Json, type XapiVersion,
} from './primitives.js';

/** xAPI 1.0.3 Data 2.4.6: the Context object; xAPI 2.0 adds contextAgents and contextGroups. */
const CONTEXT_KEYS = new Set([
  'registration', 'instructor', 'team', 'contextActivities', 'revision', 'platform', 'language',
  'statement', 'extensions',
]);
const CONTEXT_KEYS_2 = new Set([...CONTEXT_KEYS, 'contextAgents', 'contextGroups']);
const CONTEXT_ACTIVITY_KEYS = new Set(['parent', 'grouping', 'category', 'other']);

/**
 * `objectIsActivity`: Data 2.4.6.s4 allows `revision` and `platform` only when the statement's
 * object is an Activity. Single contextActivities values are wrapped in arrays in place, since
 * the LRS MUST return them as arrays (Data 2.4.6.2.s4.b3).
 */
export function validateContext(value: unknown, path: string, version: XapiVersion, objectIsActivity: boolean): Context {
  const obj = requireObject(value, path);
  rejectUnknownKeys(obj, version === '1.0.3' ? CONTEXT_KEYS : CONTEXT_KEYS_2, path);
  if (present(obj, 'registration', path)) requireUuid(obj.registration, `${path}.registration`);
  if (present(obj, 'instructor', path)) validateActor(obj.instructor, `${path}.instructor`);
  if (present(obj, 'team', path)) validateGroup(obj.team, `${path}.team`);
  if (present(obj, 'contextActivities', path)) validateContextActivities(obj.contextActivities, `${path}.contextActivities`);
  for (const key of ['revision', 'platform'] as const) {
    if (!present(obj, key, path)) continue;
    requireString(obj[key], `${path}.${key}`);
    if (!objectIsActivity) fail(`${path}.${key}`, 'is only allowed when the object is an Activity');
  }
  if (present(obj, 'language', path)) requireLanguageTag(obj.language, `${path}.language`);
  if (present(obj, 'statement', path)) validateStatementRef(obj.statement, `${path}.statement`);
  if (present(obj, 'extensions', path)) validateExtensions(obj.extensions, `${path}.extensions`);
  if (present(obj, 'contextAgents', path)) validateContextMembers(obj.contextAgents, `${path}.contextAgents`, 'contextAgent', 'agent');
  if (present(obj, 'contextGroups', path)) validateContextMembers(obj.contextGroups, `${path}.contextGroups`, 'contextGroup', 'group');
  return obj as Context;
}

/** Data 2.4.6.2: keys parent/grouping/category/other; each an Activity or an array of them. */
function validateContextActivities(value: unknown, path: string): void {
  const obj = requireObject(value, path);
  rejectUnknownKeys(obj, CONTEXT_ACTIVITY_KEYS, path);
  for (const key in obj) {
    const at = `${path}.${key}`;
    if (!present(obj, key, path)) continue;
    const entry = obj[key];
    if (isObject(entry)) {
      validateActivity(entry, at);
      obj[key] = [entry];
    } else {
      const list = requireArray(entry, at);
      for (let i = 0; i < list.length; i++) validateActivity(list[i], `${at}[${i}]`);
    }
  }
}

/**
 * xAPI 2.0 (IEEE 9274.1.1) 4.2.2.5: arrays of `{objectType: "contextAgent", agent, relevantTypes?}`
 * or `{objectType: "contextGroup", group, relevantTypes?}`; relevantTypes is a non-empty IRI list.
 */
function validateContextMembers(value: unknown, path: string, objectType: string, key: 'agent' | 'group'): void {
  const list = requireArray(value, path);
  const allowed = new Set(['objectType', key, 'relevantTypes']);
  for (let i = 0; i < list.length; i++) {
    const at = `${path}[${i}]`;
    const item: Json = requireObject(list[i], at);
    rejectUnknownKeys(item, allowed, at);
    if (item.objectType !== objectType) fail(`${at}.objectType`, `${show(item.objectType)} is not "${objectType}"`);
    if (!present(item, key, at)) fail(`${at}.${key}`, 'is required');
    if (key === 'agent') validateAgent(item.agent, `${at}.agent`);
    else validateGroup(item.group, `${at}.group`);
    if (present(item, 'relevantTypes', at)) {
      const types = requireArray(item.relevantTypes, `${at}.relevantTypes`);
      if (types.length === 0) fail(`${at}.relevantTypes`, 'must not be empty');
      for (let t = 0; t < types.length; t++) requireIri(types[t], `${at}.relevantTypes[${t}]`);
    }
  }
}
