import { XapiError } from '../xapi/xapi-error.js';
import { agentKey } from '../xapi/agent-key.js';
import { parseAgentParameter } from './validation/agent-parameter.js';
import { parseTimestamp } from './validation/iso8601.js';
import { iriProblem, isUuid } from './validation/primitives.js';

/** The filters of a statement query once parsed; `after` is the paging cursor (the last statement of the previous page). */
export interface StatementFilter {
  agent?: string;
  verb?: string;
  activity?: string;
  registration?: string;
  relatedAgents?: boolean;
  relatedActivities?: boolean;
  since?: Date;
  until?: Date;
  ascending?: boolean;
  credentialId?: string;
  after?: PageCursor;
}

/** Position in stored order: the stored time (ISO, ms) and seq of a statement. */
export interface PageCursor {
  stored: string;
  seq: string;
}

export type StatementFormat = 'exact' | 'ids' | 'canonical';

export interface StatementQuery {
  filter: StatementFilter;
  limit: number;
  format: StatementFormat;
  attachments: boolean;
}

const FILTER_PARAMS = ['agent', 'verb', 'activity', 'registration', 'related_activities', 'related_agents', 'since', 'until', 'limit', 'ascending'];
const KNOWN_PARAMS = new Set(['statementId', 'voidedStatementId', 'format', 'attachments', 'more', ...FILTER_PARAMS]);

/** Refuses parameters the Statement resource does not define (Communication 3.2: 400 on unknown parameters). */
export function checkStatementParams(params: Record<string, string>): void {
  const unknown = Object.keys(params).filter((k) => !KNOWN_PARAMS.has(k));
  if (unknown.length) throw new XapiError(400, `Unknown parameter${unknown.length > 1 ? 's' : ''} for /statements: ${unknown.join(', ')}.`);
  for (const single of ['statementId', 'voidedStatementId'] as const) {
    if (params[single] === undefined) continue;
    const others = Object.keys(params).filter((k) => k !== single && k !== 'format' && k !== 'attachments');
    if (others.length) throw new XapiError(400, `${single} can only be combined with format and attachments, not ${others.join(', ')}.`);
    if (!isUuid(params[single]!)) throw new XapiError(400, `${single} must be a UUID.`);
  }
}

export function parseFormat(params: Record<string, string>): { format: StatementFormat; attachments: boolean } {
  const format = params.format ?? 'exact';
  if (format !== 'exact' && format !== 'ids' && format !== 'canonical') throw new XapiError(400, `format must be exact, ids or canonical, not "${format}".`);
  return { format, attachments: parseBoolean(params, 'attachments') ?? false };
}

/** Parses the filter parameters of GET /statements (Communication 2.1.3 table). */
export function parseStatementQuery(params: Record<string, string>, maxLimit: number): StatementQuery {
  const filter: StatementFilter = {};
  if (params.agent !== undefined) {
    const key = agentKey(parseAgentParameter(params.agent, 'agent'));
    if (!key) throw new XapiError(400, 'agent: an anonymous Group cannot be used as a filter; give an Agent or an identified Group.');
    filter.agent = key;
  }
  if (params.verb !== undefined) filter.verb = iri(params.verb, 'verb');
  if (params.activity !== undefined) filter.activity = iri(params.activity, 'activity');
  if (params.registration !== undefined) {
    if (!isUuid(params.registration)) throw new XapiError(400, 'registration must be a UUID.');
    filter.registration = params.registration.toLowerCase();
  }
  filter.relatedAgents = parseBoolean(params, 'related_agents');
  filter.relatedActivities = parseBoolean(params, 'related_activities');
  filter.ascending = parseBoolean(params, 'ascending');
  if (params.since !== undefined) filter.since = timestamp(params.since, 'since');
  if (params.until !== undefined) filter.until = timestamp(params.until, 'until');
  let limit = maxLimit;
  if (params.limit !== undefined) {
    if (!/^\d+$/.test(params.limit)) throw new XapiError(400, 'limit must be a non-negative integer.');
    const asked = Number(params.limit);
    limit = asked === 0 ? maxLimit : Math.min(asked, maxLimit);
  }
  return { filter, limit, ...parseFormat(params) };
}

function parseBoolean(params: Record<string, string>, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new XapiError(400, `${name} must be true or false, not "${value}".`);
}

function iri(value: string, name: string): string {
  const problem = iriProblem(value);
  if (problem) throw new XapiError(400, `${name}: ${problem}`);
  return value;
}

function timestamp(value: string, name: string): Date {
  const parsed = parseTimestamp(value);
  if (!parsed) throw new XapiError(400, `${name} must be an ISO 8601 timestamp, not "${value}".`);
  return new Date(parsed.epochMs);
}
