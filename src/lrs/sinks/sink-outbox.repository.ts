import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AttachmentPart } from '../attachments/attachment-part.js';
import type { SinkName } from './sink-config.js';
import type { SinkOutboxStatus } from './sink-outbox.table.js';

/**
 * All SQL of the forwarding outbox (lrs_sink_outbox). Rows are written with their statements,
 * claimed a batch at a time per sink (`for update skip locked`: several processes on one
 * PostgreSQL database never claim the same row; the claim's lease is `next_attempt_at`), then
 * deleted once delivered, given a retry time, or kept as failed with the sink's reason.
 */

type Q = Kysely<Database>;

/** One statement per sink, pending now: a single INSERT whatever the batch size. */
export async function insertOutboxRows(db: Q, sinks: readonly SinkName[], platformId: string, statementIds: readonly string[]): Promise<void> {
  await sql`
    insert into lrs_sink_outbox (platform_id, statement_id, sink)
    select ${platformId}, i.id, s.sink from unnest(${statementIds}::uuid[]) as i(id) cross join unnest(${sinks}::text[]) as s(sink)
    on conflict do nothing`.execute(db);
}

/** A claimed row with what its delivery needs: the statement as stored. */
export interface OutboxItem {
  platformId: string;
  statementId: string;
  /** Deliveries tried, this one included. */
  attempts: number;
  statement: Record<string, unknown>;
  stored: Date;
  attachmentHashes: string[] | null;
}

export type OutboxKey = Pick<OutboxItem, 'platformId' | 'statementId' | 'attempts'>;

/**
 * Up to `limit` due rows of a sink, leased for `leaseMs`, in the order the LRS stored them; `gone`:
 * claimed rows whose statement no longer exists (nothing to send).
 */
export async function claimOutboxBatch(db: Q, sink: SinkName, limits: { limit: number; leaseMs: number }): Promise<{ items: OutboxItem[]; gone: OutboxKey[] }> {
  const result = await sql<{ platform_id: string; statement_id: string; attempts: number; statement: Record<string, unknown> | null; stored: Date | string | null; attachment_hashes: string[] | null }>`
    with due as (
      select platform_id, statement_id from lrs_sink_outbox
      where sink = ${sink} and status = 'pending' and next_attempt_at <= now()
      order by next_attempt_at
      limit ${limits.limit}
      for update skip locked),
    claimed as (
      update lrs_sink_outbox o set attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => ${limits.leaseMs / 1000})
      from due where o.sink = ${sink} and o.platform_id = due.platform_id and o.statement_id = due.statement_id
      returning o.platform_id, o.statement_id, o.attempts)
    select c.platform_id, c.statement_id, c.attempts, s.statement, s.stored, s.attachment_hashes
    from claimed c left join lrs_statements s on s.platform_id = c.platform_id and s.id = c.statement_id
    order by s.seq`.execute(db);
  const items: OutboxItem[] = [];
  const gone: OutboxKey[] = [];
  for (const r of result.rows) {
    const key = { platformId: r.platform_id, statementId: r.statement_id, attempts: r.attempts };
    if (r.statement === null || r.stored === null) gone.push(key);
    else items.push({ ...key, statement: r.statement, stored: new Date(r.stored), attachmentHashes: r.attachment_hashes });
  }
  return { items, gone };
}

export type OutboxResult = OutboxKey &
  ({ outcome: 'delivered' } | { outcome: 'retry'; retryAt: Date; error: string } | { outcome: 'failed'; error: string });

/**
 * Ends the deliveries of a batch in one statement: delivered rows go, the others get their retry
 * time or fail. A retry or failure is written only while the row still holds this claim's
 * attempt count: a row whose lease ran out and was claimed again belongs to the new claim.
 */
export async function recordOutboxResults(db: Q, sink: SinkName, results: readonly OutboxResult[]): Promise<void> {
  if (results.length === 0) return;
  const col = <T>(f: (r: OutboxResult) => T) => results.map(f);
  await sql`
    with v as (
      select * from unnest(${col((r) => r.platformId)}::text[], ${col((r) => r.statementId)}::uuid[], ${col((r) => r.attempts)}::int[],
        ${col((r) => r.outcome)}::text[], ${col((r) => (r.outcome === 'retry' ? r.retryAt.toISOString() : null))}::timestamptz[],
        ${col((r) => (r.outcome === 'delivered' ? null : r.error))}::text[])
        as v(platform_id, statement_id, attempts, outcome, retry_at, error)),
    gone as (
      delete from lrs_sink_outbox o using v
      where v.outcome = 'delivered' and o.sink = ${sink} and o.platform_id = v.platform_id and o.statement_id = v.statement_id
      returning 1)
    update lrs_sink_outbox o
    set status = case when v.outcome = 'failed' then 'failed' else 'pending' end,
      next_attempt_at = coalesce(v.retry_at, o.next_attempt_at), last_error = v.error
    from v
    where v.outcome <> 'delivered' and o.sink = ${sink} and o.platform_id = v.platform_id and o.statement_id = v.statement_id
      and o.attempts = v.attempts and o.status = 'pending'`.execute(db);
}

/** When a pending row of the sink falls due next (a retry, or a lease that ends). */
export async function nextOutboxDueAt(db: Q, sink: SinkName): Promise<Date | undefined> {
  const row = await db
    .selectFrom('lrs_sink_outbox')
    .select((eb) => eb.fn.min('next_attempt_at').as('at'))
    .where('sink', '=', sink)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row?.at ? new Date(row.at) : undefined;
}

/** The stored attachment data among `sha2s` (attachments sent by fileUrl only have none). */
export async function findAttachmentParts(db: Q, platformId: string, sha2s: readonly string[]): Promise<AttachmentPart[]> {
  if (sha2s.length === 0) return [];
  const rows = await db
    .selectFrom('lrs_attachments')
    .select(['sha2', 'content_type', 'content'])
    .where('platform_id', '=', platformId)
    .where('sha2', 'in', [...sha2s])
    .execute();
  return rows.map((r) => ({ sha2: r.sha2, contentType: r.content_type, content: r.content }));
}

/** Failed rows (of one sink, or all; of one platform, or all) pending again now, attempts from zero; returns how many. */
export async function requeueFailedOutboxRows(db: Q, sink?: SinkName, platformId?: string): Promise<number> {
  let q = db.updateTable('lrs_sink_outbox').set({ status: 'pending', attempts: 0, next_attempt_at: new Date() }).where('status', '=', 'failed');
  if (sink) q = q.where('sink', '=', sink);
  if (platformId) q = q.where('platform_id', '=', platformId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface OutboxCount {
  sink: SinkName;
  status: SinkOutboxStatus;
  count: number;
}

/** Rows waiting or failed, per sink (for an administrator, and tests); of one platform when given. */
export async function countOutboxRows(db: Q, platformId?: string): Promise<OutboxCount[]> {
  let q = db.selectFrom('lrs_sink_outbox');
  if (platformId) q = q.where('platform_id', '=', platformId);
  const rows = await q
    .select(['sink', 'status', (eb) => eb.fn.countAll<string>().as('count')])
    .groupBy(['sink', 'status'])
    .orderBy('sink')
    .orderBy('status')
    .execute();
  return rows.map((r) => ({ sink: r.sink, status: r.status, count: Number(r.count) }));
}
