import type { AppContext } from '../app-context.js';
import { getCourseResourcePlaying, type ResourceWithCourse } from '../content/resource-lookup.service.js';
import { canEdit, changeResource, loadEditableResource, loadViewableResource } from '../content/resource.service.js';
import { AppError, BadRequestError, ConflictError } from '../http/errors.js';
import { cancelJob, enqueueJob, findJob } from '../jobs/job.service.js';
import type { LaunchSession } from '../lti/session/session.service.js';
import type { TranscodeOutput } from './ffmpeg/index.js';
import { listMediaTracks } from '../captions/tracks/caption-track.service.js';
import { mediaStorage } from './storage/media-storage.js';
import { findVideoProgress } from './tracking/video-progress.repository.js';
import { findPlatformUploadLimit, findResourceMedia, deleteMediaRow } from './video.repository.js';
import { StoredVideoSettings, type UpdateVideoInput, type VideoSettings } from './video.schemas.js';
import { markRequeued } from './video-status.js';
import { toVideoResponse } from './video-response.js';
import type { VideoMediaRow } from './video.table.js';
import type { VideoResponse } from './video.view.js';

/** Transcodes get few attempts: a file that fails three times will not pass a fourth. */
export const TRANSCODE_MAX_ATTEMPTS = 3;

export function videoSettings(resource: Pick<ResourceWithCourse, 'settings'>): VideoSettings {
  return StoredVideoSettings.parse(resource.settings ?? {});
}

function assertVideo(resource: ResourceWithCourse): ResourceWithCourse {
  if (resource.kind !== 'video') throw new AppError('not-a-video', 404, { resourceId: resource.id });
  return resource;
}

/**
 * What a resource plays: its own published media, else (a course copy) its original's. Pending
 * media belong to the resource itself: a teacher of a copied course replaces the video for their
 * course only.
 */
export async function resolveMedia(ctx: AppContext, resource: ResourceWithCourse): Promise<{ published?: VideoMediaRow; pending?: VideoMediaRow }> {
  const own = await findResourceMedia(ctx.db, resource.platform_id, resource.id);
  if (own.published || !resource.media_resource_id || resource.media_resource_id === resource.id) return own;
  const original = await findResourceMedia(ctx.db, resource.platform_id, resource.media_resource_id);
  return { published: original.published, pending: own.pending };
}

/** The largest upload this platform accepts: its own limit when lower than the server's. */
export async function maxUploadBytes(ctx: AppContext, platformId: string): Promise<number> {
  const own = await findPlatformUploadLimit(ctx.db, platformId);
  return own === null ? ctx.config.video.maxUploadBytes : Math.min(own, ctx.config.video.maxUploadBytes);
}

async function respond(ctx: AppContext, session: LaunchSession, resource: ResourceWithCourse): Promise<VideoResponse> {
  const { published, pending } = await resolveMedia(ctx, resource);
  const editable = canEdit(session, resource);
  const learner = session.role === 'learner' && session.user;
  return toVideoResponse(ctx, {
    resource,
    settings: videoSettings(resource),
    published,
    pending,
    canEdit: editable,
    progress: learner ? await findVideoProgress(ctx.db, { platformId: session.platform.id, resourceId: resource.id, userId: session.user!.id }) : null,
    maxUploadBytes: editable ? await maxUploadBytes(ctx, session.platform.id) : 0,
    viewer: { platformId: session.platform.id, userId: session.user?.id ?? null },
    captions: published ? await listMediaTracks(ctx, published.platform_id, published.id) : [],
  });
}

/**
 * For the captions API (src/captions): the video resource and the media it plays, checked for the
 * session (`edit`: its teachers only). `ownsMedia`: the media is the resource's own, not a course
 * copy's original (whose tracks are changed from the original).
 */
export async function loadVideoMedia(ctx: AppContext, session: LaunchSession, resourceId: string, access: 'view' | 'edit') {
  const resource = assertVideo(access === 'edit' ? await loadEditableResource(ctx, session, resourceId) : await loadViewableResource(ctx, session, resourceId));
  const { published } = await resolveMedia(ctx, resource);
  return { resource, published, ownsMedia: published?.resource_id === resource.id };
}

/**
 * The video of the session's course that plays the media `owner` (a video resource) owns: the
 * owner itself, or the course's copy of it; the owner when the course has neither (the access
 * check then refuses it).
 */
export async function courseVideoPlaying(ctx: AppContext, session: LaunchSession, owner: string): Promise<string> {
  if (!session.context) return owner;
  return (await getCourseResourcePlaying(ctx.db, session.platform.id, session.context.id, owner)) ?? owner;
}

export async function getVideo(ctx: AppContext, session: LaunchSession, resourceId: string): Promise<VideoResponse> {
  return respond(ctx, session, assertVideo(await loadViewableResource(ctx, session, resourceId)));
}

