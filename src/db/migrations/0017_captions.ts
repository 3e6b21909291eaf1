import { sql, type Kysely } from 'kysely';

/**
 * Caption tracks (src/captions): one per media and language, each version kept.
 *
 * - caption_tracks: the current version's facts (source, counts) so lists read one row; one
 *   track per language of a media (the player and xAPI name a track by its language).
 * - caption_versions: every version's cues as JSON text. A version never changes (its WebVTT is
 *   served `immutable` under a URL naming it); a save within the same editing session replaces
 *   the session's previous version by a new number instead of piling up autosaves.
 * - caption_generations: automatic captions asked for or running (deleted when they produced a
 *   track), with the job's progress and the reason of a failure.
 * - platforms.captions_auto: make captions after each upload (default on).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table caption_tracks (
      id uuid primary key,
      platform_id text not null references platforms (id) on delete cascade,
      media_id uuid not null references video_media (id) on delete cascade,
      lang text not null,
      kind text not null check (kind in ('subtitles', 'captions')),
      label text not null,
      source text not null,
      version integer not null,
      cue_count integer not null,
      warning_count integer not null,
      updated_by text references lti_users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (media_id, lang)
    );
    create table caption_versions (
      track_id uuid not null references caption_tracks (id) on delete cascade,
      version integer not null,
      source text not null,
      cues text not null,
      cue_count integer not null,
      created_by text references lti_users (id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (track_id, version)
    );
    create table caption_generations (
      id uuid primary key,
      platform_id text not null references platforms (id) on delete cascade,
      media_id uuid not null references video_media (id) on delete cascade,
      lang text not null,
      status text not null check (status in ('queued', 'running', 'failed')),
      automatic boolean not null,
      job_id text,
      progress double precision,
      progress_label text,
      error text,
      requested_by text references lti_users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (media_id, lang)
    );
    alter table platforms add column captions_auto boolean not null default true;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table caption_generations;
    drop table caption_versions;
    drop table caption_tracks;
    alter table platforms drop column captions_auto;
  `.execute(db);
}
