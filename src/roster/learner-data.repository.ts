import type { Db } from '../db/database.js';

/** The SQL of a person's roster rows (the platform's NRPS answer), in the platform's courses only. */

function platformContexts(db: Db, platformId: string) {
  return db.selectFrom('lti_contexts as c').innerJoin('deployments as d', 'd.id', 'c.deployment_id').select('c.id').where('d.platform_id', '=', platformId);
}

export function findRosterRows(db: Db, platformId: string, sub: string) {
  return db.selectFrom('roster_members').selectAll().where('user_sub', '=', sub).where('context_id', 'in', platformContexts(db, platformId)).execute();
}

export async function deleteRosterRows(db: Db, platformId: string, sub: string): Promise<{ roster_members: number }> {
  const result = await db.deleteFrom('roster_members').where('user_sub', '=', sub).where('context_id', 'in', platformContexts(db, platformId)).executeTakeFirst();
  return { roster_members: Number(result.numDeletedRows) };
}
