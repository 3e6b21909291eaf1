import fs from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../app-context.js';
import { JobAbortedError, type JobRunContext } from '../../jobs/job-registry.js';
import { ProgressWriter, enqueueJob } from '../../jobs/job.service.js';
import { mediaSourcePath, mediaWorkDir } from '../../video/media-files.service.js';
import { getMediaById } from '../../video/media-lookup.service.js';
import type { VideoMediaRow } from '../../video/video.table.js';
import { NoAudioError } from '../asr/audio-extract.js';
import { SpeechEngineUnavailableError } from '../asr/speech-engine-error.js';
import { transcribeMedia } from '../asr/transcribe-media.js';
import type { CaptionGenerationRow } from '../captions.table.js';
import { buildCues } from '../format/cue-builder.js';
import {
  deleteGeneration,
  findGeneration,
  findPlatformCaptionsAuto,
  findTrackByLang,
  updateGeneration,
  upsertGeneration,
} from '../tracks/caption-track.repository.js';
import { putTrackContent } from '../tracks/caption-track.service.js';

/** Recognition that failed three times (the engine crashing on this file) will not pass a fourth. */
export const GENERATE_MAX_ATTEMPTS = 3;

/** Why automatic captions failed, as the tool shows it (CaptionGenerationView.error). */
export type GenerationFailure = 'no-audio' | 'engine-failed' | 'cancelled' | 'no-speech';

/**
 * Asks for automatic captions of a media in a language: a 'generate-captions' job, unless one is
 * already queued or running for it (the same request twice is one job).
 */
export async function requestGeneration(
  ctx: AppContext,
  media: Pick<VideoMediaRow, 'id' | 'platform_id'>,
  lang: string,
  by: { automatic: boolean; userId: string | null },
): Promise<CaptionGenerationRow | undefined> {
  const row = await ctx.db.transaction().execute(async (trx) => {
    const generation = await upsertGeneration(trx, {
      id: randomUUID(),
      platform_id: media.platform_id,
      media_id: media.id,
      lang,
      status: 'queued',
      automatic: by.automatic,
      requested_by: by.userId,
    });
    if (!generation) return undefined;
    const job = await enqueueJob(trx, 'generate-captions', { generationId: generation.id }, { platformId: media.platform_id, maxAttempts: GENERATE_MAX_ATTEMPTS });
    await updateGeneration(trx, generation.id, { job_id: job.id });
    return { ...generation, job_id: job.id };
  });
  if (row) ctx.jobs.wake();
  return row;
}

/**
 * After a media is published (the transcode job): automatic captions in the server's caption
 * language, when the platform wants them, an engine can make them, the media has sound and no
 * track of that language exists (a recording imported with its captions keeps them).
 */
export async function requestAutomaticCaptions(ctx: AppContext, mediaId: string): Promise<void> {
  const media = await getMediaById(ctx.db, mediaId);
  if (!media || media.state !== 'published' || !media.probe?.audio) return;
  const lang = ctx.config.captions.autoLang;
  if (!ctx.speech.engineFor(lang)) return void ctx.logger.info({ mediaId, lang }, 'no speech engine for the automatic captions language: none made');
  if (!(await findPlatformCaptionsAuto(ctx.db, media.platform_id))) return;
  if (await findTrackByLang(ctx.db, media.id, lang)) return;
  await requestGeneration(ctx, media, lang, { automatic: true, userId: null });
}

