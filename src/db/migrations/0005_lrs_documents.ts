import { sql, type Kysely } from 'kysely';

/**
 * The LRS document resources (xAPI 1.0.3 Communication 2.2–2.7) and the canonical Activity
 * definitions the Activities resource returns (Communication 2.5).
 *
 * `lrs_documents` holds the three kinds of document in one table. A document lives in a scope
 * (its kind plus activityId / agent / registration, '' where a kind has none) and has an id
 * (stateId or profileId). The scope is indexed through its SHA-256 (`scope_hash`) rather than its
 * parts: activity IRIs and account agent keys have no length limit, a B-tree entry does.
 * Content is kept as the bytes and Content-Type the client sent; `etag` is their SHA-1 (3.1).
 *
 * `lrs_activities` keeps one merged definition per Activity id and platform, written in the
 * statement insert transaction (activity.service.ts#upsertActivityDefinitions).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table lrs_documents (
      platform_id text not null references platforms(id) on delete cascade,
      scope_hash text not null,
      document_id text not null,
      kind text not null check (kind in ('state', 'activity-profile', 'agent-profile')),
      activity_id text not null,
      agent_key text not null,
      registration text not null,
      content_type text not null,
      content bytea not null,
      etag text not null,
      updated_at timestamptz not null,
      primary key (platform_id, scope_hash, document_id)
    );

    create table lrs_activities (
      platform_id text not null references platforms(id) on delete cascade,
      id text not null,
      definition jsonb not null,
      updated_at timestamptz not null default now(),
      primary key (platform_id, id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table lrs_activities;
    drop table lrs_documents;
  `.execute(db);
}
