import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { JobRow, JobStatus } from './job.table.js';

/**
 * All SQL of the job queue. Writes of a run are guarded by its claim token (`locked_by`): once a
 * job's lease ended and another worker took it, the first worker's late writes change nothing.
 */
type Q = Kysely<Database>;

export interface NewJob {
  id: string;
  name: string;
  payload: unknown;
  platformId: string | null;
  priority: number;
  runAt: Date | undefined;
  maxAttempts: number;
}

export async function insertJob(db: Q, job: NewJob): Promise<JobRow> {
  return db
    .insertInto('jobs')
    .values({
      id: job.id,
      name: job.name,
      payload: JSON.stringify(job.payload),
      platform_id: job.platformId,
      priority: job.priority,
      max_attempts: job.maxAttempts,
      ...(job.runAt ? { run_at: job.runAt } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Whether a job of this name waits or runs for the platform (a periodic enqueuer adds no second one). */
export async function hasActiveJob(db: Q, name: string, platformId: string): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('name', '=', name)
    .where('platform_id', '=', platformId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Claims up to `limit` jobs this worker has handlers for: queued ones that are due, and running
 * ones whose lease ended (their worker died; one run more than `max_attempts` is allowed so that
 * the handler of a job whose last run crashed gets to mark its entity failed). Highest priority
 * first, then oldest. `for update skip locked`: concurrent claims on PostgreSQL never take the
 * same row, and none waits for another.
 */
export async function claimJobs(db: Q, q: { names: readonly string[]; limit: number; workerId: string; leaseSeconds: number }): Promise<JobRow[]> {
  if (q.names.length === 0 || q.limit <= 0) return [];
  const names = sql.join(q.names.map((n) => sql`${n}`));
  const result = await sql<JobRow>`
    update jobs j set status = 'running', attempts = j.attempts + 1, locked_by = ${q.workerId} || '#' || (j.attempts + 1),
      lease_until = now() + make_interval(secs => ${q.leaseSeconds}), started_at = now()
    from (
      select id from jobs
      where name in (${names})
        and ((status = 'queued' and run_at <= now())
          or (status = 'running' and lease_until < now() and not cancel_requested and attempts <= max_attempts))
      order by priority desc, run_at
      limit ${q.limit}
      for update skip locked) c
    where j.id = c.id
    returning j.*`.execute(db);
  return result.rows;
}

/**
 * Ends the running jobs whose worker died and that may not run again: cancelled when a cancel
 * was asked, failed when their runs are used up.
 */
export async function endAbandonedJobs(db: Q): Promise<number> {
  const result = await sql`
    update jobs set status = case when cancel_requested then 'cancelled' else 'failed' end,
      last_error = case when cancel_requested then last_error else 'The worker running this job stopped responding.' end,
      finished_at = now(), locked_by = null, lease_until = null
    where status = 'running' and lease_until < now() and (cancel_requested or attempts > max_attempts)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * On the embedded database one process owns the database, so a job still running at start was
 * left by a crash of this very tool: its lease ends now and the next claim takes it again.
 */
export async function expireRunningLeases(db: Q, names: readonly string[]): Promise<number> {
  if (names.length === 0) return 0;
  const result = await sql`update jobs set lease_until = now() - interval '1 second'
    where status = 'running' and name in (${sql.join(names.map((n) => sql`${n}`))})`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Extends the leases this worker holds; returns the tokens still held and whether a cancel was asked. */
export async function renewLeases(db: Q, tokens: readonly string[], leaseSeconds: number) {
  if (tokens.length === 0) return [];
  const result = await sql<{ locked_by: string; cancel_requested: boolean }>`
    update jobs set lease_until = now() + make_interval(secs => ${leaseSeconds})
    where status = 'running' and locked_by in (${sql.join(tokens.map((t) => sql`${t}`))})
    returning locked_by, cancel_requested`.execute(db);
  return result.rows;
}

/** The runs (by token) still held by this worker, with their cancel flag. */
export async function heldRuns(db: Q, tokens: readonly string[]) {
  if (tokens.length === 0) return [];
  return db
    .selectFrom('jobs')
    .select(['locked_by', 'cancel_requested'])
    .where('status', '=', 'running')
    .where('locked_by', 'in', tokens)
    .execute() as Promise<{ locked_by: string; cancel_requested: boolean }[]>;
}

export async function saveProgress(db: Q, id: string, token: string, progress: number, label: string | null): Promise<void> {
  await sql`update jobs set progress = ${progress}, progress_label = coalesce(${label}::text, progress_label)
    where id = ${id} and locked_by = ${token} and status = 'running'`.execute(db);
}

/** How a run ended. `released`: given back unfinished (shutdown), the run not counted. */
export type RunEnd =
  | { status: 'succeeded' }
  | { status: 'failed'; error: string }
  | { status: 'retry'; error: string; runAt: Date }
  | { status: 'cancelled' }
  | { status: 'released' };

export async function endRun(db: Q, id: string, token: string, end: RunEnd): Promise<boolean> {
  const guard = sql`id = ${id} and locked_by = ${token} and status = 'running'`;
  const free = sql`locked_by = null, lease_until = null`;
  let query;
  switch (end.status) {
    case 'succeeded':
      query = sql`update jobs set status = 'succeeded', progress = 1, finished_at = now(), ${free} where ${guard}`;
      break;
    case 'failed':
      query = sql`update jobs set status = 'failed', last_error = ${end.error}, finished_at = now(), ${free} where ${guard}`;
      break;
    // A cancel asked from another process while the run ended: it wins over running again.
    case 'retry':
      query = sql`update jobs set status = case when cancel_requested then 'cancelled' else 'queued' end, last_error = ${end.error},
        run_at = ${end.runAt}, finished_at = case when cancel_requested then now() end, ${free} where ${guard}`;
      break;
    case 'cancelled':
      query = sql`update jobs set status = 'cancelled', finished_at = now(), ${free} where ${guard}`;
      break;
    case 'released':
      query = sql`update jobs set status = case when cancel_requested then 'cancelled' else 'queued' end, attempts = greatest(attempts - 1, 0),
        run_at = now(), finished_at = case when cancel_requested then now() end, ${free} where ${guard}`;
      break;
  }
  const result = await query.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** When the next queued job of these names falls due (an idle worker sleeps until then, or its poll). */
export async function nextRunAt(db: Q, names: readonly string[]): Promise<Date | undefined> {
  if (names.length === 0) return undefined;
  const row = await db
    .selectFrom('jobs')
    .select((eb) => eb.fn.min('run_at').as('at'))
    .where('status', '=', 'queued')
    .where('name', 'in', names)
    .executeTakeFirst();
  return row?.at ? new Date(row.at) : undefined;
}

function scoped(platformId: string | undefined) {
  return platformId === undefined ? sql`true` : sql`platform_id = ${platformId}`;
}

/** A queued job is cancelled at once; a running one is asked to stop. Returns the status it has now. */
export async function requestCancel(db: Q, id: string, platformId?: string): Promise<JobStatus | undefined> {
  const result = await sql<{ status: JobStatus }>`
    update jobs set status = case when status = 'queued' then 'cancelled' else status end,
      finished_at = case when status = 'queued' then now() else finished_at end,
      cancel_requested = true
    where id = ${id} and status in ('queued', 'running') and ${scoped(platformId)}
    returning status`.execute(db);
  return result.rows[0]?.status;
}

/** A failed or cancelled job queued again, due now, with all its attempts. */
export async function requeueJob(db: Q, id: string, platformId?: string): Promise<boolean> {
  const result = await sql`
    update jobs set status = 'queued', attempts = 0, run_at = now(), cancel_requested = false, finished_at = null,
      progress = null, progress_label = null, last_error = null, locked_by = null, lease_until = null
    where id = ${id} and status in ('failed', 'cancelled') and ${scoped(platformId)}`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

export async function selectJob(db: Q, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function selectJobs(db: Q, q: { status?: JobStatus; platformId?: string; limit: number }): Promise<JobRow[]> {
  let query = db.selectFrom('jobs').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(q.limit);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.platformId) query = query.where('platform_id', '=', q.platformId);
  return query.execute();
}

/** Finished jobs older than `before` (housekeeping). */
export async function deleteFinishedJobs(db: Q, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('jobs')
    .where('status', 'in', ['succeeded', 'failed', 'cancelled'])
    .where('finished_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
