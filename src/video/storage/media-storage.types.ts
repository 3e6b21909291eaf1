/**
 * Where media bytes live: local disk (the embedded default) or an S3-compatible bucket.
 * Layout per media, under `<platformId>/<mediaId>/`: `source` (the uploaded file) and the
 * published outputs (HLS, poster, thumbnails, download), switched in one step (a link on disk, a
 * pointer object on S3) so a player never sees half an output, nor none. Jobs always work in a
 * local scratch folder (`workDir`): ffmpeg reads and writes files.
 */
export interface MediaStorage {
  readonly kind: 'local' | 's3';
  /**
   * A local path of the media's source. Local: its place (a caller may rename a finished file
   * there). S3: a cached copy, downloaded when the bucket has it; a file renamed there is sent to
   * the bucket by the next `readSource`.
   */
  sourcePath(platformId: string, mediaId: string): Promise<string>;
  /** Makes the finished local `file` the media's source (moved: the file is gone afterwards). */
  storeSource(platformId: string, mediaId: string, file: string): Promise<void>;
  /** A local path to read the source from; on S3 a copy made in `workDir` (the job's scratch folder). */
  readSource(platformId: string, mediaId: string, workDir: string): Promise<string>;
  /** A fresh work directory for a job, on local disk. */
  workDir(name: string): Promise<string>;
  /** Replaces the media's served outputs with `dir` (moved or uploaded; `dir` is gone afterwards). */
  publishOutput(platformId: string, mediaId: string, dir: string): Promise<void>;
  /**
   * Local disk: the absolute path of a served file, or null when `rel` tries to leave the output
   * directory. Object storage has no such path: always null there (use `outputUrl`).
   */
  resolveOutput(platformId: string, mediaId: string, rel: string): string | null;
  /**
   * Object storage: a short-lived URL of a served file that players fetch from the bucket itself
   * (null when `rel` is not a served name). Local disk: null (Amphi sends the file).
   */
  outputUrl(platformId: string, mediaId: string, rel: string, options: OutputUrlOptions): Promise<string | null>;
  /** A served text file (a playlist), or null when it is not there. */
  readOutputText(platformId: string, mediaId: string, rel: string): Promise<string | null>;
  /** Deletes the served outputs only (a failed transcode keeps its source for a retry). */
  removeOutput(platformId: string, mediaId: string): Promise<void>;
  /** Deletes everything of a media. */
  remove(platformId: string, mediaId: string): Promise<void>;
  /** Every media folder: housekeeping finds leftovers without a row. */
  listMediaFolders(): Promise<{ platformId: string; mediaId: string }[]>;
  /** When a media folder last changed (null: gone). */
  folderChangedAt(platformId: string, mediaId: string): Promise<Date | null>;
  /**
   * Work folders (and on S3, cached sources and superseded outputs) last changed before `before`,
   * removed; returns how many.
   */
  removeWorkDirsBefore(before: Date): Promise<number>;
  /** Can the storage be used now? A readable reason when not (/readyz). */
  checkReady(): Promise<StorageReadiness>;
}

export interface OutputUrlOptions {
  /** Unix seconds: the URL stops working then (the media token's own expiry). */
  expiresAt: number;
  /** `attachment; filename=…` for a download. */
  disposition?: string;
}

export type StorageReadiness = { ok: true } | { ok: false; reason: string };

export const SAFE_ID = /^[A-Za-z0-9_-]{1,80}$/;

export function assertSafeIds(platformId: string, mediaId: string): void {
  if (!SAFE_ID.test(platformId) || !SAFE_ID.test(mediaId)) throw new Error(`unsafe media path ${platformId}/${mediaId}`);
}

/**
 * A served name relative to the outputs (`master.m3u8`, `720p/seg_001.m4s`): no empty part, no
 * dot first (no `..`), no back-slash, no absolute path.
 */
export function isSafeOutputName(rel: string): boolean {
  if (!rel || rel.startsWith('/') || rel.includes('\\') || rel.includes('\0')) return false;
  return rel.split('/').every((p) => p !== '' && !p.startsWith('.'));
}
