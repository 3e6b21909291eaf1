import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { SinkName } from './sinks/sink-config.js';

/**
 * The SQL of a learner's data in the LRS (data protection: src/privacy). A learner is found by
 * the agent keys (agent-key.ts) their platform's identity modes give them: a statement is theirs
 * when one of those keys is anywhere in it (related_agents: actor, object, context, sub-statement).
 */

export function findLearnerStatements(db: Db, platformId: string, agentKeys: string[]) {
  return db
    .selectFrom('lrs_statements')
    .select(['id', 'stored', 'voided', 'statement'])
    .where('platform_id', '=', platformId)
    .where(sql<boolean>`related_agents && ${sql.val(agentKeys)}::text[]`)
    .orderBy('seq')
    .execute();
}

export async function findLearnerStatementIds(db: Db, platformId: string, agentKeys: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('lrs_statements')
    .select('id')
    .where('platform_id', '=', platformId)
    .where(sql<boolean>`related_agents && ${sql.val(agentKeys)}::text[]`)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.id);
}

export function findLearnerDocuments(db: Db, platformId: string, agentKeys: string[]) {
  return db
    .selectFrom('lrs_documents')
    .select(['kind', 'document_id', 'activity_id', 'registration', 'content_type', 'content', 'updated_at'])
    .where('platform_id', '=', platformId)
    .where('agent_key', 'in', agentKeys)
    .orderBy('updated_at')
    .execute();
}

/** The outbox rows of these statements: pending (not yet at the sink) or refused for good. */
export async function findOutboxRows(db: Db, platformId: string, statementIds: string[]): Promise<{ statement_id: string; sink: SinkName; status: string }[]> {
  if (statementIds.length === 0) return [];
  return db
    .selectFrom('lrs_sink_outbox')
    .select(['statement_id', 'sink', 'status'])
    .where('platform_id', '=', platformId)
    .where('statement_id', 'in', statementIds)
    .execute();
}

export interface LrsErasedCounts {
  lrs_statements: number;
  lrs_documents: number;
  lrs_sink_outbox: number;
  lrs_attachments: number;
}

/**
 * Deletes the learner's statements (no voiding: a voided statement is still stored), the outbox
 * rows that would have forwarded them, the attachments no other statement uses, and their documents.
 */
export async function deleteLearnerLrsRows(db: Db, platformId: string, agentKeys: string[]): Promise<LrsErasedCounts> {
  const { rows } = await sql<{ statements: string; outbox: string; attachments: string }>`
    with gone as (
      delete from lrs_statements
      where platform_id = ${platformId} and related_agents && ${sql.val(agentKeys)}::text[]
      returning id, attachment_hashes
    ), outbox as (
      delete from lrs_sink_outbox o using gone
      where o.platform_id = ${platformId} and o.statement_id = gone.id
      returning 1
    ), hashes as (
      select distinct unnest(attachment_hashes) as sha2 from gone where attachment_hashes is not null
    ), attachments as (
      delete from lrs_attachments a using hashes h
      where a.platform_id = ${platformId} and a.sha2 = h.sha2
        and not exists (
          select 1 from lrs_statements s
          where s.platform_id = ${platformId} and s.attachment_hashes @> array[h.sha2]
            and s.id not in (select id from gone)
        )
      returning 1
    )
    select (select count(*) from gone)::text as statements, (select count(*) from outbox)::text as outbox,
      (select count(*) from attachments)::text as attachments`.execute(db);
  const documents = await db.deleteFrom('lrs_documents').where('platform_id', '=', platformId).where('agent_key', 'in', agentKeys).executeTakeFirst();
  const r = rows[0]!;
  return {
    lrs_statements: Number(r.statements),
    lrs_documents: Number(documents.numDeletedRows),
    lrs_sink_outbox: Number(r.outbox),
    lrs_attachments: Number(r.attachments),
  };
}

/**
 * Deletes at most `limit` of the platform's statements stored before `cutoff`, oldest first, with
 * their outbox rows; returns how many. Bounded so that housekeeping never holds one long
 * transaction on the embedded database.
 */
export async function deleteStatementsStoredBefore(db: Db, platformId: string, cutoff: Date, limit: number): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    with gone as (
      delete from lrs_statements where platform_id = ${platformId} and seq in (
        select seq from lrs_statements where platform_id = ${platformId} and stored < ${cutoff} order by stored, seq limit ${limit}
      )
      returning id
    ), outbox as (
      delete from lrs_sink_outbox o using gone where o.platform_id = ${platformId} and o.statement_id = gone.id returning 1
    )
    select (select count(*) from gone)::text as n, (select count(*) from outbox) as o`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Deletes at most `limit` State and Agent Profile documents (they are about a person) untouched since `cutoff`. */
export async function deletePersonalDocumentsBefore(db: Db, platformId: string, cutoff: Date, limit: number): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    with gone as (
      delete from lrs_documents where (platform_id, scope_hash, document_id) in (
        select platform_id, scope_hash, document_id from lrs_documents
        where platform_id = ${platformId} and kind in ('state', 'agent-profile') and updated_at < ${cutoff}
        limit ${limit}
      )
      returning 1
    )
    select count(*)::text as n from gone`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
