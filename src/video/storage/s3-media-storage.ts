import fs from 'node:fs/promises';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { S3StorageConfig } from '../../config/config.js';
import { mediaContentType } from './content-types.js';
import { exists, forEachLimited, freshWorkDir, listFiles, readDirNames, removeIfOlder } from './storage-files.js';
import { assertSafeIds, isSafeOutputName, SAFE_ID, type MediaStorage, type OutputUrlOptions, type StorageReadiness } from './media-storage.types.js';
import { describeS3Error, makeS3Client, S3Objects } from './s3-objects.js';

/** How long a process trusts the pointer it read: a publish elsewhere is seen this late at most. */
const POINTER_TTL_MS = 2_000;
/** S3 refuses presigned URLs that live longer than a week (SigV4 query signing). */
const MAX_PRESIGN_SECONDS = 7 * 86400;
/** Readiness is probed often: one HeadBucket per this many milliseconds at most. */
const READY_TTL_MS = 5_000;
const UPLOAD_CONCURRENCY = 6;
/**
 * Housekeeping lists the whole `media/` prefix (one request per thousand objects) at most this
 * often: leftovers are a day old before they go, so an hour-old listing is enough. (Listing with
 * a delimiter would be cheaper, but s3rver, the S3 server the tests run, answers nested
 * delimiter listings with nothing.)
 */
const SCAN_EVERY_MS = 3600_000;

/**
 * Media in an S3-compatible bucket. Keys: `media/<platformId>/<mediaId>/source`,
 * `…/out-<stamp>/<file>` (a published output) and `…/out` (a pointer object naming the current
 * `out-<stamp>`). A publish uploads every file first, then rewrites the pointer in one PUT: readers
 * see the old output or the new one, never half of one. A superseded output stays until
 * housekeeping, a day later, so players holding its presigned URLs finish their segments.
 * Jobs work on local disk (DATA_DIR/tmp), the source is downloaded there first.
 */
export class S3MediaStorage implements MediaStorage {
  readonly kind = 's3' as const;
  readonly objects: S3Objects;
  private readonly presigner: S3Objects;
  private readonly tmpRoot: string;
  private readonly cacheRoot: string;
  private readonly pointers = new Map<string, { value: string | null; at: number }>();
  private ready: { at: number; result: Promise<StorageReadiness> } | undefined;
  private scan: { at: number; media: Map<string, Set<string>> } | undefined;

  constructor(
    dataDir: string,
    readonly settings: S3StorageConfig,
    private readonly scanEveryMs = SCAN_EVERY_MS,
  ) {
    this.objects = new S3Objects(makeS3Client(settings), settings.bucket);
    // Presigned URLs carry the host they were signed for: the one players reach, when it differs.
    this.presigner = settings.publicEndpoint ? new S3Objects(makeS3Client(settings, settings.publicEndpoint), settings.bucket) : this.objects;
    this.tmpRoot = path.join(dataDir, 'tmp');
    this.cacheRoot = path.join(dataDir, 'media-cache');
  }

  private prefix(platformId: string, mediaId: string): string {
    assertSafeIds(platformId, mediaId);
    return `media/${platformId}/${mediaId}/`;
  }

  private cachedSource(platformId: string, mediaId: string): string {
    assertSafeIds(platformId, mediaId);
    return path.join(this.cacheRoot, platformId, mediaId, 'source');
  }

  async sourcePath(platformId: string, mediaId: string): Promise<string> {
    const file = this.cachedSource(platformId, mediaId);
    await fs.mkdir(path.dirname(file), { recursive: true });
    if (!(await exists(file))) await this.objects.download(`${this.prefix(platformId, mediaId)}source`, file);
    return file;
  }

  async storeSource(platformId: string, mediaId: string, file: string): Promise<void> {
    await this.objects.putFile(`${this.prefix(platformId, mediaId)}source`, file, 'application/octet-stream');
    await fs.rm(file, { force: true });
  }

