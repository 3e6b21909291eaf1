import crypto from 'node:crypto';
import fsSync from 'node:fs';
import { FileStore } from '@tus/file-store';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../app-context.js';
import { loadEditableResource } from '../../content/resource.service.js';
import { AppError, BadRequestError } from '../../http/errors.js';
import { translate, type Locale, type MessageKey } from '../../http/messages.js';
import { enqueueJob } from '../../jobs/job.service.js';
import type { LaunchSession } from '../../lti/session/session.service.js';
import { FfmpegUnavailableError, MediaProbeError, probeMedia, type MediaProbeReason } from '../ffmpeg/index.js';
import { mediaStorage } from '../storage/media-storage.js';
import { S3StorageError } from '../storage/s3-storage-error.js';
import { findResourceMedia, insertMedia } from '../video.repository.js';
import { UploadMetadata } from '../video.schemas.js';
import { formatBytes } from '../byte-size.js';
import { maxUploadBytes, removeMedia, TRANSCODE_MAX_ATTEMPTS } from '../video.service.js';

/** Keys the server stamps into an upload's metadata at creation; a client's own values are dropped. */
export const STAMP = { platform: 'amphiPlatform', user: 'amphiUser', resource: 'amphiResource' } as const;

/** Free space kept beyond the upload: the transcode writes about twice the source again. */
const SPACE_FACTOR = 3;
const SPACE_MARGIN_BYTES = 512 * 1024 ** 2;

export function uploadsDir(ctx: AppContext): string {
  return path.join(ctx.config.dataDir, 'uploads');
}

/** The tus file store: each upload is `<id>` plus `<id>.json` (its metadata) under DATA_DIR/uploads. */
export function uploadStore(ctx: AppContext): FileStore {
  // FileStore's constructor creates its folder asynchronously and throws from the callback if that
  // fails (an uncaught exception); made here first, its own mkdir finds it and does nothing.
  fsSync.mkdirSync(uploadsDir(ctx), { recursive: true });
  return new FileStore({ directory: uploadsDir(ctx), expirationPeriodInMilliseconds: ctx.config.video.uploadExpiryHours * 3600_000 });
}

/** tus Upload-Metadata: "key base64value,key2 base64value" (https://tus.io/protocols/resumable-upload#upload-metadata). */
export function parseTusMetadata(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (header ?? '').split(',')) {
    const [key, value] = pair.trim().split(' ');
    if (key) out[key] = value ? Buffer.from(value, 'base64').toString('utf8') : '';
  }
  return out;
}

/**
 * May this session start this upload? An instructor who can edit the named video resource, a
 * size within the platform's limit (413) and room on the disk for it and its outputs (507).
 */
