import type { AppContext } from '../app-context.js';
import type { CaptionTrackPlayerView } from '../captions/captions.view.js';
import { mediaStorage } from './storage/media-storage.js';
import { captionViews, type VideoParts } from './video-response.js';
import type { VideoMediaRow } from './video.table.js';

/*
 * What other features (captions, classroom, the demo course) use of the media storage and of a
 * media's signed URLs: they come here, never to src/video/storage or video-response.ts, so the
 * storage can change (local disk, S3) behind these few calls.
 */

/** A fresh scratch directory of the media storage for a job's files (the caller removes it). */
export function mediaWorkDir(ctx: AppContext, name: string): Promise<string> {
  return mediaStorage(ctx.config.dataDir).workDir(name);
}

/** The path of a media's uploaded source file, as the storage of this data directory gives it. */
export function mediaSourcePath(ctx: AppContext, platformId: string, mediaId: string): Promise<string> {
  return mediaStorage(ctx.config.dataDir).sourcePath(platformId, mediaId);
}

/** A media's caption tracks as the player gets them: each version under its own signed URL. */
export function captionPlayerViews(ctx: AppContext, media: VideoMediaRow, tracks: VideoParts['captions']): CaptionTrackPlayerView[] {
  return captionViews(ctx, media, tracks);
}
