import { allows, type LrsAccess, type LrsPrincipal } from '../credentials/lrs-principal.js';
import { parseAgentParameter } from '../statements/validation/agent-parameter.js';
import { parseTimestamp } from '../statements/validation/iso8601.js';
import { exceedsBytes, iriProblem, isUuid, tooLong } from '../statements/validation/primitives.js';
import { agentKey } from '../xapi/agent-key.js';
import { XapiError } from '../xapi/xapi-error.js';

/**
 * Parameters of the document, Activities and Agents resources (xAPI 1.0.3 Communication
 * 2.3–2.7). Each reader throws 400 naming the parameter (3.2): names are case-sensitive and a
 * name the resource does not know is refused (3.2.s2.b1).
 */
type Params = Record<string, string>;

/** 403 when the credential's scopes do not cover the access (Communication 4.2). */
export function requireAccess(principal: LrsPrincipal, access: LrsAccess): void {
  if (!allows(principal, access)) throw new XapiError(403, `This credential's scopes do not allow ${access}.`);
}

export function refuseUnknownParameters(params: Params, known: readonly string[]): void {
  for (const name of Object.keys(params)) {
    if (!known.includes(name)) {
      throw new XapiError(400, `${name}: is not a parameter of this resource here; it takes ${known.join(', ')} (names are case-sensitive).`);
    }
  }
}

export function requireActivityId(params: Params, name = 'activityId'): string {
  const value = params[name];
  if (value === undefined || value === '') throw new XapiError(400, `${name}: is required`);
  const problem = iriProblem(value);
  if (problem) throw new XapiError(400, `${name}: ${problem}`);
  return value;
}

/** The agent parameter's key: the Agent (or identified Group) by its inverse functional identifier. */
export function requireAgentKey(params: Params): string {
  const agent = parseAgentParameter(params.agent, 'agent');
  const key = agentKey(agent);
  if (key === undefined) throw new XapiError(400, 'agent: must have an identifier (mbox, mbox_sha1sum, openid or account)');
  return key;
}

/** registration (2.3.s3.table1.row3): a UUID, lower-cased so that either case finds the same state; '' when absent. */
export function optionalRegistration(params: Params): string {
  const value = params.registration;
  if (value === undefined) return '';
  if (!isUuid(value)) throw new XapiError(400, `registration: ${JSON.stringify(value)} is not a UUID`);
  return value.toLowerCase();
}

/**
 * Longest stateId / profileId kept, in UTF-8 bytes: ids are names a client picks ("bookmark",
 * a UUID), not content, and the id is part of the documents' primary key, whose entries
 * PostgreSQL caps at about 2704 bytes (1000 CJK characters would be 3000).
 */
const MAX_DOCUMENT_ID_BYTES = 1000;

/** stateId / profileId; undefined when absent (Multiple Document GET and DELETE). */
export function optionalDocumentId(params: Params, name: 'stateId' | 'profileId'): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value === '') throw new XapiError(400, `${name}: must not be empty`);
  if (exceedsBytes(value, MAX_DOCUMENT_ID_BYTES)) throw new XapiError(400, `${name}: ${tooLong(value, MAX_DOCUMENT_ID_BYTES)}`);
  return value;
}

export function requireDocumentId(params: Params, name: 'stateId' | 'profileId'): string {
  const value = optionalDocumentId(params, name);
  if (value === undefined) throw new XapiError(400, `${name}: is required`);
  return value;
}

/** since (2.3.s4.table1.row4): an ISO 8601 timestamp, read as UTC without a zone. */
export function optionalSince(params: Params): Date | undefined {
  const value = params.since;
  if (value === undefined) return undefined;
  const parsed = parseTimestamp(value);
  if (!parsed) throw new XapiError(400, `since: ${JSON.stringify(value)} is not an ISO 8601 timestamp`);
  return new Date(parsed.epochMs);
}
