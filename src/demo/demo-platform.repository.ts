import type { Insertable } from 'kysely';
import type { Db } from '../db/database.js';
import type { PlatformRow } from '../lti/platforms/platform.table.js';
import type { DemoPlatformRow, DemoPlatformsTable } from './demo-platform.table.js';

/** The demo platform and its signing material; at most one exists (`amphi demo --reset` replaces it). */
export async function findDemoPlatform(db: Db): Promise<{ platform: PlatformRow; demo: DemoPlatformRow } | undefined> {
  const platform = await db.selectFrom('platforms').selectAll().where('demo', '=', true).orderBy('created_at').executeTakeFirst();
  if (!platform) return undefined;
  const demo = await db.selectFrom('demo_platforms').selectAll().where('platform_id', '=', platform.id).executeTakeFirst();
  return demo && { platform, demo };
}

/** Demo platforms whose signing row is gone (a half-made demo): removed before a new one is made. */
export function listDemoPlatformIds(db: Db): Promise<{ id: string }[]> {
  return db.selectFrom('platforms').select('id').where('demo', '=', true).execute();
}

export async function insertDemoPlatform(db: Db, row: Insertable<DemoPlatformsTable>): Promise<void> {
  await db.insertInto('demo_platforms').values(row).execute();
}

export async function updateDemoCourse(db: Db, platformId: string, course: string): Promise<void> {
  await db.updateTable('demo_platforms').set({ course }).where('platform_id', '=', platformId).execute();
}