  async readSource(platformId: string, mediaId: string, workDir: string): Promise<string> {
    const key = `${this.prefix(platformId, mediaId)}source`;
    const cached = this.cachedSource(platformId, mediaId);
    // A file a caller renamed into the cache (an import): the bucket gets it now.
    if (await exists(cached)) {
      if ((await this.objects.size(key)) !== (await fs.stat(cached)).size) await this.objects.putFile(key, cached, 'application/octet-stream');
      return cached;
    }
    const file = path.join(workDir, 'source');
    if (!(await this.objects.download(key, file))) throw new Error(`the source of media ${mediaId} is not in bucket ${this.settings.bucket}`);
    return file;
  }

  workDir(name: string): Promise<string> {
    return freshWorkDir(this.tmpRoot, name);
  }

  async publishOutput(platformId: string, mediaId: string, dir: string): Promise<void> {
    const prefix = this.prefix(platformId, mediaId);
    const published = `out-${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const files = await listFiles(dir);
    await forEachLimited(files, UPLOAD_CONCURRENCY, (rel) => this.objects.putFile(`${prefix}${published}/${rel}`, path.join(dir, rel), mediaContentType(rel)));
    await this.objects.putText(`${prefix}out`, published);
    this.pointers.set(prefix, { value: published, at: Date.now() });
    await fs.rm(dir, { recursive: true, force: true });
  }

  resolveOutput(): string | null {
    return null;
  }

  /** The current `out-<stamp>` of a media, or null when nothing is published. */
  private async currentOutput(platformId: string, mediaId: string): Promise<string | null> {
    const prefix = this.prefix(platformId, mediaId);
    const cached = this.pointers.get(prefix);
    if (cached && Date.now() - cached.at < POINTER_TTL_MS) return cached.value;
    const text = await this.objects.getText(`${prefix}out`);
    const value = text && /^out-[A-Za-z0-9-]+$/.test(text.trim()) ? text.trim() : null;
    this.pointers.set(prefix, { value, at: Date.now() });
    return value;
  }

  private async outputKey(platformId: string, mediaId: string, rel: string): Promise<string | null> {
    if (!isSafeOutputName(rel)) return null;
    const current = await this.currentOutput(platformId, mediaId);
    return current ? `${this.prefix(platformId, mediaId)}${current}/${rel}` : null;
  }

  async outputUrl(platformId: string, mediaId: string, rel: string, options: OutputUrlOptions): Promise<string | null> {
    const key = await this.outputKey(platformId, mediaId, rel);
    if (!key) return null;
    // Signed as of the start of the quarter hour, expiring with the media token (quarter hours
    // too): every viewer in the same quarter gets the same URL, so playlists can be cached.
    const signedAt = Math.floor(Date.now() / 900_000) * 900;
    const expiresIn = Math.min(MAX_PRESIGN_SECONDS, Math.max(1, options.expiresAt - signedAt));
    const command = new GetObjectCommand({ Bucket: this.settings.bucket, Key: key, ...(options.disposition ? { ResponseContentDisposition: options.disposition } : {}) });
    return getSignedUrl(this.presigner.client, command, { expiresIn, signingDate: new Date(signedAt * 1000) });
  }

  async readOutputText(platformId: string, mediaId: string, rel: string): Promise<string | null> {
    const key = await this.outputKey(platformId, mediaId, rel);
    return key ? this.objects.getText(key) : null;
  }

  async removeOutput(platformId: string, mediaId: string): Promise<void> {
    const prefix = this.prefix(platformId, mediaId);
    const keys = (await this.objects.list(prefix)).map((o) => o.key).filter((k) => k.slice(prefix.length).startsWith('out'));
    // The pointer first: no reader finds a pointer to deleted files.
    await this.objects.deleteKeys([`${prefix}out`]);
    this.pointers.delete(prefix);
    await this.objects.deleteKeys(keys.filter((k) => k !== `${prefix}out`));
  }

  async remove(platformId: string, mediaId: string): Promise<void> {
    const prefix = this.prefix(platformId, mediaId);
    await this.objects.deleteKeys([`${prefix}out`]);
    this.pointers.delete(prefix);
    await this.objects.deletePrefix(prefix);
    await fs.rm(path.dirname(this.cachedSource(platformId, mediaId)), { recursive: true, force: true });
  }

  /** `<platformId>/<mediaId>` → the names right under it (`source`, `out`, `out-<stamp>`…), listed at most every scanEveryMs. */
  private async bucketScan(): Promise<Map<string, Set<string>>> {
    if (this.scan && Date.now() - this.scan.at < this.scanEveryMs) return this.scan.media;
    const media = new Map<string, Set<string>>();
    for (const { key } of await this.objects.list('media/')) {
      const [, platformId, mediaId, top] = key.split('/');
      if (!platformId || !mediaId || !top || !SAFE_ID.test(platformId) || !SAFE_ID.test(mediaId)) continue;
      const id = `${platformId}/${mediaId}`;
      if (!media.has(id)) media.set(id, new Set());
      media.get(id)!.add(top);
    }
    this.scan = { at: Date.now(), media };
    return media;
  }

  async listMediaFolders(): Promise<{ platformId: string; mediaId: string }[]> {
    return [...(await this.bucketScan()).keys()].map((id) => {
      const [platformId, mediaId] = id.split('/') as [string, string];
      return { platformId, mediaId };
    });
  }

  async folderChangedAt(platformId: string, mediaId: string): Promise<Date | null> {
    const objects = await this.objects.list(this.prefix(platformId, mediaId));
    return objects.length ? new Date(Math.max(...objects.map((o) => o.changedAt.getTime()))) : null;
  }

  async removeWorkDirsBefore(before: Date): Promise<number> {
    let removed = 0;
    for (const name of await readDirNames(this.tmpRoot)) removed += await removeIfOlder(path.join(this.tmpRoot, name), before);
    // Cached sources (captions read them): the bucket keeps the original.
    for (const platformId of await readDirNames(this.cacheRoot)) {
      for (const mediaId of await readDirNames(path.join(this.cacheRoot, platformId))) removed += await removeIfOlder(path.join(this.cacheRoot, platformId, mediaId), before);
    }
    for (const [id, names] of await this.bucketScan()) {
      const [platformId, mediaId] = id.split('/') as [string, string];
      removed += await this.removeSupersededOutputs(platformId, mediaId, [...names].filter((n) => n.startsWith('out-')), before);
    }
    return removed;
  }

  /** Outputs a publish replaced (or a publish that died before its pointer) more than a while ago. */
  private async removeSupersededOutputs(platformId: string, mediaId: string, outputs: string[], before: Date): Promise<number> {
    const prefix = this.prefix(platformId, mediaId);
    const current = await this.currentOutput(platformId, mediaId);
    const currentAt = current ? stampTime(current) : 0;
    let removed = 0;
    for (const folder of outputs) {
      if (folder === current) continue;
      // Replaced when the current one was made; never pointed at: when it was made itself.
      const since = Math.max(currentAt, stampTime(folder));
      if (since >= before.getTime()) continue;
      await this.objects.deletePrefix(`${prefix}${folder}/`);
      removed++;
    }
    return removed;
  }

  async checkReady(): Promise<StorageReadiness> {
    if (this.ready && Date.now() - this.ready.at < READY_TTL_MS) return this.ready.result;
    const result = this.objects.headBucket().then(
      (): StorageReadiness => ({ ok: true }),
      (err: unknown): StorageReadiness => ({ ok: false, reason: `media storage: bucket ${this.settings.bucket} ${describeS3Error((err as Error).cause ?? err)}` }),
    );
    this.ready = { at: Date.now(), result };
    return result;
  }
}

function stampTime(folder: string): number {
  const ms = Number(/^out-(\d+)-/.exec(folder)?.[1] ?? NaN);
  return Number.isFinite(ms) ? ms : 0;
}
