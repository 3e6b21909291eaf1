import type { Db } from '../../db/database.js';

/** A live session with the names the pages show. */
export function findLiveSession(db: Db, id: string, now: Date) {
  return db
    .selectFrom('lti_sessions as s')
    .innerJoin('platforms as p', 'p.id', 's.platform_id')
    .innerJoin('deployments as d', 'd.id', 's.deployment_id')
    .leftJoin('lti_users as u', 'u.id', 's.user_id')
    .leftJoin('lti_contexts as c', 'c.id', 's.context_id')
    .leftJoin('lti_resource_links as r', 'r.id', 's.resource_link_id')
    .select([
      's.id',
      's.platform_id',
      's.deployment_id',
      's.user_id',
      's.context_id',
      's.resource_link_id',
      's.message_type',
      's.role',
      's.roles',
      's.locale',
      's.launch',
      's.created_at',
      's.expires_at',
      'p.name as platform_name',
      'p.issuer as platform_issuer',
      'd.deployment_id as lti_deployment_id',
      'u.sub as user_sub',
      'u.name as user_name',
      'u.given_name as user_given_name',
      'u.family_name as user_family_name',
      'u.email as user_email',
      'u.preferred_locale as user_preferred_locale',
      'c.context_id as lti_context_id',
      'c.title as context_title',
      'c.label as context_label',
      'r.resource_link_id as lti_resource_link_id',
      'r.title as resource_link_title',
    ])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
}

/** This session's language, and its person's from now on (every later launch and live session). */
export async function saveLocale(db: Db, session: { id: string; userId: string | null }, locale: 'fr' | 'en'): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('lti_sessions').set({ locale }).where('id', '=', session.id).execute();
    if (session.userId) await trx.updateTable('lti_users').set({ preferred_locale: locale }).where('id', '=', session.userId).execute();
  });
}

export function deleteExpiredSessions(db: Db, now: Date) {
  return db.deleteFrom('lti_sessions').where('expires_at', '<=', now).execute();
}
