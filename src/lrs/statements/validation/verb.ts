import type { Verb } from '../../xapi/xapi.types.js';
import { validateLanguageMap } from './language.js';
import { fail, present, rejectUnknownKeys, requireIri, requireObject } from './primitives.js';

const VERB_KEYS = new Set(['id', 'display']);

/** Data 2.4.3: `id` (IRI, required) and `display` (language map). */
export function validateVerb(value: unknown, path: string): Verb {
  const obj = requireObject(value, path);
  rejectUnknownKeys(obj, VERB_KEYS, path);
  if (!present(obj, 'id', path)) fail(`${path}.id`, 'is required');
  requireIri(obj.id, `${path}.id`);
  if (present(obj, 'display', path)) validateLanguageMap(obj.display, `${path}.display`);
  return obj as unknown as Verb;
}
