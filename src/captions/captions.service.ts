import type { AppContext } from '../app-context.js';
import { AppError, BadRequestError, ConflictError, NotFoundError } from '../http/errors.js';
import type { MessageKey } from '../http/messages.js';
import type { LaunchSession } from '../lti/session/session.service.js';
import type { TranscodeOutput } from '../video/ffmpeg/index.js';
import { captionPlayerViews } from '../video/media-files.service.js';
import { getMediaById } from '../video/media-lookup.service.js';
import { courseVideoPlaying, loadVideoMedia } from '../video/video.service.js';
import type { VideoMediaRow } from '../video/video.table.js';
import type { CaptionGenerationRow } from './captions.table.js';
import type {
  CaptionExportFormat,
  CaptionGenerationView,
  CaptionKind,
  CaptionsResponse,
  CaptionTrackDetail,
  CaptionTrackView,
  CaptionVersionsResponse,
  ImportCaptionsResponse,
} from './captions.view.js';
import { readCaptionFile, CaptionFileError } from './format/caption-file.js';
import type { Cue } from './format/cue.js';
import { sanitizeCueText } from './format/cue-text.js';
import { serializePlainText } from './format/plain-text.js';
import { serializeSrt } from './format/srt.js';
import { serializeWebVtt } from './format/webvtt.js';
import { primaryLanguage } from './asr/speech-engines.js';
import { requestGeneration } from './generation/caption-generation.service.js';
import { deleteTrack, findPlatformCaptionsAuto, findTrackByLang, listGenerations, listTracks, listVersions, updateTrack, type CaptionTrackWithAuthor } from './tracks/caption-track.repository.js';
import { putTrackContent, requireTrack, saveTrackVersion, versionCues } from './tracks/caption-track.service.js';

/** Versions listed in the history (the store keeps at most about as many). */
const HISTORY_LIMIT = 60;

interface CaptionTarget {
  resource: Awaited<ReturnType<typeof loadVideoMedia>>['resource'];
  media: VideoMediaRow;
  ownsMedia: boolean;
}

/** The video's published media, for its teachers; `change`: only where the tracks are its own. */
async function target(ctx: AppContext, session: LaunchSession, resourceId: string, change: boolean): Promise<CaptionTarget> {
  const { resource, published, ownsMedia } = await loadVideoMedia(ctx, session, resourceId, 'edit');
  if (!published) throw new ConflictError('captions-no-media', 409, { resourceId });
  if (change && !ownsMedia) throw new AppError('captions-of-original', 403, { resourceId });
  return { resource, media: published, ownsMedia };
}

function durationOf(media: VideoMediaRow): number {
  return (media.output as TranscodeOutput | null)?.durationSeconds ?? media.probe?.durationSeconds ?? 0;
}

function trackView(ctx: AppContext, media: VideoMediaRow, track: CaptionTrackWithAuthor): CaptionTrackView {
  const [player] = captionPlayerViews(ctx, media, [track]);
  return {
    ...player!,
    source: track.source,
    cueCount: track.cue_count,
    warningCount: track.warning_count,
    updatedAt: track.updated_at.toISOString(),
    updatedBy: track.updated_by_name,
  };
}

function generationView(row: CaptionGenerationRow): CaptionGenerationView {
  return {
    lang: row.lang,
    status: row.status,
    progress: row.progress,
    progressLabel: row.progress_label,
    error: row.error,
    canRetry: row.status === 'failed',
  };
}

export async function getCaptions(ctx: AppContext, session: LaunchSession, resourceId: string): Promise<CaptionsResponse> {
  const { resource, published, ownsMedia } = await loadVideoMedia(ctx, session, resourceId, 'edit');
  const base = {
    resourceId: resource.id,
    engines: ctx.speech.languages(),
    autoGenerate: await findPlatformCaptionsAuto(ctx.db, session.platform.id),
    limits: ctx.config.captions.limits,
    maxImportBytes: ctx.config.captions.maxImportBytes,
  };
  if (!published) return { ...base, mediaId: null, editable: false, hasAudio: false, tracks: [], generations: [] };
  const [tracks, generations] = await Promise.all([listTracks(ctx.db, published.platform_id, published.id), listGenerations(ctx.db, published.platform_id, published.id)]);
  return {
    ...base,
    mediaId: published.id,
    editable: ownsMedia,
    hasAudio: Boolean(published.probe?.audio),
    tracks: tracks.map((t) => trackView(ctx, published, t)),
    generations: generations.map(generationView),
  };
}

