import { VOIDED_VERB, type Group, type Statement, type StatementObject, type SubStatement } from '../../xapi/xapi.types.js';
import { XapiError } from '../../xapi/xapi-error.js';
import { mapInSlices } from '../cooperative.js';
import { validateActivity, validateStatementRef } from './activity.js';
import { validateActor, validateAgent, validateGroup } from './actor.js';
import { validateAttachments } from './attachment.js';
import { validateContext } from './context.js';
import { requireTimestamp } from './iso8601.js';
import {
  fail, present, rejectUnknownKeys, requireObject, requireString, requireUuid, show,
  type Json, type ValidationOptions, type XapiVersion,
} from './primitives.js';
import { validateResult } from './result.js';
import { validateVerb } from './verb.js';

export type { ValidationOptions, XapiVersion } from './primitives.js';

/**
 * Statement validation (xAPI 1.0.3 Data 2.2–2.4, 2.0 where a 2.0.0 request allows more).
 * Returns the statement as received, except that single contextActivities values become
 * arrays (Data 2.4.6.2.s4.b3); the LRS sets id, stored, authority and version afterwards.
 */
const STATEMENT_KEYS = new Set([
  'id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'stored', 'authority', 'version', 'attachments',
]);
// Data 2.4.4.3.s8.b3: no id, stored, version or authority in a SubStatement.
const SUBSTATEMENT_KEYS = new Set(['objectType', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments']);

export function validateStatement(raw: unknown, options: ValidationOptions, path = 'statement'): Statement {
  const obj = requireObject(raw, path);
  rejectUnknownKeys(obj, STATEMENT_KEYS, path);
  if (present(obj, 'id', path)) requireUuid(obj.id, `${path}.id`);
  validateBody(obj, path, options.version, false);
  if (present(obj, 'stored', path)) requireTimestamp(obj.stored, `${path}.stored`, options.version);
  if (present(obj, 'authority', path)) validateAuthority(obj.authority, `${path}.authority`);
  if (present(obj, 'version', path)) requireStatementVersion(obj.version, `${path}.version`, options.version);
  if ((obj.verb as Json).id === VOIDED_VERB && (obj.object as Json).objectType !== 'StatementRef') {
    fail(`${path}.object`, 'a voiding statement (verb voided) must have a StatementRef object');
  }
  return obj as unknown as Statement;
}

/**
 * One statement or an array of them (the POST body of Communication 2.1.2). Array entries are
 * named `statements[i]` in messages; an empty array, or two statements with one id
 * (Communication 2.1.2.s2.b6), is refused.
 */
export function validateStatements(raw: unknown, options: ValidationOptions): Statement[] {
  if (!Array.isArray(raw)) return [validateStatement(raw, options)];
  const check = batchValidator(raw, options);
  return raw.map(check);
}

/** validateStatements for a large batch (an HTTP POST): the same checks, in slices that let other requests run. */
export async function validateStatementsInSlices(raw: unknown, options: ValidationOptions): Promise<Statement[]> {
  if (!Array.isArray(raw)) return [validateStatement(raw, options)];
  return mapInSlices(raw, batchValidator(raw, options));
}

function batchValidator(raw: unknown[], options: ValidationOptions): (item: unknown, i: number) => Statement {
  if (raw.length === 0) throw new XapiError(400, 'statements: the array is empty');
  const ids = new Set<string>();
  return (item, i) => {
    const statement = validateStatement(item, options, `statements[${i}]`);
    if (statement.id !== undefined) {
      const id = statement.id.toLowerCase();
      if (ids.has(id)) fail(`statements[${i}].id`, `${show(statement.id)} is used twice in this batch`);
      ids.add(id);
    }
    return statement;
  };
}

/** What a Statement and a SubStatement share: actor, verb, object, result, context, timestamp, attachments. */
function validateBody(obj: Json, path: string, version: XapiVersion, nested: boolean): void {
  for (const key of ['actor', 'verb', 'object']) if (!present(obj, key, path)) fail(`${path}.${key}`, 'is required');
  validateActor(obj.actor, `${path}.actor`);
  validateVerb(obj.verb, `${path}.verb`);
  const object = validateObject(obj.object, `${path}.object`, version, nested);
  if (present(obj, 'result', path)) validateResult(obj.result, `${path}.result`);
  if (present(obj, 'context', path)) {
    const objectIsActivity = object.objectType === undefined || object.objectType === 'Activity';
    validateContext(obj.context, `${path}.context`, version, objectIsActivity);
  }
  if (present(obj, 'timestamp', path)) requireTimestamp(obj.timestamp, `${path}.timestamp`, version);
  if (present(obj, 'attachments', path)) validateAttachments(obj.attachments, `${path}.attachments`);
}

/** Data 2.4.4: the object, by objectType (absent means Activity). */
function validateObject(value: unknown, path: string, version: XapiVersion, nested: boolean): StatementObject {
  const obj = requireObject(value, path);
  if (!present(obj, 'objectType', path)) return validateActivity(obj, path);
  switch (obj.objectType) {
    case 'Activity': return validateActivity(obj, path);
    case 'Agent': return validateAgent(obj, path);
    case 'Group': return validateGroup(obj, path);
    case 'StatementRef': return validateStatementRef(obj, path);
    case 'SubStatement':
      if (nested) fail(`${path}.objectType`, 'a SubStatement cannot contain a SubStatement');
      return validateSubStatement(obj, path, version);
    default:
      return fail(`${path}.objectType`, `${show(obj.objectType)} is not one of Activity, Agent, Group, StatementRef, SubStatement`);
  }
}

/** Data 2.4.4.3.s8: validated as a Statement, without id/stored/version/authority, not nested. */
function validateSubStatement(obj: Json, path: string, version: XapiVersion): SubStatement {
  rejectUnknownKeys(obj, SUBSTATEMENT_KEYS, path);
  validateBody(obj, path, version, true);
  return obj as unknown as SubStatement;
}

/**
 * Data 2.4.9.s3.b1: an Agent, or (3-legged OAuth) an anonymous Group of exactly two Agents.
 */
function validateAuthority(value: unknown, path: string): void {
  const actor = validateActor(value, path);
  if (actor.objectType !== 'Group') return;
  if (agentIdentified(actor)) fail(path, 'an authority Group must be anonymous');
  if (actor.member?.length !== 2) fail(`${path}.member`, 'an authority Group must have exactly two members');
}

const agentIdentified = (g: Group) =>
  g.mbox !== undefined || g.mbox_sha1sum !== undefined || g.openid !== undefined || g.account !== undefined;

/**
 * Data 2.4.10 and Communication 3.3: "1.0" or "1.0.x" (x a number) for 1.0.3; a 2.0.0 request
 * may also carry "2.0" or "2.0.x" statements.
 */
function requireStatementVersion(value: unknown, path: string, version: XapiVersion): void {
  const s = requireString(value, path);
  if (!isStatementVersion(s, version)) fail(path, `${show(s)} is not an accepted statement version`);
}

function isStatementVersion(s: string, version: XapiVersion): boolean {
  const major = s.slice(0, 3);
  if (major !== '1.0' && (major !== '2.0' || version === '1.0.3')) return false;
  if (s.length === 3) return true;
  if (s[3] !== '.' || s.length === 4) return false;
  for (let i = 4; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
