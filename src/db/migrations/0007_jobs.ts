import { sql, type Kysely } from 'kysely';

/**
 * The job queue (src/jobs). One row per job, kept after it ends (housekeeping prunes finished
 * jobs after 30 days) so teachers and operators can see what happened and retry.
 *
 * A worker claims a queued job that is due (`run_at`) with `for update skip locked`, marks it
 * running under a lease (`lease_until`, renewed by its heartbeat) and a claim token
 * (`locked_by`): every later write of that worker is guarded by the token, so a worker that lost
 * its lease (its job was taken over after it stopped heartbeating) cannot overwrite the new run.
 * A running job whose lease ended is claimable again. `cancel_requested` asks the worker running
 * a job to abort it. `platform_id` is null for jobs that belong to no platform.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table jobs (
      id text primary key,
      name text not null,
      payload jsonb not null,
      platform_id text references platforms(id) on delete cascade,
      status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
      priority integer not null default 0,
      run_at timestamptz not null default now(),
      attempts integer not null default 0,
      max_attempts integer not null default 5 check (max_attempts >= 1),
      progress double precision,
      progress_label text,
      last_error text,
      locked_by text,
      lease_until timestamptz,
      cancel_requested boolean not null default false,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      finished_at timestamptz
    );
    create index jobs_due on jobs (run_at) where status = 'queued';
    create index jobs_leased on jobs (lease_until) where status = 'running';
    create index jobs_finished on jobs (finished_at) where status in ('succeeded', 'failed', 'cancelled');
    create index jobs_platform on jobs (platform_id, created_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table jobs`.execute(db);
}
