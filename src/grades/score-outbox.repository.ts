import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { GradeScoreRow } from './grades.table.js';

/**
 * All SQL of the score outbox (grade_scores). A score is inserted pending, claimed by a delivery
 * worker under a lease (`locked_until`: if the process dies, the row comes back when the lease
 * ends), then marked sent, retried later or failed. Claims of every process are serialized by a
 * transaction-scoped advisory lock, so "is a delivery of this learner's score in flight?" is
 * answered on committed data; `for update skip locked` passes over rows another transaction is
 * still writing.
 */
const CLAIM_LOCK = sql`pg_advisory_xact_lock(1634559080, 71)`;

export interface NewScore {
  id: string;
  platformId: string;
  resourceId: string;
  resourceLinkId: string | null;
  userId: string;
  scoreGiven: number;
  scoreMaximum: number;
  comment: string | null;
  activityProgress: string;
  gradingProgress: string;
  timestamp: Date;
  /** A line item already recorded… */
  lineItemId: string | null;
  /** … or one to record now (the activity's line item from the launch), when none is. */
  newLineItem: { id: string; contextId: string; url: string } | null;
}

/** One statement: the activity's line item when first seen, and the score, pending. */
export async function insertScore(db: Db, s: NewScore): Promise<GradeScoreRow> {
  const li = s.newLineItem;
  // When two first scores race on a new line item, the loser's subquery may not see the winner's
  // row yet: its score then waits with no line item and the worker attaches it.
  const result = await sql<GradeScoreRow>`
    with li as (
      insert into grade_line_items (id, platform_id, context_id, resource_id, resource_link_id, url)
      select ${li?.id ?? null}, ${s.platformId}, ${li?.contextId ?? null}, ${s.resourceId}, ${s.resourceLinkId}, ${li?.url ?? null}
      where ${li !== null}
      on conflict (platform_id, url) do nothing
      returning id)
    insert into grade_scores (id, platform_id, resource_id, resource_link_id, line_item_id, user_id, score_given, score_maximum,
      activity_progress, grading_progress, comment, score_timestamp)
    values (${s.id}, ${s.platformId}, ${s.resourceId}, ${s.resourceLinkId}, coalesce((select id from li), ${s.lineItemId}), ${s.userId},
      ${s.scoreGiven}, ${s.scoreMaximum}, ${s.activityProgress}, ${s.gradingProgress}, ${s.comment}, ${s.timestamp})
    returning *`.execute(db);
  return result.rows[0]!;
}

/** A claimed score with what its delivery needs. */
export interface ClaimedScore extends GradeScoreRow {
  line_item_url: string;
  user_sub: string;
  ags_scopes: string[] | null;
  client_id: string;
  auth_token_url: string;
  registered_via: 'manual' | 'dynamic';
}

/** Scores waiting for their line item to be found or created, one group per target. */
export interface ClaimedGroup {
  platform_id: string;
  resource_id: string | null;
  resource_link_id: string | null;
  attempts: number;
  /** The largest scoreMaximum of the waiting scores (a new line item's, when the resource has none). */
  score_maximum: number;
}

/**
 * In one transaction under the claim lock: line item groups to resolve, then scores to deliver.
 * Per (line item, learner) only the newest score not superseded is ever sent: older pending ones
 * become superseded (also when a newer one was already sent or failed), and a learner whose
 * delivery is in flight is skipped until it ends, so an older score can never arrive last.
 * Moodle keeps a grade's time to the second and refuses (409) a score that is not later than the
 * grade it holds: a learner's next score given within the same second as the last one sent is
 * sent (and recorded) one second after it.
 */
export async function claimWork(db: Db, limits: { slots: number; maxGroups: number; leaseMs: number; serialize: boolean }) {
  const claim = async (q: Kysely<Database>) => {
    const groupLimit = Math.min(limits.maxGroups, limits.slots);
    const groups = groupLimit > 0 ? await claimGroups(q, groupLimit, limits.leaseMs) : [];
    const scoreLimit = limits.slots - groups.length;
    const scores = scoreLimit > 0 ? await claimScores(q, scoreLimit, limits.leaseMs) : [];
    return { groups, scores };
  };
  // PGlite: one process owns the database (DATA_DIR lock) and each claim is one statement at a
  // time on its only connection: no other claim can come in between.
  if (!limits.serialize) return claim(db);
  return db.transaction().execute(async (trx) => {
    await sql`select ${CLAIM_LOCK}`.execute(trx);
    return claim(trx);
  });
}