/** For tracking (src/video/tracking): the viewable video, its duration (null before any media) and its settings. */
export async function getVideoFacts(ctx: AppContext, session: LaunchSession, resourceId: string) {
  const resource = assertVideo(await loadViewableResource(ctx, session, resourceId));
  const { published } = await resolveMedia(ctx, resource);
  const output = published?.output as TranscodeOutput | null | undefined;
  return {
    resource,
    durationSeconds: output?.durationSeconds ?? published?.probe?.durationSeconds ?? null,
    completionThreshold: videoSettings(resource).completionThreshold,
    title: resource.title,
    /** The languages of the media's caption tracks (what a statement's cc-subtitle-lang may name): asked only when one does. */
    captionLangs: async () => new Set(published ? (await listMediaTracks(ctx, published.platform_id, published.id)).map((t) => t.lang) : []),
  };
}

export async function updateVideo(ctx: AppContext, session: LaunchSession, resourceId: string, input: UpdateVideoInput): Promise<VideoResponse> {
  const resource = assertVideo(await loadEditableResource(ctx, session, resourceId));
  if (input.chapters?.length) {
    const { published } = await resolveMedia(ctx, resource);
    const duration = (published?.output as TranscodeOutput | null | undefined)?.durationSeconds;
    const outside = duration === undefined ? undefined : input.chapters.find((c) => c.startSeconds >= duration);
    if (outside) throw new BadRequestError('chapter-outside-video', 400, { title: outside.title, startSeconds: outside.startSeconds, duration: Math.floor(duration!) });
  }
  const settings: Record<string, unknown> = {};
  if (input.allowDownload !== undefined) settings.allowDownload = input.allowDownload;
  if (input.completionThreshold !== undefined) settings.completionThreshold = input.completionThreshold;
  if (input.chapters !== undefined) settings.chapters = input.chapters;
  await changeResource(ctx, session, resourceId, {
    title: input.title,
    description: input.description,
    ...(Object.keys(settings).length ? { settings } : {}),
  });
  return respond(ctx, session, await loadEditableResource(ctx, session, resourceId));
}

/** The teacher retries a failed transcode: the same source, a new job. */
export async function retryProcessing(ctx: AppContext, session: LaunchSession, resourceId: string): Promise<VideoResponse> {
  const resource = assertVideo(await loadEditableResource(ctx, session, resourceId));
  const { pending } = await findResourceMedia(ctx.db, resource.platform_id, resource.id);
  // Failed, or left waiting by a job that ended without it (cancelled by an administrator, its worker lost for good).
  const retriable = pending && (pending.status === 'failed' || (await jobHasEnded(ctx, pending.job_id)));
  if (!pending || !retriable) throw new ConflictError('nothing-to-retry', 409, { resourceId });
  await ctx.db.transaction().execute(async (trx) => {
    const job = await enqueueJob(trx, 'transcode-video', { mediaId: pending.id }, { platformId: resource.platform_id, maxAttempts: TRANSCODE_MAX_ATTEMPTS });
    if (!(await markRequeued(trx, pending.id, job.id, pending.status))) throw new ConflictError('nothing-to-retry', 409, { resourceId });
  });
  ctx.jobs.wake();
  ctx.logger.info({ mediaId: pending.id, resourceId }, 'video transcoding retried');
  return respond(ctx, session, resource);
}

async function jobHasEnded(ctx: AppContext, jobId: string | null): Promise<boolean> {
  const job = jobId ? await findJob(ctx.db, jobId) : undefined;
  return !job || job.status === 'failed' || job.status === 'cancelled' || job.status === 'succeeded';
}

/** Cancels the media being prepared (a partially published first upload included) and removes it. */
export async function cancelProcessing(ctx: AppContext, session: LaunchSession, resourceId: string): Promise<VideoResponse> {
  const resource = assertVideo(await loadEditableResource(ctx, session, resourceId));
  const { pending, published } = await findResourceMedia(ctx.db, resource.platform_id, resource.id);
  const target = pending ?? (published && published.status !== 'ready' ? published : undefined);
  if (!target) throw new ConflictError('nothing-to-cancel', 409, { resourceId });
  await removeMedia(ctx, target);
  ctx.logger.info({ mediaId: target.id, resourceId }, 'video processing cancelled');
  return respond(ctx, session, resource);
}

/** Cancels a media's job and deletes its row and files (the running job, if any, finds it gone). */
export async function removeMedia(ctx: AppContext, media: VideoMediaRow): Promise<void> {
  if (media.job_id) await cancelJob(ctx, media.job_id, media.platform_id);
  await deleteMediaRow(ctx.db, media.id);
  await mediaStorage(ctx.config.dataDir).remove(media.platform_id, media.id);
}
