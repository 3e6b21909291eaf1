import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/** The SQL of a person's watching records (data protection: src/privacy). */

export async function findViewingRows(db: Db, userId: string) {
  return {
    videoViews: await db.selectFrom('video_views').selectAll().where('user_id', '=', userId).orderBy('updated_at').execute(),
    watchBudgets: await db.selectFrom('watch_budgets').selectAll().where('user_id', '=', userId).execute(),
    uploadedMedia: await db.selectFrom('video_media').select(['id', 'resource_id', 'file_name', 'created_at']).where('created_by', '=', userId).execute(),
  };
}

/** Deletes the person's views and budget; media they uploaded stay with the course, no longer naming them. */
export async function deleteViewingRows(db: Db, userId: string): Promise<{ video_views: number; watch_budgets: number; video_media_uploader: number }> {
  const views = await db.deleteFrom('video_views').where('user_id', '=', userId).executeTakeFirst();
  const budgets = await db.deleteFrom('watch_budgets').where('user_id', '=', userId).executeTakeFirst();
  const media = await db.updateTable('video_media').set({ created_by: null }).where('created_by', '=', userId).executeTakeFirst();
  return { video_views: Number(views.numDeletedRows), watch_budgets: Number(budgets.numDeletedRows), video_media_uploader: Number(media.numUpdatedRows) };
}

/** At most `limit` views of the platform untouched since `cutoff`, and the budgets untouched since then. */
export async function deleteViewsUpdatedBefore(db: Db, platformId: string, cutoff: Date, limit: number): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    with gone as (
      delete from video_views where (resource_id, user_id) in (
        select resource_id, user_id from video_views where platform_id = ${platformId} and updated_at < ${cutoff} limit ${limit}
      )
      returning 1
    ), budgets as (
      delete from watch_budgets where platform_id = ${platformId} and updated_at < ${cutoff} returning 1
    )
    select ((select count(*) from gone) + (select count(*) from budgets))::text as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}
