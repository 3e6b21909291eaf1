import type { Agent, Group } from '../../xapi/xapi.types.js';
import { XapiError } from '../../xapi/xapi-error.js';
import { validateActor } from './actor.js';
import { requireStorableJson } from './storable-json.js';

/**
 * The `agent` parameter of the State, Agents and Agent Profile resources (xAPI 1.0.3
 * Communication 2.3–2.6): the JSON of an Agent (or identified Group), validated like a
 * statement's actor. Missing, unparsable or invalid → 400 naming the parameter. Its strings
 * become agent keys in queries and rows, so NUL, lone surrogates (JSON escapes can carry both)
 * and deep nesting are refused first, as in statements (storable-json.ts).
 */
export function parseAgentParameter(value: string | undefined, name = 'agent'): Agent | Group {
  if (value === undefined || value === '') throw new XapiError(400, `${name}: is required`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new XapiError(400, `${name}: is not valid JSON`);
  }
  requireStorableJson(parsed, name);
  return validateActor(parsed, name);
}
