import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { TranscodeOutput } from './ffmpeg/index.js';
import type { VideoMediaRow } from './video.table.js';

/**
 * The ONE place a media's status and state change. Each transition is a guarded UPDATE: it
 * applies only from the states it expects and returns the row when it did, so a job never
 * overwrites what a person changed meanwhile (cancelled, replaced, retried).
 *
 *   uploaded ──► transcoding ──► ready (published; the previous published one is retired)
 *                    │   └─► (first rendition of a first upload: published while transcoding)
 *                    └──► failed ──(retry)──► uploaded
 */
type Conn = Db | Transaction<Database>;

export async function markTranscoding(db: Conn, id: string, jobId: string): Promise<VideoMediaRow | undefined> {
  return db
    .updateTable('video_media')
    .set({ status: 'transcoding', job_id: jobId, progress: 0, progress_label: null, error: null })
    .where('id', '=', id)
    .where('status', 'in', ['uploaded', 'transcoding'])
    .where('state', 'in', ['pending', 'published'])
    .returningAll()
    .executeTakeFirst();
}

export async function recordProgress(db: Conn, id: string, progress: number, label: string | null): Promise<void> {
  await db.updateTable('video_media').set({ progress, progress_label: label }).where('id', '=', id).where('status', '=', 'transcoding').execute();
}

/** The lowest rendition is playable: published now when the resource has nothing published yet. */
export async function publishFirstRendition(db: Db, id: string, partial: TranscodeOutput): Promise<VideoMediaRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const media = await trx.selectFrom('video_media').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!media || media.state !== 'pending' || media.status !== 'transcoding') return undefined;
    const published = await trx
      .selectFrom('video_media')
      .select('id')
      .where('resource_id', '=', media.resource_id)
      .where('state', '=', 'published')
      .executeTakeFirst();
    if (published) return undefined;
    return trx
      .updateTable('video_media')
      .set({ state: 'published', first_rendition_ready: true, output: JSON.stringify(partial) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  });
}

/** Transcoded in full: ready and published, the previous published media retired, in one transaction. */
export async function publishMedia(db: Db, id: string, output: TranscodeOutput): Promise<VideoMediaRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const media = await trx.selectFrom('video_media').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!media || media.status !== 'transcoding' || media.state === 'retired') return undefined;
    await trx
      .updateTable('video_media')
      .set({ state: 'retired', retired_at: sql<Date>`now()` })
      .where('resource_id', '=', media.resource_id)
      .where('state', '=', 'published')
      .where('id', '!=', id)
      .execute();
    return trx
      .updateTable('video_media')
      .set({ status: 'ready', state: 'published', output: JSON.stringify(output), progress: 1, progress_label: null, error: null, ready_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
  });
}

/** Failed for good: back to pending (a partially published first upload is withdrawn), with the reason. */
export async function markFailed(db: Conn, id: string, error: string): Promise<VideoMediaRow | undefined> {
  return db
    .updateTable('video_media')
    .set({ status: 'failed', state: 'pending', error: error.slice(0, 2000), output: null, first_rendition_ready: false, progress: null, progress_label: null })
    .where('id', '=', id)
    .where('status', 'in', ['uploaded', 'transcoding'])
    .where('state', 'in', ['pending', 'published'])
    .returningAll()
    .executeTakeFirst();
}

/** The teacher retries a failed media: queued again under a new job. */
/** `from`: 'failed', or the status a media was left in when its job ended without it (see retryProcessing). */
export async function markRequeued(db: Conn, id: string, jobId: string, from: VideoMediaRow['status'] = 'failed'): Promise<VideoMediaRow | undefined> {
  return db
    .updateTable('video_media')
    .set({ status: 'uploaded', job_id: jobId, error: null, progress: null, progress_label: null })
    .where('id', '=', id)
    .where('status', '=', from)
    .where('state', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}
