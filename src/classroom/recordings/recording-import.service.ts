import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { AppContext } from '../../app-context.js';
import { addResource, getResource } from '../../content/resource-lookup.service.js';
import { JobAbortedError, type JobRunContext } from '../../jobs/job-registry.js';
import { MediaProbeError } from '../../video/ffmpeg/index.js';
import { placeImportedMedia, probeImportedFile } from '../../video/import/import-media.service.js';
import { keepImportedCaptions } from '../../captions/tracks/imported-captions.service.js';
import { mediaWorkDir } from '../../video/media-files.service.js';
import { maxUploadBytes } from '../../video/video.service.js';
import type { Recording } from '../bbb/bbb.types.js';
import { bbbApiFor, bbbRecordingSourceFor } from '../servers/bbb-server.service.js';
import { fetchRecordingCaptions } from './recording-captions.js';
import { DownloadRefusedError, downloadToFile } from './recording-download.js';
import { markImportDone, markImportRunning, recordImportError } from './recording.repository.js';
import { recordingName, videoFormat } from './recording-response.js';
import { recordingMeetingId } from './recording.service.js';

/** Fails the import for good, whatever attempts remain: trying again would change nothing. */
class ImportRefusedError extends Error {
  override name = 'ImportRefusedError';
}

/** At most one progress report a second. */
const PROGRESS_MS = 1000;

/**
 * The 'import-recording' job's work: the recording's MP4 (video format) downloaded into a work
 * folder, probed, made the media of a new video resource of the classroom's course, with its
 * caption tracks; then the video pipeline transcodes it like an upload. The row's import_status
 * is the truth; a run that finds it neither queued nor running does nothing.
 */
export async function importRecording(ctx: AppContext, platformId: string, recordId: string, run: JobRunContext): Promise<void> {
  const log = run.logger.child({ platformId, recordId });
  const row = await markImportRunning(ctx.db, platformId, recordId);
  if (!row) return log.info('no import queued for this recording: nothing to do');
  const classroom = await getResource(ctx.db, platformId, row.resource_id);
  if (!classroom) return log.info('the classroom is gone: nothing to import');
  const workDir = await mediaWorkDir(ctx, `import-${run.jobId}-${run.attempt}-${crypto.randomUUID().slice(0, 8)}`);
  try {
    const recording = await loadRecording(ctx, platformId, classroom.id, recordId);
    const format = videoFormat(recording);
    if (!format) throw new ImportRefusedError('the recording has no video playback format');
    // The video format's folder holds video-0.m4v (bbb-playback-video); a URL to a file is used as given.
    const url = format.url.endsWith('/') ? new URL('video-0.m4v', format.url).toString() : format.url;
    const file = path.join(workDir, 'recording.m4v');
    const source = await bbbRecordingSourceFor(ctx, platformId);
    let last = 0;
    await downloadToFile(url, file, {
      outbound: ctx.outbound,
      source,
      maxBytes: await maxUploadBytes(ctx, platformId),
      signal: run.signal,
      headersTimeoutMs: ctx.config.classroom.bbbTimeoutMs,
      onProgress(fraction) {
        if (fraction === null || Date.now() - last < PROGRESS_MS) return;
        last = Date.now();
        run.reportProgress(fraction * 0.9, 'download');
      },
    });
    const captions = await fetchRecordingCaptions(recording, { outbound: ctx.outbound, source, timeoutMs: ctx.config.classroom.bbbTimeoutMs, signal: run.signal });
    const probe = await probeImportedFile(ctx, file);
    const title = importedTitle(recording, classroom.settings);
    const videoId = crypto.randomUUID();
    let discard: (() => Promise<void>) | undefined;
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await addResource(trx, {
          id: videoId,
          platform_id: platformId,
          context_id: classroom.context_id,
          kind: 'video',
          title,
          description: '',
          created_by: row.imported_by,
          settings: JSON.stringify({ allowDownload: false }),
        });
        const placed = await placeImportedMedia(ctx, trx, { platformId, resourceId: videoId, file, fileName: `${title}.m4v`, mime: 'video/mp4', probe, createdBy: row.imported_by });
        discard = placed.discard;
        const kept = await keepImportedCaptions(ctx, trx, { platformId, mediaId: placed.mediaId }, captions);
        await markImportDone(trx, platformId, recordId, videoId);
        log.info({ videoResourceId: videoId, mediaId: placed.mediaId, captions: kept }, 'recording imported, transcoding queued');
      });
    } catch (err) {
      await discard?.();
      throw err;
    }
    ctx.jobs.wake();
    run.reportProgress(1, 'done');
  } catch (err) {
    await failImportIfNeeded(ctx, platformId, recordId, err, run);
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

async function loadRecording(ctx: AppContext, platformId: string, resourceId: string, recordId: string): Promise<Recording> {
  const bbb = await bbbApiFor(ctx, platformId);
  const answer = await bbb.getRecordings({ recordID: [recordId], state: ['processing', 'processed', 'published', 'unpublished'] });
  const found = answer.recordings.find((r) => r.recordID === recordId && r.meetingID === recordingMeetingId(resourceId));
  if (!found) throw new ImportRefusedError('BigBlueButton no longer has this recording');
  return found;
}

/** "<name> – <date of the session in the classroom's time zone>". */
function importedTitle(recording: Recording, settings: Record<string, unknown>): string {
  const zone = typeof settings.timeZone === 'string' ? settings.timeZone : 'UTC';
  const start = DateTime.fromMillis(recording.startTime, { zone });
  const date = (start.isValid ? start : DateTime.fromMillis(recording.startTime, { zone: 'UTC' })).toFormat('yyyy-MM-dd HH:mm');
  return `${recordingName(recording).slice(0, 230)} – ${date}`;
}

/**
 * Keeps the reason. Refused (no video format, a file ffprobe refuses, 404, too large) or last
 * attempt: failed, the teacher may ask again. Otherwise the job tries again (the error is rethrown).
 */
async function failImportIfNeeded(ctx: AppContext, platformId: string, recordId: string, err: unknown, run: JobRunContext): Promise<void> {
  const cancelled = run.signal.aborted && run.signal.reason instanceof JobAbortedError && run.signal.reason.reason === 'cancel';
  if (cancelled) await recordImportError(ctx.db, platformId, recordId, 'Cancelled by an administrator.', true);
  if (run.signal.aborted) throw err;
  const refused = err instanceof ImportRefusedError || err instanceof DownloadRefusedError || err instanceof MediaProbeError;
  const reason = err instanceof MediaProbeError ? `the file is not a playable video (${err.reason})` : err instanceof Error ? err.message : String(err);
  await recordImportError(ctx.db, platformId, recordId, reason, refused || run.isLastAttempt);
  run.logger.warn({ platformId, recordId, reason, final: refused || run.isLastAttempt }, 'recording import failed');
  if (!refused) throw err;
}
