import { sql, type Kysely } from 'kysely';

/**
 * What the server may still credit of a person's view of a video (video/tracking/watch-budget.ts).
 * A page reports the segments it played; the server credits newly watched seconds only up to
 * what the wall-clock time allows at the highest playback speed:
 *
 * - `budget_from`: the watching budget counts from this server time. Crediting s seconds moves it
 *   s / maxPlaybackRate later (it may run a little ahead of the clock by the small grace); null
 *   before the first credit.
 * - `budget_session_started_at` / `budget_session_expires_at`: the earliest launch session still
 *   live that reported on this view. No budget accrues before it: time spent with no session at
 *   all (a view left for days) is not watching time.
 *
 * Rows from before this migration keep their segments; their budget starts at the next request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table video_views add column budget_from timestamptz;
    alter table video_views add column budget_session_started_at timestamptz;
    alter table video_views add column budget_session_expires_at timestamptz;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table video_views drop column budget_from;
    alter table video_views drop column budget_session_started_at;
    alter table video_views drop column budget_session_expires_at;
  `.execute(db);
}
