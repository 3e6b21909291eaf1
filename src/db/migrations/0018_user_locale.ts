import { sql, type Kysely } from 'kysely';

/**
 * The language a person chose in Amphi's page (the switch in its header). It wins over the
 * launch's locale on that person's later launches: the LMS sends its own language setting, which
 * may not be the one they read best. Null until they choose.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table lti_users add column preferred_locale text check (preferred_locale in ('fr', 'en'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table lti_users drop column preferred_locale`.execute(db);
}
