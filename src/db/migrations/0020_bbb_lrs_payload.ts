import { sql, type Kysely } from 'kysely';

/**
 * BigBlueButton's own xAPI (bbb-webhooks' xAPI module) sends a meeting's statements to the LRS
 * named in the create call's `meta_secret-lrs-payload`. One row per platform that turned it on:
 * the dedicated LRS credential (its id and key; the secret sealed with the SecretBox, since the
 * payload is rebuilt with the BBB server's current secret at every create). No row: off.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table bbb_xapi_credentials (
      platform_id text primary key references platforms (id) on delete cascade,
      credential_id text not null,
      credential_key text not null,
      secret_encrypted text not null,
      created_by text,
      created_at timestamptz not null default now()
    )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table bbb_xapi_credentials`.execute(db);
}
