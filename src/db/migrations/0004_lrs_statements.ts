import { sql, type Kysely } from 'kysely';

/**
 * The LRS: credentials (HTTP Basic, per platform), statements (the full statement as JSONB plus
 * one column per query filter, xAPI Communication 2.1.3), attachments by content hash, and the
 * platform setting that decides how LTI users appear as actors.
 *
 * Indexes follow the filters and were chosen from query plans on a million generated statements
 * (bench/lrs/query.bench.ts): agent + verb + since, the dashboards' query, is one range of
 * lrs_statements_actor. `seq` (insertion order) breaks ties between statements stored at the
 * same millisecond, so (stored, seq) is the paging cursor.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table platforms add column lrs_identity text not null default 'pseudonymous'
      check (lrs_identity in ('pseudonymous', 'email'));

    create table lrs_credentials (
      id text primary key,
      platform_id text not null references platforms(id) on delete cascade,
      name text not null,
      key text not null unique,
      secret_hash text not null,
      scopes text[] not null,
      authority jsonb not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index lrs_credentials_platform on lrs_credentials (platform_id);

    create table lrs_statements (
      seq bigint generated always as identity,
      platform_id text not null references platforms(id) on delete cascade,
      id uuid not null,
      stored timestamptz not null,
      verb_id text not null,
      actor_key text,
      object_activity_id text,
      object_agent_key text,
      object_statement_id uuid,
      registration uuid,
      related_agents text[] not null,
      related_activities text[] not null,
      voided boolean not null default false,
      is_voiding boolean not null default false,
      credential_id text,
      attachment_hashes text[],
      statement jsonb not null,
      primary key (platform_id, id)
    );
    -- Results are in stored order (Communication 2.1.3), ties broken by seq; each filter index
    -- ends with stored so that a filter with since/until reads one index range in that order.
    create index lrs_statements_stored on lrs_statements (platform_id, stored, seq);
    create index lrs_statements_actor on lrs_statements (platform_id, actor_key, verb_id, stored);
    create index lrs_statements_object_agent on lrs_statements (platform_id, object_agent_key, stored) where object_agent_key is not null;
    create index lrs_statements_verb on lrs_statements (platform_id, verb_id, stored);
    create index lrs_statements_activity on lrs_statements (platform_id, object_activity_id, stored) where object_activity_id is not null;
    create index lrs_statements_registration on lrs_statements (platform_id, registration, stored) where registration is not null;
    create index lrs_statements_statement_ref on lrs_statements (platform_id, object_statement_id) where object_statement_id is not null;
    create index lrs_statements_related_agents on lrs_statements using gin (related_agents);
    create index lrs_statements_related_activities on lrs_statements using gin (related_activities);

    create table lrs_attachments (
      platform_id text not null references platforms(id) on delete cascade,
      sha2 text not null,
      content_type text not null,
      length integer not null,
      content bytea not null,
      created_at timestamptz not null default now(),
      primary key (platform_id, sha2)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table lrs_attachments;
    drop table lrs_statements;
    drop table lrs_credentials;
    alter table platforms drop column lrs_identity;
  `.execute(db);
}