/** A teacher's button: automatic captions in a language (a new version when the track exists: the history keeps the old one). */
export async function generateCaptions(ctx: AppContext, session: LaunchSession, resourceId: string, lang: string): Promise<CaptionsResponse> {
  const { media } = await target(ctx, session, resourceId, true);
  const language = primaryLanguage(lang);
  if (!ctx.speech.engineFor(language)) throw new AppError('captions-no-engine', 422, { lang: language, upper: language.toUpperCase() });
  if (!media.probe?.audio) throw new AppError('captions-no-audio', 422, { resourceId });
  await requestGeneration(ctx, media, language, { automatic: false, userId: session.user?.id ?? null });
  return getCaptions(ctx, session, resourceId);
}

/** An empty track to type by hand. */
export async function createTrack(ctx: AppContext, session: LaunchSession, resourceId: string, input: { lang: string; kind: CaptionKind; label?: string }): Promise<CaptionTrackDetail> {
  const { media } = await target(ctx, session, resourceId, true);
  if (await findTrackByLang(ctx.db, media.id, input.lang)) throw new ConflictError('captions-track-exists', 409, { lang: input.lang });
  const track = await putTrackContent(ctx, { platformId: media.platform_id, mediaId: media.id }, { ...input, source: 'edited', cues: [], by: session.user?.id ?? null });
  return detailOf(ctx, media, await requireTrack(ctx, media.platform_id, track.id));
}

/** A WebVTT or SRT file: read whatever its encoding, repaired where it can be, refused where it cannot. */
export async function importCaptions(
  ctx: AppContext,
  session: LaunchSession,
  resourceId: string,
  input: { lang: string; kind: CaptionKind; label?: string; bytes: Uint8Array },
): Promise<ImportCaptionsResponse> {
  const { media } = await target(ctx, session, resourceId, true);
  let parsed: ReturnType<typeof readCaptionFile>;
  try {
    parsed = readCaptionFile(input.bytes, { maxBytes: ctx.config.captions.maxImportBytes, durationSeconds: durationOf(media) || undefined });
  } catch (err) {
    if (err instanceof CaptionFileError) throw new BadRequestError(`captions-file-${err.code}` as MessageKey, 422, { maxBytes: ctx.config.captions.maxImportBytes });
    throw err;
  }
  const track = await putTrackContent(ctx, { platformId: media.platform_id, mediaId: media.id }, {
    lang: input.lang,
    kind: input.kind,
    label: input.label,
    source: 'uploaded',
    cues: parsed.cues,
    by: session.user?.id ?? null,
  });
  const stored = await requireTrack(ctx, media.platform_id, track.id);
  ctx.logger.info({ trackId: track.id, mediaId: media.id, format: parsed.format, cues: parsed.cues.length, repairs: parsed.repairs.length }, 'captions imported');
  return { track: trackView(ctx, media, stored), report: parsed.repairs };
}

/**
 * The track, through the session's course's video playing its media: the owner (read and change)
 * or a course copy (read only: captions-of-original). A teacher of another course gets nothing.
 */
async function trackTarget(ctx: AppContext, session: LaunchSession, trackId: string, change: boolean) {
  const track = await requireTrack(ctx, session.platform.id, trackId);
  const owner = await getMediaById(ctx.db, track.media_id);
  if (!owner) throw new NotFoundError({ trackId });
  const { resource, media } = await target(ctx, session, await courseVideoPlaying(ctx, session, owner.resource_id), change);
  if (media.id !== track.media_id) throw new NotFoundError({ trackId });
  return { track, media, resource };
}

export async function detail(ctx: AppContext, session: LaunchSession, trackId: string): Promise<CaptionTrackDetail> {
  const { track, media } = await trackTarget(ctx, session, trackId, false);
  return detailOf(ctx, media, track);
}

async function detailOf(ctx: AppContext, media: VideoMediaRow, track: CaptionTrackWithAuthor): Promise<CaptionTrackDetail> {
  const cues = (await versionCues(ctx, track.id, track.version)) ?? [];
  return { track: trackView(ctx, media, track), cues, limits: ctx.config.captions.limits, durationSeconds: durationOf(media) };
}

