import { sql, type Kysely } from 'kysely';

/**
 * One-time registration codes (LTI_DYNAMIC_REGISTRATION=code): an operator creates one with
 * `amphi registration open`; the first dynamic registration that creates a platform with it
 * spends it. Only the code's sha-256 is kept (the code is random, 192 bits). `closed_at`: closed
 * by the operator before use; `platform_id`: the platform its registration created.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table registration_codes (
      id uuid primary key,
      code_hash text not null unique,
      note text,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      platform_id text references platforms (id) on delete set null,
      closed_at timestamptz
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table registration_codes`.execute(db);
}
