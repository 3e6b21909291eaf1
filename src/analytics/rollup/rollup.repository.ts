import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { StatementFields } from './statement-facts.js';

/** One statement as the refresh reads it: the fields the facts need, and its voiding state. */
export interface RollupStatement extends StatementFields {
  seq: string;
  id: string;
  voided: boolean;
  isVoiding: boolean;
  /** For a voiding statement: the statement it voids. */
  targetId: string | null;
}

/** The platform's watermark row, locked until the transaction ends (one refresh at a time per platform). */
export async function lockWatermark(db: Db, platformId: string, definitions: number): Promise<{ lastSeq: string; definitions: number }> {
  await db.insertInto('analytics_watermarks').values({ platform_id: platformId, last_seq: 0, definitions }).onConflict((oc) => oc.column('platform_id').doNothing()).execute();
  const row = await db.selectFrom('analytics_watermarks').select(['last_seq', 'definitions']).where('platform_id', '=', platformId).forUpdate().executeTakeFirstOrThrow();
  return { lastSeq: String(row.last_seq), definitions: row.definitions };
}

export async function saveWatermark(db: Db, platformId: string, lastSeq: string, definitions: number): Promise<void> {
  await db.updateTable('analytics_watermarks').set({ last_seq: lastSeq, definitions, refreshed_at: new Date() }).where('platform_id', '=', platformId).execute();
}

/** The newest statement of the platform stored before `before` ('0' when none). */
export async function maxStatementSeq(db: Db, platformId: string, before: Date): Promise<string> {
  const row = await db
    .selectFrom('lrs_statements')
    .select(sql<string | null>`max(seq)::text`.as('seq'))
    .where('platform_id', '=', platformId)
    .where('stored', '<', before)
    .executeTakeFirst();
  return row?.seq ?? '0';
}

/** Platforms whose statements go beyond their watermark (or that have statements and no watermark). */
export async function listPlatformsBehind(db: Db): Promise<string[]> {
  const rows = await sql<{ platform_id: string }>`
    select p.id as platform_id from platforms p
    left join analytics_watermarks w on w.platform_id = p.id
    where exists (select 1 from lrs_statements s where s.platform_id = p.id and s.seq > coalesce(w.last_seq, 0))
  `.execute(db);
  return rows.rows.map((r) => r.platform_id);
}

/**
 * Statements after `afterSeq` up to `untilSeq`, in insertion order, at most `limit`. What the
 * facts need and no more: the indexed columns, the timestamp, the activity type of an
 * `initialized` only (video or classroom), and of the statement's activities (related_activities:
 * object and context activities) only those under one of `prefixes` (courses, LMS modules).
 */
export async function readStatements(db: Db, platformId: string, afterSeq: string, untilSeq: string, limit: number, coursePrefixes: string[]): Promise<RollupStatement[]> {
  const rows = await sql<{
    seq: string; id: string; actor_key: string | null; actor_type: string | null; verb_id: string; object_activity_id: string | null;
    activity_type: string | null; registration: string | null; courses: string[] | null; ts: string | null; stored_ms: number;
    voided: boolean; is_voiding: boolean; object_statement_id: string | null;
  }>`
    select seq::text as seq, id::text as id, actor_key, statement #>> '{actor,objectType}' as actor_type, verb_id, object_activity_id,
      case when verb_id = 'http://adlnet.gov/expapi/verbs/initialized' then statement #>> '{object,definition,type}' end as activity_type,
      registration::text as registration,
      (select array_agg(a) from unnest(related_activities) a where a like any (${coursePrefixes.map((p) => `${escapeLike(p)}%`)}::text[])) as courses,
      statement ->> 'timestamp' as ts, (extract(epoch from stored) * 1000)::float8 as stored_ms, voided, is_voiding, object_statement_id::text as object_statement_id
    from lrs_statements
    -- Ordered by the bigint column, not the text alias of the same name.
    where platform_id = ${platformId} and seq > ${afterSeq}::bigint and seq <= ${untilSeq}::bigint
    order by lrs_statements.seq limit ${limit}
  `.execute(db);
  return rows.rows.map((r) => ({
    seq: r.seq,
    id: r.id,
    actorKey: r.actor_key,
    actorIsGroup: r.actor_type === 'Group',
    verbId: r.verb_id,
    activityId: r.object_activity_id,
    activityType: r.activity_type,
    registration: r.registration,
    contextActivityIds: r.courses ?? [],
    timestamp: r.ts,
    stored: new Date(Number(r.stored_ms)),
    voided: r.voided,
    isVoiding: r.is_voiding,
    targetId: r.object_statement_id,
  }));
}

function escapeLike(prefix: string): string {
  return prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** For each statement id: the seq of the first statement that voids it. */
export async function firstVoidingSeqs(db: Db, platformId: string, targetIds: string[]): Promise<Map<string, string>> {
  if (!targetIds.length) return new Map();
  const rows = await db
    .selectFrom('lrs_statements')
    .select([sql<string>`object_statement_id::text`.as('target'), sql<string>`min(seq)::text`.as('seq')])
    .where('platform_id', '=', platformId)
    .where('is_voiding', '=', true)
    .where('object_statement_id', 'in', targetIds)
    .groupBy('object_statement_id')
    .execute();
  return new Map(rows.map((r) => [r.target, r.seq]));
}

/** The statements these ids name, with the fields their facts need (the targets of voiding statements). */
export async function readStatementsByIds(db: Db, platformId: string, ids: string[], coursePrefixes: string[]): Promise<RollupStatement[]> {
  if (!ids.length) return [];
  const out: RollupStatement[] = [];
  for (const id of ids) {
    const row = await db.selectFrom('lrs_statements').select(sql<string>`seq::text`.as('seq')).where('platform_id', '=', platformId).where('id', '=', id).executeTakeFirst();
    if (!row) continue;
    const before = (BigInt(row.seq) - 1n).toString();
    out.push(...(await readStatements(db, platformId, before, row.seq, 1, coursePrefixes)));
  }
  return out;
}

/** Empties the platform's rollups (course by course: the tables are keyed by course) and sets its watermark back to the start. */
export async function clearRollups(db: Db, platformId: string, definitions: number): Promise<void> {
  const courses = db.selectFrom('lti_contexts as c').innerJoin('deployments as d', 'd.id', 'c.deployment_id').select('c.id').where('d.platform_id', '=', platformId);
  await db.deleteFrom('analytics_daily').where('context_id', 'in', courses).execute();
  await db.deleteFrom('analytics_learner_days').where('context_id', 'in', courses).execute();
  await db.deleteFrom('analytics_learners').where('context_id', 'in', courses).execute();
  // The rebuild may end on the same watermark with other definitions: no view kept from before is
  // served again; they stay listed, so that the job recomputes the ones read lately.
  await db.updateTable('analytics_views').set({ version: 'rebuilt' }).where('platform_id', '=', platformId).execute();
  await saveWatermark(db, platformId, '0', definitions);
}
