import type { Db } from '../db/database.js';
import type { PlatformRetentionRow } from './privacy.table.js';

export type RetentionColumn = 'statements_days' | 'video_views_days' | 'attendance_days' | 'launch_logs_days';

export function findRetentionRow(db: Db, platformId: string): Promise<PlatformRetentionRow | undefined> {
  return db.selectFrom('platform_retention').selectAll().where('platform_id', '=', platformId).executeTakeFirst();
}

/** Every platform with its own periods, if any (null columns: the default). */
export function listPlatformsWithRetention(db: Db) {
  return db
    .selectFrom('platforms as p')
    .leftJoin('platform_retention as r', 'r.platform_id', 'p.id')
    .select(['p.id', 'r.statements_days', 'r.video_views_days', 'r.attendance_days', 'r.launch_logs_days'])
    .orderBy('p.id')
    .execute();
}

export async function upsertRetentionRow(db: Db, platformId: string, values: Partial<Record<RetentionColumn, number | null>>): Promise<void> {
  await db
    .insertInto('platform_retention')
    .values({ platform_id: platformId, ...values })
    .onConflict((oc) => oc.column('platform_id').doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}
