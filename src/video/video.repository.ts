import { sql, type Insertable, type Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { VideoMediaRow, VideoMediaTable } from './video.table.js';

/** SQL for video media. Status changes live in video-status.ts; this file inserts, reads and deletes. */
type Conn = Db | Transaction<Database>;

export async function insertMedia(db: Conn, row: Insertable<VideoMediaTable>): Promise<VideoMediaRow> {
  return db.insertInto('video_media').values(row).returningAll().executeTakeFirstOrThrow();
}

/** For the job: the payload names a media, whatever its platform. */
export function findMediaById(db: Conn, id: string): Promise<VideoMediaRow | undefined> {
  return db.selectFrom('video_media').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMedia(db: Conn, platformId: string, id: string): Promise<VideoMediaRow | undefined> {
  return db.selectFrom('video_media').selectAll().where('platform_id', '=', platformId).where('id', '=', id).executeTakeFirst();
}

/** The published and the pending media of a (media owner) resource. */
export async function findResourceMedia(db: Conn, platformId: string, resourceId: string): Promise<{ published?: VideoMediaRow; pending?: VideoMediaRow }> {
  const rows = await db
    .selectFrom('video_media')
    .selectAll()
    .where('platform_id', '=', platformId)
    .where('resource_id', '=', resourceId)
    .where('state', 'in', ['published', 'pending'])
    .execute();
  return { published: rows.find((r) => r.state === 'published'), pending: rows.find((r) => r.state === 'pending') };
}

/** The media a resource published last before its current one (the newest retired), if any. */
export function findLastRetiredMedia(db: Conn, platformId: string, resourceId: string): Promise<VideoMediaRow | undefined> {
  return db
    .selectFrom('video_media')
    .selectAll()
    .where('platform_id', '=', platformId)
    .where('resource_id', '=', resourceId)
    .where('state', '=', 'retired')
    .orderBy('retired_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Of these media ids, those that have a row (folders without one are leftovers). */
export async function findExistingMediaIds(db: Conn, ids: string[]): Promise<Set<string>> {
  // Media ids are uuids: any other folder name has no row by construction.
  const uuids = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  if (uuids.length === 0) return new Set();
  const rows = await db.selectFrom('video_media').select('id').where('id', 'in', uuids).execute();
  return new Set(rows.map((r) => r.id));
}

export async function deleteMediaRow(db: Conn, id: string): Promise<boolean> {
  const r = await db.deleteFrom('video_media').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Retired media whose grace period is over: their files can go. */
export function listRetiredBefore(db: Conn, before: Date, limit = 100): Promise<VideoMediaRow[]> {
  return db.selectFrom('video_media').selectAll().where('state', '=', 'retired').where('retired_at', '<', before).limit(limit).execute();
}

/** The platform's own upload limit (platforms.video_max_upload_bytes, added by migration 0008), or null. */
export async function findPlatformUploadLimit(db: Conn, platformId: string): Promise<number | null> {
  const row = await sql<{ limit: number | null }>`select video_max_upload_bytes as limit from platforms where id = ${platformId}`.execute(db);
  const value = row.rows[0]?.limit;
  return value === null || value === undefined ? null : Number(value);
}

export async function setPlatformUploadLimit(db: Conn, platformId: string, bytes: number | null): Promise<boolean> {
  const r = await sql`update platforms set video_max_upload_bytes = ${bytes} where id = ${platformId}`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

/** The person a download was signed for, on its platform (gone: undefined). */
export function findViewer(db: Conn, platformId: string, userId: string) {
  return db.selectFrom('lti_users').select(['id', 'sub', 'email', 'name']).where('id', '=', userId).where('platform_id', '=', platformId).executeTakeFirst();
}

/** The published media of these resources (`resourceIds` non-empty), in one query: the picker's thumbnails. */
export function listPublishedMedia(db: Conn, platformId: string, resourceIds: readonly string[]): Promise<VideoMediaRow[]> {
  return db.selectFrom('video_media').selectAll().where('platform_id', '=', platformId).where('state', '=', 'published').where('resource_id', 'in', resourceIds).execute();
}
