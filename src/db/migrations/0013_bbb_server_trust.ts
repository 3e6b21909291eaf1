import { sql, type Kysely } from 'kysely';

/**
 * Who set each platform's BigBlueButton server, which decides how its URL is trusted by the
 * outbound client (src/http/outbound.ts): `operator` (`amphi platform bbb`, the operator's own
 * choice, may be a private address) or `platform-admin` (the admin page, a URL that came through
 * the web: private, loopback and metadata addresses are refused unless OUTBOUND_ALLOW lists them).
 *
 * Existing rows: those the CLI wrote (updated_by 'amphi-cli') are the operator's; every other row
 * came from the admin page (updated_by is the administrator's user id) and becomes
 * 'platform-admin'. A platform administrator's server on a private network therefore stops being
 * reachable until the operator lists its address in OUTBOUND_ALLOW or sets it with the CLI: that
 * is the point of the change. New rows get no default: every write says who made it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table bbb_servers add column configured_by text not null default 'platform-admin'
      check (configured_by in ('operator', 'platform-admin'));
    update bbb_servers set configured_by = 'operator' where updated_by = 'amphi-cli';
    alter table bbb_servers alter column configured_by drop default;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table bbb_servers drop column configured_by`.execute(db);
}
