import type { Insertable } from 'kysely';
import { actorKeys, agentKey } from '../xapi/agent-key.js';
import { VOIDED_VERB, type Activity, type Actor, type Context, type StatementObject, type StoredStatement, type SubStatement } from '../xapi/xapi.types.js';
import type { LrsStatementsTable } from './statement.table.js';
import { attachmentHashes } from '../attachments/attachment-check.js';

/**
 * The row the store writes for one statement: the statement as JSON, and one column per query
 * filter of Communication 2.1.3 so that every filter is an index lookup, never a JSON scan.
 */
export function statementRow(platformId: string, statement: StoredStatement, credentialId: string | null): Insertable<LrsStatementsTable> {
  const object = statement.object;
  const relatedAgents = new Set<string>();
  const relatedActivities = new Set<string>();
  collectRelated(statement, relatedAgents, relatedActivities);
  for (const k of actorKeys(statement.authority)) relatedAgents.add(k);
  // SubStatements' attachments too: GET ?attachments=true returns every part a statement declared.
  const hashes = attachmentHashes([statement]);
  return {
    platform_id: platformId,
    id: statement.id,
    stored: statement.stored,
    verb_id: statement.verb.id,
    actor_key: agentKey(statement.actor) ?? null,
    object_activity_id: isActivity(object) ? object.id : null,
    object_agent_key: isActor(object) ? (agentKey(object) ?? null) : null,
    object_statement_id: object.objectType === 'StatementRef' ? object.id : null,
    registration: statement.context?.registration ?? null,
    related_agents: [...relatedAgents],
    related_activities: [...relatedActivities],
    is_voiding: statement.verb.id === VOIDED_VERB,
    credential_id: credentialId,
    attachment_hashes: hashes.length ? hashes : null,
    statement: JSON.stringify(statement),
  };
}

export function isActivity(object: StatementObject): object is Activity {
  return object.objectType === undefined || object.objectType === 'Activity';
}

function isActor(object: StatementObject): object is Actor {
  return object.objectType === 'Agent' || object.objectType === 'Group';
}

/** related_agents / related_activities (Communication 2.1.3): actor, object, context, and the same inside a SubStatement. */
function collectRelated(statement: { actor: Actor; object: StatementObject; context?: Context }, agents: Set<string>, activities: Set<string>): void {
  for (const k of actorKeys(statement.actor)) agents.add(k);
  const object = statement.object;
  if (isActivity(object)) activities.add(object.id);
  else if (isActor(object)) for (const k of actorKeys(object)) agents.add(k);
  else if (object.objectType === 'SubStatement') collectRelated(object as SubStatement, agents, activities);
  const context = statement.context;
  if (!context) return;
  if (context.instructor) for (const k of actorKeys(context.instructor)) agents.add(k);
  if (context.team) for (const k of actorKeys(context.team)) agents.add(k);
  for (const c of context.contextAgents ?? []) for (const k of actorKeys(c.agent)) agents.add(k);
  for (const c of context.contextGroups ?? []) for (const k of actorKeys(c.group)) agents.add(k);
  const ca = context.contextActivities;
  if (ca) for (const list of [ca.parent, ca.grouping, ca.category, ca.other]) for (const a of asArray(list)) activities.add(a.id);
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
