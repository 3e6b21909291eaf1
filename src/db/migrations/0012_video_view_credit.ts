import { sql, type Kysely } from 'kysely';

/**
 * What the server may still credit of a person's watching (video/tracking/watch-budget.ts). A
 * page reports the segments it played; the server credits newly watched seconds only up to what
 * the wall-clock time allows at the highest playback speed. One budget per person (platform and
 * user), shared by all their videos and tabs: one open session cannot pay out on every video of
 * the course at once.
 *
 * - `budget_from`: the watching budget counts from this server time. Crediting s seconds moves it
 *   s / maxPlaybackRate later (it may run a little ahead of the clock by the small grace); null
 *   before the first credit.
 * - `session_started_at` / `session_expires_at`: the earliest launch session still live that
 *   reported on any of the person's videos. No budget accrues before it: time spent with no
 *   session at all (a view left for days) is not watching time.
 *
 * The row is locked before the video's view row, always in that order (tracking.service.ts).
 * Views from before this migration keep their segments; their person's budget starts at the next request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table watch_budgets (
      platform_id text not null references platforms(id) on delete cascade,
      user_id text not null references lti_users(id) on delete cascade,
      budget_from timestamptz,
      session_started_at timestamptz,
      session_expires_at timestamptz,
      updated_at timestamptz not null default now(),
      primary key (platform_id, user_id)
    );
    create index watch_budgets_user on watch_budgets (user_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table watch_budgets`.execute(db);
}
