import { sql, type Kysely } from 'kysely';

/**
 * Virtual classrooms (src/classroom).
 *
 * bbb_servers: each platform's BigBlueButton (or Scalelite) URL and shared secret, the secret
 * sealed with the SecretBox; the checksum algorithm the server expects.
 *
 * classroom_meetings: one row per BBB meeting Amphi created for a classroom. At most one is live
 * (creating or running) per classroom: the partial unique index is what makes 300 simultaneous
 * first joins create the meeting once, across processes. `meeting_id` is BBB's meetingID,
 * `internal_meeting_id` and `create_time` what BBB answered to create (join needs createTime).
 * `session_start` is the scheduled session it opened for (null: a classroom without schedule).
 *
 * classroom_attendance: one row per person and meeting: written at join (role, the activity
 * launched, for the grade), completed by BBB's learning-analytics callback.
 *
 * classroom_recordings: recordings BBB said were ready (callback), and their import into the
 * video library.
 *
 * classroom_callback_tokens: callback tokens already processed (sha-256 of the token), so that a
 * replayed callback changes nothing; kept until the token's expiry (or 30 days).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table bbb_servers (
      platform_id text primary key references platforms (id) on delete cascade,
      url text not null,
      secret_encrypted text not null,
      checksum_algorithm text not null default 'sha256' check (checksum_algorithm in ('sha1', 'sha256', 'sha384', 'sha512')),
      updated_by text,
      updated_at timestamptz not null default now()
    );

    create table classroom_meetings (
      id uuid primary key,
      platform_id text not null references platforms (id) on delete cascade,
      resource_id text not null references resources (id) on delete cascade,
      meeting_id text not null,
      state text not null default 'creating' check (state in ('creating', 'running', 'ended')),
      internal_meeting_id text,
      create_time double precision,
      session_start timestamptz,
      created_by text references lti_users (id) on delete set null,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      checked_at timestamptz,
      ended_at timestamptz,
      end_reason text
    );
    create unique index classroom_meetings_one_live on classroom_meetings (resource_id) where state <> 'ended';
    create index classroom_meetings_by_meeting_id on classroom_meetings (platform_id, meeting_id);
    create index classroom_meetings_by_internal_id on classroom_meetings (internal_meeting_id);

    create table classroom_attendance (
      id uuid primary key,
      platform_id text not null references platforms (id) on delete cascade,
      resource_id text not null references resources (id) on delete cascade,
      meeting_row_id uuid not null references classroom_meetings (id) on delete cascade,
      user_id text not null references lti_users (id) on delete cascade,
      resource_link_id text references lti_resource_links (id) on delete set null,
      role text not null check (role in ('moderator', 'viewer')),
      first_joined_at timestamptz not null default now(),
      last_joined_at timestamptz not null default now(),
      join_count integer not null default 1,
      left_at timestamptz,
      duration_seconds integer,
      talk_time_seconds integer,
      chats integer,
      raised_hands integer,
      poll_votes integer,
      emojis integer,
      reported_at timestamptz,
      score_sent double precision,
      unique (meeting_row_id, user_id)
    );
    create index classroom_attendance_by_resource on classroom_attendance (resource_id, user_id);

    create table classroom_recordings (
      platform_id text not null references platforms (id) on delete cascade,
      record_id text not null,
      resource_id text not null references resources (id) on delete cascade,
      meeting_row_id uuid references classroom_meetings (id) on delete set null,
      ready_at timestamptz not null default now(),
      import_status text check (import_status in ('queued', 'running', 'done', 'failed')),
      import_job_id text,
      imported_resource_id text references resources (id) on delete set null,
      import_error text,
      imported_by text,
      primary key (platform_id, record_id)
    );
    create index classroom_recordings_by_resource on classroom_recordings (resource_id);

    create table classroom_callback_tokens (
      token_hash text primary key,
      kind text not null,
      seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table classroom_callback_tokens;
    drop table classroom_recordings;
    drop table classroom_attendance;
    drop table classroom_meetings;
    drop table bbb_servers;
  `.execute(db);
}
