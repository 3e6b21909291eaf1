import { sql, type Kysely } from 'kysely';

/**
 * One-time registration codes (LTI_DYNAMIC_REGISTRATION=code): an operator creates one with
 * `amphi registration open`; the first successful dynamic registration made with it spends it.
 * Only the code's sha-256 is kept (the code is random, 192 bits). `closed_at`: closed by the
 * operator before use; `platform_id`: the platform its registration created or updated.
 *
 * `reserved_by` / `reserved_until`: the registration holding the code while it talks to the
 * platform. A registration takes the code with one conditional UPDATE before it asks the platform
 * for anything, so of two racing with one code only one ever POSTs to the platform (a losing POST
 * would leave a tool in Moodle whose client_id Amphi never stores). A failed registration clears
 * the hold; one left by a crashed process lapses at `reserved_until`.
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
      closed_at timestamptz,
      reserved_by uuid,
      reserved_until timestamptz,
      check ((reserved_by is null) = (reserved_until is null))
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table registration_codes`.execute(db);
}
