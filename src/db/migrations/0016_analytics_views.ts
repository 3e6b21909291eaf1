import { sql, type Kysely } from 'kysely';

/**
 * What the dashboards compute from the rollups for a course (a window's cohort, a range's sums:
 * src/analytics/rollup-view-cache.ts), kept in the database so that every process serves the
 * same copy and the refresh job can recompute, right after it moved the rollups, the views
 * people read lately: a dashboard request then reads one row instead of grouping a window of
 * rollups (a 15-day window of a 2,000-learner course is ~93,000 rows).
 *
 * - key: the view and its parameters (rollup-view-cache.ts); params: the same, as JSON, for
 *   the refresh job to recompute it.
 * - version: the rollups' and the course's roster state it was computed on; another version is
 *   never served.
 * - value: the view, as JSON text (parsed by the reader; jsonb would be converted twice).
 * - read_at: when a dashboard last asked for it (updated at most every few minutes): only the
 *   views read lately are recomputed, and the ones nobody reads any more are removed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table analytics_views (
      platform_id text not null,
      context_id text not null references lti_contexts (id) on delete cascade,
      key text not null,
      params text not null,
      version text not null,
      value text not null,
      computed_at timestamptz not null default now(),
      read_at timestamptz not null default now(),
      primary key (context_id, key)
    );
    create index analytics_views_platform_read on analytics_views (platform_id, read_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table analytics_views`.execute(db);
}