/** Cues as a person typed them, made safe: text sanitised, sorted by start, inside the video. */
function cleanCues(cues: readonly Cue[], duration: number): Cue[] {
  const clean = cues.map((c) => ({ start: round(c.start), end: round(c.end), text: sanitizeCueText(c.text).text }));
  // One second of tolerance: players report the duration of the last frame differently.
  const outside = duration > 0 ? clean.findIndex((c) => c.end > duration + 1) : -1;
  if (outside >= 0) throw new BadRequestError('captions-cue-outside-video', 400, { cue: outside + 1, end: clean[outside]!.end, duration: Math.round(duration) });
  return clean.sort((a, b) => a.start - b.start || a.end - b.end);
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

export async function saveCaptions(ctx: AppContext, session: LaunchSession, trackId: string, input: { baseVersion: number; cues: Cue[] }): Promise<CaptionTrackDetail> {
  const { media } = await trackTarget(ctx, session, trackId, true);
  const cues = cleanCues(input.cues, durationOf(media));
  await saveTrackVersion(ctx, media.platform_id, trackId, { baseVersion: input.baseVersion, cues, source: 'edited', by: session.user?.id ?? null });
  return detailOf(ctx, media, await requireTrack(ctx, media.platform_id, trackId));
}

export async function updateCaptionTrack(ctx: AppContext, session: LaunchSession, trackId: string, input: { label?: string; kind?: CaptionKind }): Promise<CaptionTrackView> {
  const { media } = await trackTarget(ctx, session, trackId, true);
  await updateTrack(ctx.db, trackId, { ...input, updated_at: new Date() });
  return trackView(ctx, media, await requireTrack(ctx, media.platform_id, trackId));
}

export async function removeCaptionTrack(ctx: AppContext, session: LaunchSession, trackId: string): Promise<void> {
  const { media } = await trackTarget(ctx, session, trackId, true);
  await deleteTrack(ctx.db, media.platform_id, trackId);
  ctx.logger.info({ trackId, mediaId: media.id }, 'caption track deleted');
}

export async function captionVersions(ctx: AppContext, session: LaunchSession, trackId: string): Promise<CaptionVersionsResponse> {
  const { track } = await trackTarget(ctx, session, trackId, false);
  const rows = await listVersions(ctx.db, track.id, HISTORY_LIMIT);
  return {
    versions: rows.map((r) => ({ version: r.version, source: r.source, createdAt: r.created_at.toISOString(), createdBy: r.created_by_name ?? null, cueCount: r.cue_count })),
  };
}

/** An older version becomes the newest (the history keeps the one it replaces). */
export async function restoreVersion(ctx: AppContext, session: LaunchSession, trackId: string, version: number): Promise<CaptionTrackDetail> {
  const { track, media } = await trackTarget(ctx, session, trackId, true);
  const cues = await versionCues(ctx, track.id, version);
  if (!cues) throw new NotFoundError({ trackId, version });
  await saveTrackVersion(ctx, media.platform_id, trackId, { baseVersion: track.version, cues, source: 'edited', by: session.user?.id ?? null });
  return detailOf(ctx, media, await requireTrack(ctx, media.platform_id, trackId));
}

const EXPORTS: Record<CaptionExportFormat, { type: string; serialize: (cues: Cue[]) => string }> = {
  vtt: { type: 'text/vtt; charset=utf-8', serialize: serializeWebVtt },
  srt: { type: 'application/x-subrip; charset=utf-8', serialize: serializeSrt },
  txt: { type: 'text/plain; charset=utf-8', serialize: serializePlainText },
};

export async function exportCaptions(ctx: AppContext, session: LaunchSession, trackId: string, format: CaptionExportFormat) {
  const { track, resource } = await trackTarget(ctx, session, trackId, false);
  const cues = (await versionCues(ctx, track.id, track.version)) ?? [];
  const base = resource.title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 100) || 'captions';
  const { type, serialize } = EXPORTS[format];
  return { body: serialize(cues), contentType: type, fileName: `${base}.${track.lang}.${format}` };
}

/** The WebVTT of a track version for a signed media URL (the player's `<track>`, the transcript). */
export async function captionFileFor(ctx: AppContext, media: VideoMediaRow, trackId: string, version: number): Promise<string> {
  const track = await requireTrack(ctx, media.platform_id, trackId);
  if (track.media_id !== media.id) throw new NotFoundError({ trackId });
  const cues = await versionCues(ctx, track.id, version);
  if (!cues) throw new NotFoundError({ trackId, version });
  return serializeWebVtt(cues);
}
