import fs from 'node:fs';
import type { AppContext } from '../app-context.js';
import type { Config } from '../config/config.js';
import { mediaStorage } from './storage/media-storage.js';
import { uploadsDir, uploadStore } from './upload/upload.service.js';
import { deleteMediaRow, findExistingMediaIds, listRetiredBefore } from './video.repository.js';

/**
 * A replaced media stays served as long as a URL signed before its replacement may live (token
 * lifetime, rounded up to the quarter hour), and a quarter hour more: players mid-watch keep their stream.
 */
export function retiredGraceMs(config: Config): number {
  return (config.video.mediaUrlTtlSeconds + 2 * 900) * 1000;
}

/**
 * Leftovers older than this are removed: work folders of runs that crashed or were killed, media
 * folders without a row (their platform removed, a transaction that failed after the file moved).
 * A day: far beyond the move-then-insert of an upload, and a transcode renews its folder as it writes.
 */
const LEFTOVER_AGE_MS = 24 * 3600_000;

/**
 * Periodic cleanup (src/housekeeping.ts): files of media retired for longer than the grace period,
 * and unfinished uploads older than VIDEO_UPLOAD_EXPIRY_HOURS. Returns what it removed.
 */
export async function cleanUpVideoFiles(ctx: AppContext, now = new Date()): Promise<{ retiredMedia: number; expiredUploads: number; leftovers: number }> {
  const storage = mediaStorage(ctx.config.dataDir);
  let retiredMedia = 0;
  for (const media of await listRetiredBefore(ctx.db, new Date(now.getTime() - retiredGraceMs(ctx.config)))) {
    await storage.remove(media.platform_id, media.id);
    if (await deleteMediaRow(ctx.db, media.id)) retiredMedia++;
  }
  // No folder, no upload ever started here: nothing to expire (and no file store to create).
  const expiredUploads = fs.existsSync(uploadsDir(ctx)) ? await uploadStore(ctx).deleteExpired() : 0;
  const before = new Date(now.getTime() - LEFTOVER_AGE_MS);
  let leftovers = await storage.removeWorkDirsBefore(before);
  // Rows first, dates only for folders without one: on S3 a folder's date costs a listing.
  const folders = await storage.listMediaFolders();
  const known = new Set<string>();
  for (let i = 0; i < folders.length; i += 500) {
    for (const id of await findExistingMediaIds(ctx.db, folders.slice(i, i + 500).map((f) => f.mediaId))) known.add(id);
  }
  for (const folder of folders.filter((f) => !known.has(f.mediaId))) {
    const changedAt = await storage.folderChangedAt(folder.platformId, folder.mediaId);
    if (!changedAt || changedAt >= before) continue;
    await storage.remove(folder.platformId, folder.mediaId);
    leftovers++;
  }
  if (retiredMedia || expiredUploads || leftovers) ctx.logger.info({ retiredMedia, expiredUploads, leftovers }, 'video files cleaned up');
  return { retiredMedia, expiredUploads, leftovers };
}
