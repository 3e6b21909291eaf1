import { sql, type Kysely } from 'kysely';

/**
 * Video media (src/video): one row per uploaded file of a resource. `status` is where its
 * processing is (uploaded → transcoding → ready | failed, changed only by video/video-status.ts);
 * `state` is what players see: the published media of a resource (at most one), the pending one
 * being prepared (at most one), the retired ones whose files housekeeping deletes after a grace
 * period so players mid-watch do not break. `resource_id` is the resource that owns the media
 * (a course copy plays its original's media through resources.media_resource_id).
 *
 * platforms.video_max_upload_bytes: a platform's own upload limit (null: the server's).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table video_media (
      id uuid primary key,
      platform_id text not null references platforms (id) on delete cascade,
      resource_id text not null references resources (id) on delete cascade,
      status text not null check (status in ('uploaded', 'transcoding', 'ready', 'failed')),
      state text not null default 'pending' check (state in ('pending', 'published', 'retired')),
      file_name text not null,
      mime text not null,
      size_bytes double precision not null,
      probe jsonb,
      output jsonb,
      first_rendition_ready boolean not null default false,
      job_id text,
      progress real,
      progress_label text,
      error text,
      created_by text,
      created_at timestamptz not null default now(),
      ready_at timestamptz,
      retired_at timestamptz
    );
    create unique index video_media_one_published on video_media (resource_id) where state = 'published';
    create unique index video_media_one_pending on video_media (resource_id) where state = 'pending';
    create index video_media_retired on video_media (retired_at) where state = 'retired';
    alter table platforms add column video_max_upload_bytes double precision;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table video_media;
    alter table platforms drop column video_max_upload_bytes;
  `.execute(db);
}
