import { sql, type Kysely } from 'kysely';

/**
 * What each person watched of each video (video/tracking): the merged played segments, where
 * they stopped (resume), the watched share the server computed from the segments and the
 * video's real duration, when they completed it, and the last score sent to the gradebook (so a
 * grade only ever rises). One row per resource and person, rewritten as statements arrive.
 *
 * `position_at` is the timestamp of the statement that gave `position_seconds`: a batch resent
 * late (beacon after fetch, a retry from localStorage) cannot move the resume point backwards.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table video_views (
      platform_id text not null references platforms(id) on delete cascade,
      resource_id text not null references resources(id) on delete cascade,
      user_id text not null references lti_users(id) on delete cascade,
      played_segments jsonb not null default '[]',
      position_seconds double precision not null default 0,
      position_at timestamptz,
      watched_share double precision not null default 0,
      completed_at timestamptz,
      last_session_id text,
      best_score_sent double precision,
      updated_at timestamptz not null default now(),
      primary key (resource_id, user_id)
    );
    create index video_views_platform_user on video_views (platform_id, user_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table video_views`.execute(db);
}
