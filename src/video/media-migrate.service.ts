import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { AppError } from '../http/errors.js';
import { mediaContentType } from './storage/content-types.js';
import { LocalMediaStorage } from './storage/local-media-storage.js';
import type { S3MediaStorage } from './storage/s3-media-storage.js';
import { listFiles } from './storage/storage-files.js';
import { S3StorageError } from './storage/s3-storage-error.js';

export interface MediaMigrationProgress {
  /** Media handled so far, of `total`. */
  done: number;
  total: number;
  platformId: string;
  mediaId: string;
  copiedFiles: number;
  skippedFiles: number;
  copiedBytes: number;
}

export interface MediaMigrationSummary {
  bucket: string;
  media: number;
  copiedFiles: number;
  skippedFiles: number;
  copiedBytes: number;
  /** Every file of the library is in the bucket with its size: MEDIA_STORAGE=s3 may be set. */
  complete: boolean;
}

/** Names in a local media folder that are the machinery of a publish, not content. */
const TRANSIENT = /^out(\.link-|\.old-)/;

/**
 * `amphi media migrate --to s3`: copies every media of DATA_DIR/media (source, published outputs,
 * caption files beside them) to the bucket under the same keys S3MediaStorage reads, then writes
 * each media's output pointer. Files already there with the same size are skipped, so a run that
 * stopped goes on where it stopped and a second run copies only what changed meanwhile. Local files
 * stay: the operator switches (MEDIA_STORAGE=s3, restart) and removes DATA_DIR/media later.
 * Reads no database: it runs beside a running server.
 */
export async function migrateMediaToS3(config: Config, onProgress: (p: MediaMigrationProgress) => void = () => {}): Promise<MediaMigrationSummary> {
  if (config.storage.kind === 's3') throw new AppError('media-migrate-already-s3', 409);
  if (!config.storage.s3) throw new AppError('media-migrate-no-bucket', 400);
  const local = new LocalMediaStorage(config.dataDir);
  // The AWS SDK loads only here and with MEDIA_STORAGE=s3: other processes never pay for it.
  const { S3MediaStorage } = await import('./storage/s3-media-storage.js');
  const s3 = new S3MediaStorage(config.dataDir, config.storage.s3);
  const ready = await s3.checkReady();
  if (!ready.ok) throw new AppError('media-migrate-failed', 502, { reason: ready.reason });
  const folders = await local.listMediaFolders();
  const summary: MediaMigrationSummary = { bucket: config.storage.s3.bucket, media: 0, copiedFiles: 0, skippedFiles: 0, copiedBytes: 0, complete: false };
  try {
    for (const [index, { platformId, mediaId }] of folders.entries()) {
      const counts = await migrateOne(local, s3, platformId, mediaId);
      summary.media++;
      summary.copiedFiles += counts.copiedFiles;
      summary.skippedFiles += counts.skippedFiles;
      summary.copiedBytes += counts.copiedBytes;
      onProgress({ done: index + 1, total: folders.length, platformId, mediaId, ...counts });
    }
  } catch (err) {
    if (err instanceof S3StorageError) throw new AppError('media-migrate-failed', 502, { reason: err.message });
    throw err;
  }
  summary.complete = true;
  return summary;
}

async function migrateOne(local: LocalMediaStorage, s3: S3MediaStorage, platformId: string, mediaId: string) {
  const dir = path.join(local.mediaRoot, platformId, mediaId);
  const prefix = `media/${platformId}/${mediaId}/`;
  const counts = { copiedFiles: 0, skippedFiles: 0, copiedBytes: 0 };
  const existing = new Map((await s3.objects.list(prefix)).map((o) => [o.key, o.size]));
  const copy = async (file: string, key: string) => {
    const { size } = await fs.stat(file);
    if (existing.get(key) === size) {
      counts.skippedFiles++;
      return;
    }
    // putFile checks the size the bucket stored.
    await s3.objects.putFile(key, file, mediaContentType(file));
    counts.copiedFiles++;
    counts.copiedBytes += size;
  };
  // The published output: the folder `out` links to (or `out` itself, published before links).
  const link = await fs.readlink(path.join(dir, 'out')).catch(() => null);
  const hasOut = await fs.stat(path.join(dir, 'out')).then((s) => s.isDirectory(), () => false);
  const published = link && !link.includes('/') ? link : hasOut ? 'out-migrated' : null;
  for (const name of await fs.readdir(dir)) {
    if (name === 'out' || TRANSIENT.test(name) || (name.startsWith('out-') && name !== link)) continue;
    const full = path.join(dir, name);
    const stat = await fs.stat(full);
    if (stat.isFile()) await copy(full, `${prefix}${name}`);
    else if (stat.isDirectory()) for (const rel of await listFiles(full)) await copy(path.join(full, rel), `${prefix}${name}/${rel}`);
  }
  if (hasOut && published === 'out-migrated') {
    for (const rel of await listFiles(path.join(dir, 'out'))) await copy(path.join(dir, 'out', rel), `${prefix}${published}/${rel}`);
  }
  // The pointer last: a reader of the bucket never finds one naming files not all there yet.
  if (published && (await s3.objects.getText(`${prefix}out`)) !== published) await s3.objects.putText(`${prefix}out`, published);
  return counts;
}