export async function authorizeUploadCreation(ctx: AppContext, session: LaunchSession, rawMetadata: string | undefined, length: number) {
  // The upload's owner (who may resume or delete it) is the person: an anonymous launch has none.
  if (!session.user) throw new BadRequestError('upload-needs-user', 422);
  const parsed = UploadMetadata.safeParse(parseTusMetadata(rawMetadata));
  if (!parsed.success) {
    throw new BadRequestError('upload-metadata', 400, { details: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  }
  const resource = await loadEditableResource(ctx, session, parsed.data.resourceId);
  if (resource.kind !== 'video') throw new AppError('not-a-video', 404, { resourceId: resource.id });
  const limit = await maxUploadBytes(ctx, session.platform.id);
  // Binary units, as the page writes them; in English: the problem's `detail` is English, and its localized copy shares the values.
  const size = (bytes: number) => formatBytes(bytes);
  if (!Number.isFinite(length) || length > limit) throw new AppError('upload-too-large', 413, { size: size(length), limit: size(limit) });
  await fs.mkdir(uploadsDir(ctx), { recursive: true });
  const stats = await fs.statfs(uploadsDir(ctx));
  const free = stats.bavail * stats.bsize;
  if (free < length * SPACE_FACTOR + SPACE_MARGIN_BYTES) throw new AppError('upload-disk-full', 507, { free: size(free) });
  return { resource, metadata: parsed.data };
}

/** The stamped metadata stored with the upload. */
export function stampMetadata(session: LaunchSession, resourceId: string, metadata: Record<string, string | null> | undefined): Record<string, string | null> {
  const own = Object.fromEntries(Object.entries(metadata ?? {}).filter(([k]) => !k.startsWith('amphi')));
  return { ...own, [STAMP.platform]: session.platform.id, [STAMP.user]: session.user?.id ?? '', [STAMP.resource]: resourceId };
}

/** HEAD/PATCH/DELETE on an upload: only by the platform and person who created it (else it does not exist). */
export function assertUploadOwner(session: LaunchSession, metadata: Record<string, string | null> | undefined): void {
  if (!metadata || metadata[STAMP.platform] !== session.platform.id || metadata[STAMP.user] !== (session.user?.id ?? '')) {
    throw new AppError('upload-not-found', 404);
  }
}

/**
 * The 422 problem+json of a refused file, with `detail` (and `localizedDetail`, as the error
 * middleware names it) in the person's language: the upload dialog shows it as is.
 */
export function refusalProblem(locale: Locale, reason: MediaProbeReason, technicalDetail: string): Record<string, unknown> {
  const problem = {
    type: 'urn:amphi:problem:media-refused',
    title: 'Unprocessable Content',
    status: 422,
    code: 'media-refused',
    reason,
    detail: translate(locale, 'media-refused', { reason: translate(locale, `media-refused.${reason}` as MessageKey) }),
    technicalDetail,
  };
  // The same fields as the error middleware's problems: the page reads `localizedDetail` and its `locale`.
  return { ...problem, locale, localizedDetail: problem.detail };
}

/** The server cannot run ffprobe/ffmpeg: 503, the file is not at fault (and was not kept). */
export function toolsMissingProblem(locale: Locale): Record<string, unknown> {
  const detail = translate(locale, 'video-tools-missing');
  return { type: 'urn:amphi:problem:video-tools-missing', title: 'Service Unavailable', status: 503, code: 'video-tools-missing', detail, locale, localizedDetail: detail };
}

/** The bucket refused or could not be reached: 503, nothing kept, the person may try again. */
export function storageUnavailableProblem(locale: Locale): Record<string, unknown> {
  const detail = translate(locale, 'media-storage-unavailable');
  return { type: 'urn:amphi:problem:media-storage-unavailable', title: 'Service Unavailable', status: 503, code: 'media-storage-unavailable', detail, locale, localizedDetail: detail };
}

const finishing = new Map<string, Promise<unknown>>();

/** Runs `task` after any other task of the same key in this process. */
async function oneAtATime<T>(key: string, task: () => Promise<T>): Promise<T> {
  const before = finishing.get(key) ?? Promise.resolve();
  const run = before.catch(() => undefined).then(task);
  finishing.set(key, run);
  try {
    return await run;
  } finally {
    if (finishing.get(key) === run) finishing.delete(key);
  }
}

export type FinishResult = { accepted: true; mediaId: string } | { accepted: false; problem: Record<string, unknown> };

/**
 * The last byte arrived: probe the file. Refused: delete it, say why in the person's language.
 * Accepted: move it under the media, record the media (pending) and queue its transcode in one
 * transaction; an earlier upload of the same resource still being prepared is cancelled.
 */
export async function finishUpload(
  ctx: AppContext,
  session: LaunchSession,
  upload: { id: string; size: number; metadata: Record<string, string | null> },
  removeUpload: () => Promise<void>,
): Promise<FinishResult> {
  const file = path.join(uploadsDir(ctx), upload.id);
  const resourceId = upload.metadata[STAMP.resource]!;
  let probe;
  try {
    probe = await probeMedia(file, { ffprobePath: ctx.config.video.ffprobePath, ffmpegPath: ctx.config.video.ffmpegPath });
  } catch (err) {
    await removeUpload().catch(() => undefined);
    if (err instanceof FfmpegUnavailableError) {
      ctx.logger.error({ err }, 'ffprobe/ffmpeg cannot be started: video uploads cannot be checked');
      return { accepted: false, problem: toolsMissingProblem(session.locale) };
    }
    if (!(err instanceof MediaProbeError)) throw err;
    ctx.logger.info({ resourceId, reason: err.reason, detail: err.detail }, 'upload refused');
    return { accepted: false, problem: refusalProblem(session.locale, err.reason, err.detail) };
  }
  const mediaId = crypto.randomUUID();
  const storage = mediaStorage(ctx.config.dataDir);
  // Two tabs finishing uploads of one video at once: one after the other, the later one wins.
  const stored = await oneAtATime(`${session.platform.id}/${resourceId}`, async () => {
    const previous = (await findResourceMedia(ctx.db, session.platform.id, resourceId)).pending;
    if (previous) await removeMedia(ctx, previous);
    try {
      // On S3 the whole file is sent (and its size checked) before the row exists: a failed or
      // half transfer leaves no media behind, and the upload's error reaches the person.
      await storage.storeSource(session.platform.id, mediaId, file);
      await fs.rm(`${file}.json`, { force: true });
      await ctx.db.transaction().execute(async (trx) => {
        const job = await enqueueJob(trx, 'transcode-video', { mediaId }, { platformId: session.platform.id, maxAttempts: TRANSCODE_MAX_ATTEMPTS });
        await insertMedia(trx, {
          id: mediaId,
          platform_id: session.platform.id,
          resource_id: resourceId,
          status: 'uploaded',
          file_name: upload.metadata.filename ?? 'video',
          mime: upload.metadata.filetype || 'application/octet-stream',
          size_bytes: upload.size,
          probe: JSON.stringify(probe),
          job_id: job.id,
          created_by: session.user?.id ?? null,
        });
      });
    } catch (err) {
      // No file without its row (another process's upload of the same video won the race, or the database failed).
      await storage.remove(session.platform.id, mediaId).catch(() => undefined);
      await removeUpload().catch(() => undefined);
      if (!(err instanceof S3StorageError)) throw err;
      ctx.logger.error({ err, resourceId }, 'upload not stored: media storage unavailable');
      return false;
    }
    return true;
  });
  if (!stored) return { accepted: false, problem: storageUnavailableProblem(session.locale) };
  ctx.jobs.wake();
  ctx.logger.info({ mediaId, resourceId, sizeBytes: upload.size, format: probe.formatName }, 'video uploaded, transcoding queued');
  return { accepted: true, mediaId };
}
