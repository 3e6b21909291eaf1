import type { Db } from '../db/database.js';
import type { Membership } from './names-roles.schemas.js';
import type { LaunchMemberRecord, NrpsMemberRecord } from './roster-member.js';
import type { RosterSyncRow } from './roster.table.js';

/** Rows per insert: 11 parameters a row stays far below PostgreSQL's 65535 per statement. */
const INSERT_CHUNK = 500;

export interface RosterCourse {
  id: string;
  platform_id: string;
  /** The NRPS context_memberships_url of the latest launch that announced one. */
  memberships_url: string | null;
}

/** The course and the platform it belongs to (through its deployment). */
export function findRosterCourse(db: Db, contextId: string): Promise<RosterCourse | undefined> {
  return db
    .selectFrom('lti_contexts as c')
    .innerJoin('deployments as d', 'd.id', 'c.deployment_id')
    .select(['c.id', 'd.platform_id', 'c.memberships_url'])
    .where('c.id', '=', contextId)
    .executeTakeFirst();
}

export function findRosterSync(db: Db, contextId: string): Promise<RosterSyncRow | undefined> {
  return db.selectFrom('roster_syncs').selectAll().where('context_id', '=', contextId).executeTakeFirst();
}

/**
 * Replaces the course's roster in one transaction: readers see the old roster or the new one,
 * never half of either. The sync row is written first: its row lock (or unique-key wait for a
 * first sync) serializes two processes replacing the same roster, whose deletes would otherwise
 * miss each other's inserts and collide on the primary key.
 */
export function replaceRoster(
  db: Db,
  r: { contextId: string; membershipsUrl: string; members: readonly Membership[]; fetchedAt: Date; note: string | null },
): Promise<void> {
  return db.transaction().execute(async (trx) => {
    const sync = {
      memberships_url: r.membershipsUrl,
      status: 'ok' as const,
      member_count: r.members.length,
      error: r.note,
      fetched_at: r.fetchedAt,
      attempted_at: r.fetchedAt,
    };
    await trx
      .insertInto('roster_syncs')
      .values({ context_id: r.contextId, ...sync })
      .onConflict((oc) => oc.column('context_id').doUpdateSet(sync))
      .execute();
    await trx.deleteFrom('roster_members').where('context_id', '=', r.contextId).execute();
    for (let i = 0; i < r.members.length; i += INSERT_CHUNK) {
      const rows = r.members.slice(i, i + INSERT_CHUNK).map((m) => ({
        context_id: r.contextId,
        user_sub: m.user_id,
        name: m.name ?? null,
        given_name: m.given_name ?? null,
        family_name: m.family_name ?? null,
        email: m.email ?? null,
        picture: m.picture ?? null,
        lis_person_sourcedid: m.lis_person_sourcedid ?? null,
        roles: JSON.stringify(m.roles),
        status: m.status,
        fetched_at: r.fetchedAt,
      }));
      await trx.insertInto('roster_members').values(rows).execute();
    }
  });
}

/** A failed fetch: the last good copy (members, fetched_at, member_count) stays as it was. */
export async function recordRosterFailure(db: Db, r: { contextId: string; membershipsUrl: string; error: string; attemptedAt: Date }): Promise<void> {
  await db
    .insertInto('roster_syncs')
    .values({ context_id: r.contextId, memberships_url: r.membershipsUrl, status: 'failed', member_count: 0, error: r.error, fetched_at: null, attempted_at: r.attemptedAt })
    .onConflict((oc) => oc.column('context_id').doUpdateSet({ status: 'failed', error: r.error, attempted_at: r.attemptedAt }))
    .execute();
}

/**
 * The stored NRPS roster with, for each member, the launch user of the same sub on the course's
 * platform: a sub is unique only within one platform.
 */
export function listNrpsMembers(db: Db, contextId: string, platformId: string): Promise<NrpsMemberRecord[]> {
  return nrpsMembers(db, platformId).where('rm.context_id', '=', contextId).execute();
}

export function findNrpsMemberByUser(db: Db, contextId: string, platformId: string, userId: string): Promise<NrpsMemberRecord | undefined> {
  // From the user (primary key) to their roster row (primary key): two index lookups, with or
  // without planner statistics (PGlite has none until housekeeping's ANALYZE).
  return db
    .selectFrom('lti_users as u')
    .innerJoin('roster_members as rm', (join) => join.onRef('rm.user_sub', '=', 'u.sub').on('rm.context_id', '=', contextId))
    .select(NRPS_MEMBER_COLUMNS)
    .where('u.id', '=', userId)
    .where('u.platform_id', '=', platformId)
    .executeTakeFirst();
}

/** A roster row with what the person's own launches said of them (names, email). */
const NRPS_MEMBER_COLUMNS = [
  'rm.user_sub',
  'u.id as user_id',
  'rm.name',
  'rm.given_name',
  'rm.family_name',
  'rm.email',
  'rm.roles',
  'rm.status',
  'u.name as launch_name',
  'u.given_name as launch_given_name',
  'u.family_name as launch_family_name',
  'u.email as launch_email',
] as const;

function nrpsMembers(db: Db, platformId: string) {
  return db
    .selectFrom('roster_members as rm')
    .leftJoin('lti_users as u', (join) => join.onRef('u.sub', '=', 'rm.user_sub').on('u.platform_id', '=', platformId))
    .select(NRPS_MEMBER_COLUMNS);
}

/** Who launched from the course (lti_memberships), on the course's platform only. */
export function listLaunchMembers(db: Db, contextId: string, platformId: string): Promise<LaunchMemberRecord[]> {
  return launchMembers(db, platformId).where('m.context_id', '=', contextId).execute();
}

export function findLaunchMember(db: Db, contextId: string, platformId: string, userId: string): Promise<LaunchMemberRecord | undefined> {
  return launchMembers(db, platformId).where('m.context_id', '=', contextId).where('m.user_id', '=', userId).executeTakeFirst();
}

function launchMembers(db: Db, platformId: string) {
  return db
    .selectFrom('lti_memberships as m')
    .innerJoin('lti_users as u', 'u.id', 'm.user_id')
    .select(['u.id as user_id', 'u.sub', 'u.name', 'u.given_name', 'u.family_name', 'u.email', 'm.role'])
    .where('u.platform_id', '=', platformId);
}
