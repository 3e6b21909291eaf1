import type { Activity, ActivityDefinition, StatementRef } from '../../xapi/xapi.types.js';
import { validateLanguageMap } from './language.js';
import {
  fail, present, rejectUnknownKeys, requireArray, requireIri, requireObject, requireString,
  requireUuid, show, validateExtensions, type Json,
} from './primitives.js';

/**
 * Activities (xAPI 1.0.3 Data 2.4.4.1), their definitions and interaction components, and
 * Statement References (Data 2.4.4.3).
 */
const ACTIVITY_KEYS = new Set(['objectType', 'id', 'definition']);
const DEFINITION_KEYS = new Set([
  'name', 'description', 'type', 'moreInfo', 'interactionType', 'correctResponsesPattern',
  'choices', 'scale', 'source', 'target', 'steps', 'extensions',
]);
const COMPONENT_KEYS = new Set(['id', 'description']);
const STATEMENT_REF_KEYS = new Set(['objectType', 'id']);

/** Data 2.4.4.1.s15: the interaction component lists each interactionType supports. */
const COMPONENT_LISTS: Record<string, readonly string[]> = {
  'true-false': [], choice: ['choices'], 'fill-in': [], 'long-fill-in': [], matching: ['source', 'target'],
  performance: ['steps'], sequencing: ['choices'], likert: ['scale'], numeric: [], other: [],
};
const ALL_LISTS = ['choices', 'scale', 'source', 'target', 'steps'] as const;

export function validateActivity(value: unknown, path: string): Activity {
  const obj = requireObject(value, path);
  rejectUnknownKeys(obj, ACTIVITY_KEYS, path);
  if (present(obj, 'objectType', path) && obj.objectType !== 'Activity') {
    fail(`${path}.objectType`, `${show(obj.objectType)} is not "Activity"`);
  }
  if (!present(obj, 'id', path)) fail(`${path}.id`, 'is required');
  requireIri(obj.id, `${path}.id`);
  if (present(obj, 'definition', path)) validateDefinition(obj.definition, `${path}.definition`);
  return obj as unknown as Activity;
}

function validateDefinition(value: unknown, path: string): ActivityDefinition {
  const def = requireObject(value, path);
  rejectUnknownKeys(def, DEFINITION_KEYS, path);
  if (present(def, 'name', path)) validateLanguageMap(def.name, `${path}.name`);
  if (present(def, 'description', path)) validateLanguageMap(def.description, `${path}.description`);
  if (present(def, 'type', path)) requireIri(def.type, `${path}.type`);
  if (present(def, 'moreInfo', path)) requireIri(def.moreInfo, `${path}.moreInfo`);
  if (present(def, 'extensions', path)) validateExtensions(def.extensions, `${path}.extensions`);
  validateInteraction(def, path);
  return def as ActivityDefinition;
}

/**
 * Data 2.4.4.1.s13: a valid interactionType; the LRS MAY refuse interaction properties that do
 * not fit it (component lists the type does not support, or interaction properties without a type).
 */
function validateInteraction(def: Json, path: string): void {
  const hasType = present(def, 'interactionType', path);
  const lists = hasType ? COMPONENT_LISTS[def.interactionType as string] : undefined;
  if (hasType && !lists) fail(`${path}.interactionType`, `${show(def.interactionType)} is not an xAPI interactionType`);
  if (present(def, 'correctResponsesPattern', path)) {
    if (!hasType) fail(`${path}.correctResponsesPattern`, 'needs an interactionType');
    const patterns = requireArray(def.correctResponsesPattern, `${path}.correctResponsesPattern`);
    for (let i = 0; i < patterns.length; i++) requireString(patterns[i], `${path}.correctResponsesPattern[${i}]`);
  }
  for (const list of ALL_LISTS) {
    if (!present(def, list, path)) continue;
    if (!lists?.includes(list)) {
      fail(`${path}.${list}`, `is not an interaction component list of interactionType ${show(def.interactionType)}`);
    }
    validateComponents(def[list], `${path}.${list}`);
  }
}

/** Data 2.4.4.1.s15–s16: components with a string id (distinct within the list) and a description. */
function validateComponents(value: unknown, path: string): void {
  const components = requireArray(value, path);
  const ids = new Set<string>();
  for (let i = 0; i < components.length; i++) {
    const at = `${path}[${i}]`;
    const component = requireObject(components[i], at);
    rejectUnknownKeys(component, COMPONENT_KEYS, at);
    if (!present(component, 'id', at)) fail(`${at}.id`, 'is required');
    const id = requireString(component.id, `${at}.id`);
    if (id === '') fail(`${at}.id`, 'must not be empty');
    if (ids.has(id)) fail(`${at}.id`, `${show(id)} is used twice in this list`);
    ids.add(id);
    if (present(component, 'description', at)) validateLanguageMap(component.description, `${at}.description`);
  }
}

/** Data 2.4.4.3: `objectType` "StatementRef" and the UUID `id` of a statement. */
export function validateStatementRef(value: unknown, path: string): StatementRef {
  const obj = requireObject(value, path);
  rejectUnknownKeys(obj, STATEMENT_REF_KEYS, path);
  if (obj.objectType !== 'StatementRef') fail(`${path}.objectType`, `${show(obj.objectType)} is not "StatementRef"`);
  if (!present(obj, 'id', path)) fail(`${path}.id`, 'is required');
  requireUuid(obj.id, `${path}.id`);
  return obj as unknown as StatementRef;
}
