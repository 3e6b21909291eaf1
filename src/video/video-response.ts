import type { AppContext } from '../app-context.js';
import type { CaptionTrackRow } from '../captions/captions.table.js';
import type { CaptionTrackPlayerView } from '../captions/captions.view.js';
import type { ResourceWithCourse } from '../content/resource-lookup.service.js';
import { resourceActivityId } from '../lrs/traces/launch-trace.service.js';
import type { TranscodeOutput } from './ffmpeg/index.js';
import { mediaExpiry, signMediaToken } from './media/media-token.js';
import type { VideoSettings } from './video.schemas.js';
import type { VideoMediaRow } from './video.table.js';
import type { VideoResponse } from './video.view.js';
import crypto from 'node:crypto';

/** Signed URLs of one media's files, all under one token (relative playlist URLs inherit it). */
export function mediaUrls(ctx: AppContext, media: VideoMediaRow) {
  const exp = mediaExpiry(ctx.config.video.mediaUrlTtlSeconds);
  const token = signMediaToken(ctx.secrets.sessionKeyBytes, { mediaId: media.id, platformId: media.platform_id, exp });
  const base = `${ctx.config.http.publicUrl}/media/${token}/`;
  return { base, exp, url: (rel: string) => base + rel.split('/').map(encodeURIComponent).join('/') };
}

/** The tracks as the player gets them: each version under its own URL (files are served immutable). */
export function captionViews(ctx: AppContext, media: VideoMediaRow, tracks: VideoParts['captions']): CaptionTrackPlayerView[] {
  const urls = mediaUrls(ctx, media);
  return tracks.map((t) => ({ id: t.id, lang: t.lang, label: t.label, kind: t.kind, version: t.version, url: urls.url(captionFile(t.id, t.version)) }));
}

/** A track version's name under the media's signed URL (src/captions serves it). */
export function captionFile(trackId: string, version: number): string {
  return `captions/${trackId}/v${version}.vtt`;
}

/** The file name offered for a download: the title, without characters file systems refuse. */
export function downloadFileName(title: string, file: string): string {
  const ext = file.slice(file.lastIndexOf('.'));
  const clean = title.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120) || 'video';
  return `${clean}${ext}`;
}

export function toMediaView(ctx: AppContext, media: VideoMediaRow, title: string, allowDownload: boolean, viewer?: { userId: string; resourceId: string }): VideoResponse['media'] {
  const output = media.output as TranscodeOutput | null;
  if (!output) return null;
  const { url, exp } = mediaUrls(ctx, media);
  let downloadUrl: string | null = null;
  if (allowDownload && output.download) {
    const download = downloadFileName(title, output.download);
    const token = signMediaToken(ctx.secrets.sessionKeyBytes, { mediaId: media.id, platformId: media.platform_id, exp, download, ...(viewer ? { viewer } : {}) });
    downloadUrl = `${ctx.config.http.publicUrl}/media/${token}/${output.download}`;
  }
  const video = media.probe?.video ?? null;
  return {
    id: media.id,
    durationSeconds: output.durationSeconds,
    width: video?.width ?? null,
    height: video?.height ?? null,
    audioOnly: output.audioOnly,
    masterUrl: url(output.master),
    posterUrl: url(output.poster),
    thumbnails: output.thumbnails.map(url),
    storyboardVttUrl: output.storyboard ? url(output.storyboard.vtt) : null,
    renditions: output.renditions.map((r) => ({ name: r.name, height: r.height })),
    downloadUrl,
  };
}

export function toProcessingView(media: VideoMediaRow): VideoResponse['processing'] {
  if (media.status === 'ready') return null;
  return {
    mediaId: media.id,
    status: media.status,
    progress: media.progress,
    label: media.progress_label,
    error: media.error,
    fileName: media.file_name,
    canRetry: media.status === 'failed',
  };
}

export interface VideoParts {
  resource: ResourceWithCourse;
  settings: VideoSettings;
  published: VideoMediaRow | undefined;
  pending: VideoMediaRow | undefined;
  canEdit: boolean;
  progress: VideoResponse['progress'];
  maxUploadBytes: number;
  /** Who is watching (platform and user ids; user null for an anonymous launch). */
  viewer: { platformId: string; userId: string | null };
  /** The published media's caption tracks (src/captions). */
  captions: Pick<CaptionTrackRow, 'id' | 'lang' | 'label' | 'kind' | 'version'>[];
}

export function toVideoResponse(ctx: AppContext, p: VideoParts): VideoResponse {
  const { resource, settings, published, pending } = p;
  const status: VideoResponse['status'] = published ? 'ready' : !pending ? 'empty' : pending.status === 'failed' ? 'failed' : 'processing';
  return {
    resourceId: resource.id,
    title: resource.title,
    description: resource.description,
    status,
    media: published ? toMediaView(ctx, published, resource.title, settings.allowDownload, p.viewer.userId ? { userId: p.viewer.userId, resourceId: resource.id } : undefined) : null,
    // The media being prepared, for its editors; a first upload published at its first rendition is still being prepared.
    processing: p.canEdit ? ((pending && toProcessingView(pending)) ?? (published && published.status !== 'ready' ? toProcessingView(published) : null)) : null,
    chapters: settings.chapters,
    captions: published ? captionViews(ctx, published, p.captions) : [],
    allowDownload: settings.allowDownload,
    completionThreshold: settings.completionThreshold,
    progress: p.progress,
    canEdit: p.canEdit,
    tracking: {
      activityId: resourceActivityId(ctx.config.http.publicUrl, resource.id),
      statementsUrl: `/api/videos/${resource.id}/statements`,
      sessionId: crypto.randomUUID(),
      queueKey: crypto
        .createHash('sha256')
        .update(`${p.viewer.platformId}:${p.viewer.userId ?? ''}:${resource.id}`)
        .digest('base64url')
        .slice(0, 22),
      maxPlaybackRate: ctx.config.video.maxPlaybackRate,
    },
    upload: p.canEdit ? { endpoint: '/api/uploads/', maxBytes: p.maxUploadBytes } : null,
  };
}