/** The 'generate-captions' job: recognise, build cues, store them as the language's track. */
export async function runGeneration(ctx: AppContext, generationId: string, run: JobRunContext): Promise<void> {
  const generation = await findGeneration(ctx.db, generationId);
  if (!generation) return run.logger.info({ generationId }, 'caption generation gone: nothing to do');
  const log = run.logger.child({ generationId, mediaId: generation.media_id, lang: generation.lang });
  const media = await getMediaById(ctx.db, generation.media_id);
  if (!media || media.state === 'retired') {
    await deleteGeneration(ctx.db, generation.id);
    return log.info('media gone or replaced: no captions made');
  }
  if (!media.probe?.audio) return fail(ctx, generation, 'no-audio', log);
  await updateGeneration(ctx.db, generation.id, { status: 'running', progress: 0, progress_label: 'audio', error: null });
  const progress = new ProgressWriter(async (fraction, label) => {
    await updateGeneration(ctx.db, generation.id, { progress: fraction, progress_label: label });
  });
  const workDir = await mediaWorkDir(ctx, `captions-${run.jobId}-${run.attempt}-${randomUUID().slice(0, 8)}`);
  try {
    const result = await transcribeMedia({
      input: await mediaSourcePath(ctx, media.platform_id, media.id),
      lang: generation.lang,
      engines: ctx.speech,
      ffmpegPath: ctx.config.video.ffmpegPath,
      ffprobePath: ctx.config.video.ffprobePath,
      workDir,
      concurrency: ctx.config.captions.concurrency,
      signal: run.signal,
      logger: log,
      onProgress(fraction, label) {
        // Audio extraction is quick; recognition is the long part.
        const overall = label === 'audio' ? fraction * 0.1 : 0.1 + fraction * 0.85;
        run.reportProgress(overall, label);
        progress.report(overall, label);
      },
    });
    await progress.flush();
    const cues = buildCues(result.words, ctx.config.captions.limits, { lang: generation.lang, mediaEnd: result.durationSeconds });
    if (cues.length === 0) return await fail(ctx, generation, 'no-speech', log);
    await storeIfStillWanted(ctx, generation, cues, log);
  } catch (err) {
    await progress.flush().catch(() => undefined);
    if (err instanceof NoAudioError) return await fail(ctx, generation, 'no-audio', log);
    if (run.signal.aborted && isCancel(run.signal.reason)) return await fail(ctx, generation, 'cancelled', log);
    // A missing engine will not come back by retrying: the admin is told in the log, the teacher sees the failure.
    if (err instanceof SpeechEngineUnavailableError) {
      log.error({ err }, 'speech engine unavailable');
      return await fail(ctx, generation, 'engine-failed', log);
    }
    if (run.signal.aborted || !run.isLastAttempt) {
      await updateGeneration(ctx.db, generation.id, { status: 'queued' }).catch(() => undefined);
      throw err;
    }
    log.error({ err }, 'speech recognition failed');
    await fail(ctx, generation, 'engine-failed', log);
    throw err;
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

/**
 * Stores the cues unless the world moved on meanwhile: the request cancelled (row gone), the
 * media replaced, or a person made or changed the language's track after the request (theirs stays).
 */
async function storeIfStillWanted(ctx: AppContext, generation: CaptionGenerationRow, cues: ReturnType<typeof buildCues>, log: JobRunContext['logger']) {
  const current = await findGeneration(ctx.db, generation.id);
  const media = await getMediaById(ctx.db, generation.media_id);
  if (!current || !media || media.state === 'retired') return log.info('request or media gone meanwhile: captions dropped');
  const track = await findTrackByLang(ctx.db, media.id, generation.lang);
  const changedByPerson = track && track.updated_at > generation.created_at && track.source !== 'automatic';
  if (changedByPerson || (generation.automatic && track)) {
    log.info({ trackId: track.id }, 'a track of this language was made meanwhile: kept, automatic captions dropped');
  } else {
    const stored = await putTrackContent(ctx, { platformId: media.platform_id, mediaId: media.id }, { lang: generation.lang, source: 'automatic', cues, by: null });
    log.info({ trackId: stored.id, version: stored.version, cues: cues.length }, 'automatic captions stored');
  }
  await deleteGeneration(ctx.db, generation.id);
}

async function fail(ctx: AppContext, generation: CaptionGenerationRow, reason: GenerationFailure, log: JobRunContext['logger']): Promise<void> {
  log.warn({ reason }, 'automatic captions failed');
  await updateGeneration(ctx.db, generation.id, { status: 'failed', error: reason, progress: null, progress_label: null });
}

function isCancel(reason: unknown): boolean {
  return reason instanceof JobAbortedError && reason.reason === 'cancel';
}
