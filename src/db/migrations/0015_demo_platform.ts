import { sql, type Kysely } from 'kysely';

/**
 * The demo platform of `amphi demo` (src/demo): a small LTI platform inside Amphi's own process
 * that signs real launches for a seeded course, so a newcomer can look around without a Moodle.
 *
 * `platforms.demo` marks it wherever platforms are shown (`amphi platform list`, logs): a platform
 * that mints launches for anyone who reaches it must never pass for a real one.
 *
 * `demo_platforms` holds what only the demo platform needs: its signing key (PKCS#8, encrypted
 * with the secret box like every private key at rest), the course it shows (the generator's
 * summary: context, people, activities), and `allowed_public_url`, the one non-loopback
 * PUBLIC_URL an operator explicitly allowed it on (`amphi demo --allow-public-url`); null means
 * loopback only. Removing the platform removes the row (and, by cascade, the whole demo course).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table platforms add column demo boolean not null default false;
    create table demo_platforms (
      platform_id text primary key references platforms (id) on delete cascade,
      kid text not null,
      private_key text not null,
      public_jwk text not null,
      course text not null,
      allowed_public_url text,
      created_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table demo_platforms;
    alter table platforms drop column demo;
  `.execute(db);
}
