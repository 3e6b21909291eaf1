import { sql, type Kysely } from 'kysely';

/**
 * Data protection (docs/data-protection.md).
 *
 * platform_retention: a platform's own retention periods, in days; a null column keeps the
 * operator's default (RETENTION_* settings). A row of its own rather than columns of `platforms`
 * so that the table the launch reads on every request stays as it is.
 *
 * audit_log: one row per administrative action (CLI command, admin page action), written after
 * the action succeeded. `details` holds the action's arguments without secrets. It does not
 * reference platforms: the record of a platform's removal must outlive the platform.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table platform_retention (
      platform_id text primary key references platforms (id) on delete cascade,
      statements_days integer check (statements_days between 1 and 3650),
      video_views_days integer check (video_views_days between 1 and 3650),
      attendance_days integer check (attendance_days between 1 and 3650),
      launch_logs_days integer check (launch_logs_days between 1 and 3650),
      updated_at timestamptz not null default now()
    );
    create table audit_log (
      id bigint generated always as identity primary key,
      at timestamptz not null default now(),
      actor text not null,
      platform_id text,
      action text not null,
      target text,
      details jsonb not null default '{}'::jsonb
    );
    create index audit_log_at on audit_log (at);
    create index audit_log_platform on audit_log (platform_id, at) where platform_id is not null;
    create index lti_memberships_last_launch on lti_memberships (last_launch_at);
    create index video_views_updated on video_views (platform_id, updated_at);
    create index classroom_attendance_last_joined on classroom_attendance (platform_id, last_joined_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index classroom_attendance_last_joined;
    drop index video_views_updated;
    drop index lti_memberships_last_launch;
    drop table audit_log;
    drop table platform_retention;
  `.execute(db);
}