async function claimScores(trx: Kysely<Database>, limit: number, leaseMs: number): Promise<ClaimedScore[]> {
  // Per key, read through indexes whatever its history: the newest row (never superseded: only
  // older rows are), the last one sent, and its pending rows (few: older ones are superseded).
  const result = await sql<ClaimedScore>`
    with due as (
      select seq, line_item_id, user_id from grade_scores
      where status = 'pending' and line_item_id is not null and next_attempt_at <= now()
        and (locked_until is null or locked_until <= now())
      -- No order: any due rows will do (a waiting one is claimed by a later claim), and the scan
      -- stops at the limit instead of sorting the whole backlog.
      limit ${limit * 4}
      for update skip locked),
    keys as materialized (
      select k.line_item_id, k.user_id,
        (select max(t.seq) from grade_scores t where t.line_item_id = k.line_item_id and t.user_id = k.user_id) as top,
        (select t.score_timestamp from grade_scores t where t.line_item_id = k.line_item_id and t.user_id = k.user_id and t.status = 'sent'
          order by t.seq desc limit 1) as last_sent,
        -- "limit 1" keeps it a lookup per key: as "exists", the planner may scan every pending row.
        (select true from grade_scores b where b.line_item_id = k.line_item_id and b.user_id = k.user_id and b.status = 'pending'
          and b.locked_until > now() limit 1) is not null as busy
      from (select distinct line_item_id, user_id from due) k),
    waiting as (
      select w.seq, k.line_item_id, k.user_id, w.next_attempt_at, k.top, k.last_sent
      from keys k cross join lateral (
        select s.seq, s.next_attempt_at from grade_scores s where s.line_item_id = k.line_item_id and s.user_id = k.user_id and s.status = 'pending') w
      where not k.busy),
    older as (
      update grade_scores s set status = 'superseded', locked_until = null
      from waiting w where s.seq = w.seq and w.seq < w.top
      returning s.seq),
    chosen as (
      select w.seq, w.line_item_id, w.user_id, w.last_sent from waiting w
      where w.seq = w.top and w.next_attempt_at <= now()
      order by w.seq limit ${limit})
    update grade_scores s set locked_until = now() + make_interval(secs => ${leaseMs / 1000}), attempts = s.attempts + 1,
      score_timestamp = greatest(s.score_timestamp, c.last_sent + interval '1 second')
    from chosen c
      join grade_line_items li on li.id = c.line_item_id
      join lti_users u on u.id = c.user_id
      join platforms p on p.id = li.platform_id
      left join lti_contexts x on x.id = li.context_id
    where s.seq = c.seq
    returning s.*, li.url as line_item_url, u.sub as user_sub, x.ags_scopes, p.client_id, p.auth_token_url, p.registered_via`.execute(trx);
  return result.rows;
}

/** Scores with no line item yet, grouped by what names their line item, each group under one lease. */
async function claimGroups(trx: Kysely<Database>, limit: number, leaseMs: number): Promise<ClaimedGroup[]> {
  const result = await sql<ClaimedGroup>`
    with due as (
      select platform_id, resource_id, resource_link_id from grade_scores
      where status = 'pending' and line_item_id is null and next_attempt_at <= now()
        and (locked_until is null or locked_until <= now())
      order by next_attempt_at limit ${limit * 8}
      for update skip locked),
    groups as (
      select distinct d.platform_id, d.resource_id, d.resource_link_id from due d
      where not exists (
        select 1 from grade_scores b
        where b.status = 'pending' and b.line_item_id is null and b.locked_until > now() and b.platform_id = d.platform_id
          and b.resource_id is not distinct from d.resource_id and b.resource_link_id is not distinct from d.resource_link_id)
      limit ${limit})
    update grade_scores s set locked_until = now() + make_interval(secs => ${leaseMs / 1000}), attempts = s.attempts + 1
    from groups g
    where s.status = 'pending' and s.line_item_id is null and s.platform_id = g.platform_id
      and s.resource_id is not distinct from g.resource_id and s.resource_link_id is not distinct from g.resource_link_id
    returning s.platform_id, s.resource_id, s.resource_link_id, s.attempts, s.score_maximum`.execute(trx);
  const byGroup = new Map<string, ClaimedGroup>();
  for (const row of result.rows) {
    const key = JSON.stringify([row.platform_id, row.resource_id, row.resource_link_id]);
    const seen = byGroup.get(key);
    byGroup.set(key, seen ? { ...seen, attempts: Math.max(seen.attempts, row.attempts), score_maximum: Math.max(seen.score_maximum, row.score_maximum) } : row);
  }
  return [...byGroup.values()];
}

