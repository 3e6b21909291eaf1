import { sql, type Kysely } from 'kysely';

/**
 * Resources (video | classroom | dashboard) and what binds a Moodle activity to one; the score
 * outbox and line items (AGS); the course roster cache (NRPS); the LTI services endpoints each
 * course and activity last announced.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table resources (
      id text primary key,
      platform_id text not null references platforms(id) on delete cascade,
      context_id text not null references lti_contexts(id) on delete cascade,
      kind text not null check (kind in ('video', 'classroom', 'dashboard')),
      title text not null,
      description text not null default '',
      created_by text references lti_users(id) on delete set null,
      gradable boolean not null default false,
      score_maximum double precision,
      settings jsonb not null default '{}',
      -- Course copy: the resource this one was copied from, and the one whose media it shares.
      copied_from text references resources(id) on delete set null,
      media_resource_id text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index resources_platform_context on resources (platform_id, context_id, kind);
    create index resources_platform_creator on resources (platform_id, created_by);
    -- One copy per original and course, even when the whole class launches at once.
    create unique index resources_one_copy_per_course on resources (copied_from, context_id) where copied_from is not null;

    alter table lti_contexts add column memberships_url text, add column lineitems_url text, add column ags_scopes jsonb;
    alter table lti_resource_links add column lineitem_url text,
      add column resource_id text references resources(id) on delete set null,
      -- The custom resource id the binding was made under: when the platform's custom changes
      -- (the teacher edited the activity in Moodle), the custom wins again.
      add column bound_custom_resource_id text;

    -- Who took part in which course, as launches showed it (the roster when NRPS is not available).
    create table lti_memberships (
      context_id text not null references lti_contexts(id) on delete cascade,
      user_id text not null references lti_users(id) on delete cascade,
      role text not null,
      first_launch_at timestamptz not null default now(),
      last_launch_at timestamptz not null default now(),
      primary key (context_id, user_id)
    );

    create table grade_line_items (
      id text primary key,
      platform_id text not null references platforms(id) on delete cascade,
      context_id text references lti_contexts(id) on delete cascade,
      resource_id text references resources(id) on delete set null,
      resource_link_id text references lti_resource_links(id) on delete set null,
      url text not null,
      label text,
      score_maximum double precision,
      tag text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (platform_id, url)
    );
    create index grade_line_items_link on grade_line_items (resource_link_id);
    create index grade_line_items_resource on grade_line_items (resource_id);

    -- The outbox: a score is stored here first, then delivered (AGS). seq orders scores per learner.
    create table grade_scores (
      seq bigint generated always as identity primary key,
      id text not null unique,
      platform_id text not null references platforms(id) on delete cascade,
      resource_id text references resources(id) on delete set null,
      resource_link_id text references lti_resource_links(id) on delete set null,
      line_item_id text references grade_line_items(id) on delete cascade,
      user_id text not null references lti_users(id) on delete cascade,
      score_given double precision not null,
      score_maximum double precision not null,
      activity_progress text not null,
      grading_progress text not null,
      comment text,
      score_timestamp timestamptz not null,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'superseded')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      locked_until timestamptz,
      last_error text,
      last_status integer,
      sent_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index grade_scores_due on grade_scores (next_attempt_at) where status = 'pending';
    create index grade_scores_learner on grade_scores (resource_link_id, user_id, seq);
    create index grade_scores_resource on grade_scores (resource_id, user_id, seq);

    create table roster_members (
      context_id text not null references lti_contexts(id) on delete cascade,
      user_sub text not null,
      name text,
      given_name text,
      family_name text,
      email text,
      picture text,
      lis_person_sourcedid text,
      roles jsonb not null default '[]',
      status text not null default 'Active',
      fetched_at timestamptz not null,
      primary key (context_id, user_sub)
    );

    create table roster_syncs (
      context_id text primary key references lti_contexts(id) on delete cascade,
      memberships_url text not null,
      status text not null check (status in ('ok', 'failed')),
      member_count integer not null default 0,
      error text,
      fetched_at timestamptz,
      attempted_at timestamptz not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table roster_syncs; drop table roster_members; drop table grade_scores; drop table grade_line_items; drop table lti_memberships;
    alter table lti_resource_links drop column resource_id, drop column lineitem_url, drop column bound_custom_resource_id;
    alter table lti_contexts drop column memberships_url, drop column lineitems_url, drop column ags_scopes;
    drop table resources;
  `.execute(db);
}
