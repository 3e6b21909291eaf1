import type { AppContext } from '../app-context.js';
import { mediaStorage } from './storage/media-storage.js';
import { uploadStore } from './upload/upload.service.js';
import { deleteMediaRow, listRetiredBefore } from './video.repository.js';

/** A replaced media stays served this long: players mid-watch keep their stream. */
export const RETIRED_GRACE_MS = 6 * 3600_000;

/**
 * Periodic cleanup (src/housekeeping.ts): files of media retired for longer than the grace period,
 * and unfinished uploads older than VIDEO_UPLOAD_EXPIRY_HOURS. Returns what it removed.
 */
export async function cleanUpVideoFiles(ctx: AppContext, now = new Date()): Promise<{ retiredMedia: number; expiredUploads: number }> {
  const storage = mediaStorage(ctx.config.dataDir);
  let retiredMedia = 0;
  for (const media of await listRetiredBefore(ctx.db, new Date(now.getTime() - RETIRED_GRACE_MS))) {
    await storage.remove(media.platform_id, media.id);
    if (await deleteMediaRow(ctx.db, media.id)) retiredMedia++;
  }
  const expiredUploads = await uploadStore(ctx).deleteExpired();
  if (retiredMedia || expiredUploads) ctx.logger.info({ retiredMedia, expiredUploads }, 'video files cleaned up');
  return { retiredMedia, expiredUploads };
}
