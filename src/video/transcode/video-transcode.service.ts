import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../../app-context.js';
import { randomUUID } from 'node:crypto';
import { JobAbortedError, type JobRunContext } from '../../jobs/job-registry.js';
import { transcodeMedia, type MediaProbe, type TranscodeOutput } from '../ffmpeg/index.js';
import { mediaStorage } from '../storage/media-storage.js';
import { deleteMediaRow, findMediaById, findResourceMedia } from '../video.repository.js';
import { markFailed, markTranscoding, publishFirstRendition, publishMedia, recordProgress } from '../video-status.js';

/** At most one progress write a second: ffmpeg reports many times a second. */
const PROGRESS_WRITE_MS = 1000;

/**
 * Transcodes one media (the 'transcode-video' job). Works in DATA_DIR/tmp/<jobId> (on S3 the
 * source is downloaded there and the outputs uploaded from there), cleaned in
 * `finally`; outputs move into place only when complete (or, for a first upload, the first
 * playable rendition). Reloads the row around each step and never overwrites what a person changed
 * meanwhile (cancelled: the row is gone; replaced: the row is no longer pending).
 */
export async function transcodeVideoMedia(ctx: AppContext, mediaId: string, run: JobRunContext): Promise<void> {
  const log = run.logger.child({ mediaId });
  const media = await markTranscoding(ctx.db, mediaId, run.jobId);
  if (!media) return log.info('media gone, cancelled or already done: nothing to transcode');
  const storage = mediaStorage(ctx.config.dataDir);
  // Per run: a run that lost its lease must never clean up the folder of the run that took over.
  const workDir = await storage.workDir(`job-${run.jobId}-${run.attempt}-${randomUUID().slice(0, 8)}`);
  const outputDir = path.join(workDir, 'out');
  let lastWrite = 0;
  try {
    const output = await ctx.metrics.timeTranscode(run.signal, transcodeMedia({
      input: await storage.readSource(media.platform_id, media.id, workDir),
      outputDir,
      probe: media.probe as MediaProbe,
      ffmpegPath: ctx.config.video.ffmpegPath,
      signal: run.signal,
      logger: log,
      onProgress(fraction, label) {
        run.reportProgress(fraction, label);
        if (Date.now() - lastWrite < PROGRESS_WRITE_MS) return;
        lastWrite = Date.now();
        recordProgress(ctx.db, media.id, fraction, label).catch((err) => log.warn({ err }, 'progress not recorded'));
      },
      onFirstRendition: (partial) => publishFirstRenditionIfNeeded(ctx, media.id, outputDir, workDir, partial),
    }));
    await publishIfStillWanted(ctx, media.id, outputDir, output);
  } catch (err) {
    // Cancelled by an administrator (`amphi jobs cancel`): the teacher sees it and may retry.
    // Other aborts (shutdown, taken over) leave the media to the next run.
    if (run.signal.aborted && isCancel(run.signal.reason)) await failMedia(ctx, media.id, 'Cancelled by an administrator.');
    if (run.signal.aborted || !run.isLastAttempt) throw err;
    await failMedia(ctx, media.id, err instanceof Error ? err.message : String(err));
    throw err;
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

function isCancel(reason: unknown): boolean {
  return reason instanceof JobAbortedError && reason.reason === 'cancel';
}

/** A first upload: students may start watching the lowest rendition while the others encode. */
async function publishFirstRenditionIfNeeded(ctx: AppContext, mediaId: string, outputDir: string, workDir: string, partial: TranscodeOutput) {
  const media = await findMediaById(ctx.db, mediaId);
  if (!media || media.state !== 'pending' || media.status !== 'transcoding') return;
  const { published } = await findResourceMedia(ctx.db, media.platform_id, media.resource_id);
  if (published) return;
  // A copy of what is playable now: ffmpeg keeps writing the other renditions in outputDir.
  const staging = path.join(workDir, 'first');
  await fs.rm(staging, { recursive: true, force: true });
  const files = [partial.master, partial.poster, ...partial.thumbnails, ...partial.renditions.map((r) => path.dirname(r.playlist))];
  for (const rel of new Set(files)) {
    await fs.cp(path.join(outputDir, rel), path.join(staging, rel), { recursive: true });
  }
  const storage = mediaStorage(ctx.config.dataDir);
  await storage.publishOutput(media.platform_id, media.id, staging);
  if (!(await publishFirstRendition(ctx.db, mediaId, { ...partial, storyboard: null, download: null }))) {
    await storage.removeOutput(media.platform_id, media.id);
  }
}

async function publishIfStillWanted(ctx: AppContext, mediaId: string, outputDir: string, output: TranscodeOutput) {
  const media = await findMediaById(ctx.db, mediaId);
  if (!media || media.status !== 'transcoding' || media.state === 'retired') return;
  const storage = mediaStorage(ctx.config.dataDir);
  await storage.publishOutput(media.platform_id, media.id, outputDir);
  if (!(await publishMedia(ctx.db, mediaId, output))) {
    // Cancelled between the check and the transaction: the files go with it.
    if (!(await findMediaById(ctx.db, mediaId))) await storage.remove(media.platform_id, media.id);
    return;
  }
  ctx.logger.info({ mediaId, resourceId: media.resource_id, durationSeconds: output.durationSeconds }, 'video ready');
}

/** Failed for good: the reason for the teacher, no half-published stream; a published one stays. */
async function failMedia(ctx: AppContext, mediaId: string, reason: string) {
  const media = await findMediaById(ctx.db, mediaId);
  if (!media) return;
  const storage = mediaStorage(ctx.config.dataDir);
  const { pending } = await findResourceMedia(ctx.db, media.platform_id, media.resource_id);
  if (media.state === 'published' && pending && pending.id !== media.id) {
    // A partially published first upload, replaced meanwhile by another upload: it simply goes.
    await storage.remove(media.platform_id, media.id);
    await deleteMediaRow(ctx.db, media.id);
    return;
  }
  if (await markFailed(ctx.db, mediaId, reason)) await storage.removeOutput(media.platform_id, media.id);
  ctx.logger.warn({ mediaId, resourceId: media.resource_id, reason }, 'video transcoding failed');
}
