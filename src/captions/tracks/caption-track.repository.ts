import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { CaptionGenerationRow, CaptionGenerationsTable, CaptionTrackRow, CaptionTracksTable, CaptionVersionRow } from '../captions.table.js';

/** SQL for caption tracks, their versions and the automatic captions under way. */
type Conn = Db | Transaction<Database>;

export type CaptionTrackWithAuthor = CaptionTrackRow & { updated_by_name: string | null };

function tracksWithAuthor(db: Conn) {
  return db
    .selectFrom('caption_tracks as t')
    .leftJoin('lti_users as u', 'u.id', 't.updated_by')
    .selectAll('t')
    .select('u.name as updated_by_name');
}

export function listTracks(db: Conn, platformId: string, mediaId: string): Promise<CaptionTrackWithAuthor[]> {
  return tracksWithAuthor(db).where('t.platform_id', '=', platformId).where('t.media_id', '=', mediaId).orderBy('t.lang').execute();
}

export function findTrack(db: Conn, platformId: string, trackId: string): Promise<CaptionTrackWithAuthor | undefined> {
  return tracksWithAuthor(db).where('t.platform_id', '=', platformId).where('t.id', '=', trackId).executeTakeFirst();
}

export function findTrackByLang(db: Conn, mediaId: string, lang: string): Promise<CaptionTrackRow | undefined> {
  return db.selectFrom('caption_tracks').selectAll().where('media_id', '=', mediaId).where('lang', '=', lang).executeTakeFirst();
}

/** Locks the track's row for a new version (two saves at once: the second waits, then sees the first's version). */
export function lockTrack(trx: Transaction<Database>, trackId: string): Promise<CaptionTrackRow | undefined> {
  return trx.selectFrom('caption_tracks').selectAll().where('id', '=', trackId).forUpdate().executeTakeFirst();
}

export async function insertTrack(db: Conn, row: Insertable<CaptionTracksTable>): Promise<CaptionTrackRow | undefined> {
  // Another request made the language's track meanwhile: the caller decides (conflict or new version).
  return db.insertInto('caption_tracks').values(row).onConflict((oc) => oc.columns(['media_id', 'lang']).doNothing()).returningAll().executeTakeFirst();
}

export async function updateTrack(db: Conn, trackId: string, changes: Updateable<CaptionTracksTable>): Promise<void> {
  await db.updateTable('caption_tracks').set(changes).where('id', '=', trackId).execute();
}

export async function deleteTrack(db: Conn, platformId: string, trackId: string): Promise<boolean> {
  const r = await db.deleteFrom('caption_tracks').where('platform_id', '=', platformId).where('id', '=', trackId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export function findVersion(db: Conn, trackId: string, version: number): Promise<CaptionVersionRow | undefined> {
  return db.selectFrom('caption_versions').selectAll().where('track_id', '=', trackId).where('version', '=', version).executeTakeFirst();
}

export async function insertVersion(db: Conn, row: Omit<CaptionVersionRow, 'created_at'>): Promise<void> {
  await db.insertInto('caption_versions').values(row).execute();
}

export async function deleteVersion(db: Conn, trackId: string, version: number): Promise<void> {
  await db.deleteFrom('caption_versions').where('track_id', '=', trackId).where('version', '=', version).execute();
}

/** Newest first, without the cues. */
export function listVersions(db: Conn, trackId: string, limit: number) {
  return db
    .selectFrom('caption_versions as v')
    .leftJoin('lti_users as u', 'u.id', 'v.created_by')
    .select(['v.version', 'v.source', 'v.created_at', 'v.created_by', 'v.cue_count', 'u.name as created_by_name'])
    .where('v.track_id', '=', trackId)
    .orderBy('v.version', 'desc')
    .limit(limit)
    .execute();
}

/** Versions beyond the newest `keep` (the oldest go first; the track's first version stays). */
export async function pruneVersions(db: Conn, trackId: string, keep: number): Promise<void> {
  await sql`
    delete from caption_versions
    where track_id = ${trackId}
      and version <> (select min(version) from caption_versions where track_id = ${trackId})
      and version not in (select version from caption_versions where track_id = ${trackId} order by version desc limit ${keep})
  `.execute(db);
}

export function listGenerations(db: Conn, platformId: string, mediaId: string): Promise<CaptionGenerationRow[]> {
  return db.selectFrom('caption_generations').selectAll().where('platform_id', '=', platformId).where('media_id', '=', mediaId).orderBy('lang').execute();
}

export function findGeneration(db: Conn, id: string): Promise<CaptionGenerationRow | undefined> {
  return db.selectFrom('caption_generations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findGenerationByLang(db: Conn, mediaId: string, lang: string): Promise<CaptionGenerationRow | undefined> {
  return db.selectFrom('caption_generations').selectAll().where('media_id', '=', mediaId).where('lang', '=', lang).executeTakeFirst();
}

/** A new request for the language, or the failed one asked again; undefined when one is already queued or running. */
export async function upsertGeneration(db: Conn, row: Insertable<CaptionGenerationsTable>): Promise<CaptionGenerationRow | undefined> {
  return db
    .insertInto('caption_generations')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['media_id', 'lang'])
        .doUpdateSet({ id: row.id, status: 'queued', automatic: row.automatic, job_id: null, progress: null, progress_label: null, error: null, requested_by: row.requested_by ?? null, updated_at: new Date() })
        .where('caption_generations.status', '=', 'failed'),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function updateGeneration(db: Conn, id: string, changes: Updateable<CaptionGenerationsTable>): Promise<boolean> {
  const r = await db.updateTable('caption_generations').set({ ...changes, updated_at: new Date() }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteGeneration(db: Conn, id: string): Promise<void> {
  await db.deleteFrom('caption_generations').where('id', '=', id).execute();
}

/** platforms.captions_auto (migration 0017): make captions after each upload. */
export async function findPlatformCaptionsAuto(db: Conn, platformId: string): Promise<boolean> {
  const r = await sql<{ auto: boolean }>`select captions_auto as auto from platforms where id = ${platformId}`.execute(db);
  return r.rows[0]?.auto ?? false;
}

export async function setPlatformCaptionsAuto(db: Conn, platformId: string, auto: boolean): Promise<boolean> {
  const r = await sql`update platforms set captions_auto = ${auto} where id = ${platformId}`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}
