import type { Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { ClassroomRecordingRow } from '../classroom.table.js';

/** SQL on classroom_recordings (rows: the recording-ready callback, and imports). */
type Conn = Db | Transaction<Database>;

export function findRecordingRow(db: Conn, platformId: string, recordId: string): Promise<ClassroomRecordingRow | undefined> {
  return db.selectFrom('classroom_recordings').selectAll().where('platform_id', '=', platformId).where('record_id', '=', recordId).executeTakeFirst();
}

export function listRecordingRows(db: Conn, platformId: string, resourceId: string, recordIds: string[]): Promise<ClassroomRecordingRow[]> {
  if (recordIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('classroom_recordings')
    .selectAll()
    .where('platform_id', '=', platformId)
    .where('resource_id', '=', resourceId)
    .where('record_id', 'in', recordIds)
    .execute();
}

/**
 * Queues an import: the row is made when the callback never came. Only from no status or
 * 'failed' (the where clause is the guard: two clicks queue one import). Returns false when an
 * import is queued, running or done.
 */
export async function markImportQueued(
  db: Conn,
  r: { platformId: string; recordId: string; resourceId: string; jobId: string; importedBy: string | null },
): Promise<boolean> {
  await db
    .insertInto('classroom_recordings')
    .values({ platform_id: r.platformId, record_id: r.recordId, resource_id: r.resourceId })
    .onConflict((oc) => oc.columns(['platform_id', 'record_id']).doNothing())
    .execute();
  const res = await db
    .updateTable('classroom_recordings')
    .set({ import_status: 'queued', import_job_id: r.jobId, import_error: null, imported_by: r.importedBy, imported_resource_id: null })
    .where('platform_id', '=', r.platformId)
    .where('record_id', '=', r.recordId)
    .where('resource_id', '=', r.resourceId)
    .where((eb) => eb.or([eb('import_status', 'is', null), eb('import_status', '=', 'failed'), eb('imported_resource_id', 'is', null).and('import_status', '=', 'done')]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** queued → running (a retried run finds it running already). */
export async function markImportRunning(db: Conn, platformId: string, recordId: string): Promise<ClassroomRecordingRow | undefined> {
  return db
    .updateTable('classroom_recordings')
    .set({ import_status: 'running' })
    .where('platform_id', '=', platformId)
    .where('record_id', '=', recordId)
    .where('import_status', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
}

export async function markImportDone(db: Conn, platformId: string, recordId: string, videoResourceId: string): Promise<void> {
  await db
    .updateTable('classroom_recordings')
    .set({ import_status: 'done', imported_resource_id: videoResourceId, import_error: null })
    .where('platform_id', '=', platformId)
    .where('record_id', '=', recordId)
    .execute();
}

/** The reason of the last failed run; `final`: no run comes after (status failed, a new import may be asked). */
export async function recordImportError(db: Conn, platformId: string, recordId: string, reason: string, final: boolean): Promise<void> {
  await db
    .updateTable('classroom_recordings')
    .set({ import_error: reason.slice(0, 1000), ...(final ? { import_status: 'failed' as const } : {}) })
    .where('platform_id', '=', platformId)
    .where('record_id', '=', recordId)
    .where('import_status', 'in', ['queued', 'running'])
    .execute();
}

export async function deleteRecordingRow(db: Conn, platformId: string, recordId: string): Promise<void> {
  await db.deleteFrom('classroom_recordings').where('platform_id', '=', platformId).where('record_id', '=', recordId).execute();
}
