import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import type { Transaction } from 'kysely';
import type { AppContext } from '../../app-context.js';
import type { Database } from '../../db/schema.js';
import { enqueueJob } from '../../jobs/job.service.js';
import { probeMedia, type MediaProbe } from '../ffmpeg/index.js';
import { mediaStorage } from '../storage/media-storage.js';
import { insertMedia } from '../video.repository.js';
import { TRANSCODE_MAX_ATTEMPTS } from '../video.service.js';

/**
 * A file that arrived by another way than the upload dialog (a BigBlueButton recording, later
 * other imports) handed to the video pipeline: the same probe, media row and 'transcode-video'
 * job as finishUpload (upload/upload.service.ts), so transcoding, progress and failures are the
 * pipeline's own.
 */

/** ffprobe's verdict on the file: throws MediaProbeError (refused, with a reason) or FfmpegUnavailableError. */
export function probeImportedFile(ctx: AppContext, file: string): Promise<MediaProbe> {
  return probeMedia(file, { ffprobePath: ctx.config.video.ffprobePath, ffmpegPath: ctx.config.video.ffmpegPath });
}

export interface ImportedFile {
  platformId: string;
  /** The video resource that owns the media (new: it has no media yet). */
  resourceId: string;
  /** The downloaded file: moved (renamed) into the media's folder, so on the same filesystem as DATA_DIR. */
  file: string;
  fileName: string;
  mime: string;
  probe: MediaProbe;
  createdBy: string | null;
}

/**
 * Moves the file under a new media and, inside the caller's transaction, records the media
 * (pending) and queues its transcode. The caller wakes the worker after commit. When the
 * transaction fails the caller calls `discard` (no file without its row).
 */
export async function placeImportedMedia(ctx: AppContext, trx: Transaction<Database>, f: ImportedFile): Promise<{ mediaId: string; discard: () => Promise<void> }> {
  const mediaId = crypto.randomUUID();
  const storage = mediaStorage(ctx.config.dataDir);
  const discard = () => storage.remove(f.platformId, mediaId).catch(() => undefined);
  const size = (await fs.stat(f.file)).size;
  await fs.rename(f.file, await storage.sourcePath(f.platformId, mediaId));
  try {
    const job = await enqueueJob(trx, 'transcode-video', { mediaId }, { platformId: f.platformId, maxAttempts: TRANSCODE_MAX_ATTEMPTS });
    await insertMedia(trx, {
      id: mediaId,
      platform_id: f.platformId,
      resource_id: f.resourceId,
      status: 'uploaded',
      file_name: f.fileName,
      mime: f.mime,
      size_bytes: size,
      probe: JSON.stringify(f.probe),
      job_id: job.id,
      created_by: f.createdBy,
    });
  } catch (err) {
    await discard();
    throw err;
  }
  return { mediaId, discard };
}
