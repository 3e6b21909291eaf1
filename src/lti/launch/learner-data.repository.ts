import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** The SQL of an LTI user's own rows (data protection: src/privacy). */

export function findUserBySub(db: Db, platformId: string, sub: string) {
  return db.selectFrom('lti_users').selectAll().where('platform_id', '=', platformId).where('sub', '=', sub).executeTakeFirst();
}

export function findMemberships(db: Db, userId: string) {
  return db
    .selectFrom('lti_memberships as m')
    .innerJoin('lti_contexts as c', 'c.id', 'm.context_id')
    .select(['m.context_id', 'c.context_id as lti_context_id', 'c.title as context_title', 'm.role', 'm.first_launch_at', 'm.last_launch_at'])
    .where('m.user_id', '=', userId)
    .orderBy('m.first_launch_at')
    .execute();
}

export function findSessions(db: Db, userId: string) {
  return db
    .selectFrom('lti_sessions')
    .select(['id', 'context_id', 'resource_link_id', 'message_type', 'role', 'roles', 'locale', 'created_at', 'expires_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

export async function deleteUserRows(db: Db, userId: string): Promise<{ lti_sessions: number; lti_memberships: number; lti_users: number }> {
  const sessions = await db.deleteFrom('lti_sessions').where('user_id', '=', userId).executeTakeFirst();
  const memberships = await db.deleteFrom('lti_memberships').where('user_id', '=', userId).executeTakeFirst();
  const users = await db.deleteFrom('lti_users').where('id', '=', userId).executeTakeFirst();
  return { lti_sessions: Number(sessions.numDeletedRows), lti_memberships: Number(memberships.numDeletedRows), lti_users: Number(users.numDeletedRows) };
}

/** At most `limit` course memberships (first and last launch of a person in a course) of the platform last launched before `cutoff`. */
export async function deleteMembershipsLaunchedBefore(db: Db, platformId: string, cutoff: Date, limit: number): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    with gone as (
      delete from lti_memberships where (context_id, user_id) in (
        select m.context_id, m.user_id from lti_memberships m
        join lti_contexts c on c.id = m.context_id
        join deployments d on d.id = c.deployment_id
        where d.platform_id = ${platformId} and m.last_launch_at < ${cutoff}
        limit ${limit}
      )
      returning 1
    )
    select count(*)::text as n from gone`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * At most `limit` users of the platform not seen since `cutoff` that nothing refers to any more
 * (no membership, session, view, attendance or score): their profile outlived its purpose.
 */
export async function deleteUnreferencedUsersBefore(db: Db, platformId: string, cutoff: Date, limit: number): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    with gone as (
      delete from lti_users where id in (
        select u.id from lti_users u
        where u.platform_id = ${platformId} and u.updated_at < ${cutoff}
          and not exists (select 1 from lti_memberships m where m.user_id = u.id)
          and not exists (select 1 from lti_sessions s where s.user_id = u.id)
          and not exists (select 1 from video_views v where v.user_id = u.id)
          and not exists (select 1 from watch_budgets w where w.user_id = u.id)
          and not exists (select 1 from classroom_attendance a where a.user_id = u.id)
          and not exists (select 1 from grade_scores g where g.user_id = u.id)
        limit ${limit}
      )
      returning 1
    )
    select count(*)::text as n from gone`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