type Group = Pick<ClaimedGroup, 'platform_id' | 'resource_id' | 'resource_link_id'>;

function inGroup(g: Group) {
  return sql`status = 'pending' and line_item_id is null and platform_id = ${g.platform_id}
    and resource_id is not distinct from ${g.resource_id} and resource_link_id is not distinct from ${g.resource_link_id}`;
}

/** The group's line item is known: its scores become deliverable now, with their whole budget of delivery attempts. */
export async function attachLineItem(db: Db, group: Group, lineItemId: string): Promise<number> {
  const result = await sql`update grade_scores set line_item_id = ${lineItemId}, locked_until = null, next_attempt_at = now(), attempts = 0,
    last_error = null, last_status = null where ${inGroup(group)}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** The group's line item could not be had: every score of the group waits (retryAt) or fails. */
export async function releaseGroup(db: Db, group: Group, outcome: { retryAt: Date | null; error: string; httpStatus: number | null }) {
  const status = outcome.retryAt ? 'pending' : 'failed';
  await sql`update grade_scores set status = ${status}, next_attempt_at = coalesce(${outcome.retryAt}::timestamptz, next_attempt_at), locked_until = null,
    last_error = ${outcome.error}, last_status = ${outcome.httpStatus} where ${inGroup(group)}`.execute(db);
}

export type DeliveryResult =
  | { id: string; status: 'sent' }
  | { id: string; status: 'pending'; retryAt: Date; error: string; httpStatus: number | null }
  | { id: string; status: 'failed'; error: string; httpStatus: number | null };

/** Ends deliveries (several in one statement) and lifts their leases. */
export async function recordDeliveries(db: Db, results: readonly DeliveryResult[]): Promise<void> {
  if (results.length === 0) return;
  const rows = results.map((r) =>
    r.status === 'sent'
      ? sql`(${r.id}::text, 'sent'::text, null::timestamptz, null::text, null::int)`
      : sql`(${r.id}::text, ${r.status}::text, ${r.status === 'pending' ? r.retryAt : null}::timestamptz, ${r.error}::text, ${r.httpStatus}::int)`,
  );
  await sql`
    update grade_scores s set status = v.status, locked_until = null, last_error = v.error, last_status = v.http_status,
      next_attempt_at = coalesce(v.retry_at, s.next_attempt_at), sent_at = case when v.status = 'sent' then now() else s.sent_at end
    from (values ${sql.join(rows)}) as v(id, status, retry_at, error, http_status)
    where s.id = v.id and s.status = 'pending'`.execute(db);
}

/** When the next pending score falls due (the worker sleeps until then, or its poll interval). */
export async function nextDueAt(db: Db): Promise<Date | undefined> {
  const row = await db
    .selectFrom('grade_scores')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row?.at ? new Date(row.at) : undefined;
}

/**
 * Failed scores of a resource (one learner or all) pending again, attempts from zero. Only a
 * learner's newest score is requeued: an older failed one stays failed and will not overwrite it.
 */
export async function requeueFailed(db: Db, q: { platformId: string; resourceId: string; userId?: string }): Promise<number> {
  const result = await sql`
    update grade_scores s set status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = null
    where s.platform_id = ${q.platformId} and s.resource_id = ${q.resourceId} and s.status = 'failed'
      and (${q.userId ?? null}::text is null or s.user_id = ${q.userId ?? null})
      and not exists (select 1 from grade_scores n where n.resource_id = s.resource_id and n.user_id = s.user_id and n.seq > s.seq)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Scores waiting for delivery and scores that failed for good, over every platform (metrics). */
export async function countOutboxScores(db: Db): Promise<{ pending: number; failed: number }> {
  const row = await db
    .selectFrom('grade_scores')
    .select([sql<string>`count(*) filter (where status = 'pending')`.as('pending'), sql<string>`count(*) filter (where status = 'failed')`.as('failed')])
    .where('status', 'in', ['pending', 'failed'])
    .executeTakeFirstOrThrow();
  return { pending: Number(row.pending), failed: Number(row.failed) };
}
