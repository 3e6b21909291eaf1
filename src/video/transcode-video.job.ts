import { requestAutomaticCaptions } from '../captions/generation/caption-generation.service.js';
import { carryTracksFromReplaced } from '../captions/tracks/carried-tracks.service.js';
import type { JobHandler } from '../jobs/job-registry.js';
import { transcodeVideoMedia } from './transcode/video-transcode.service.js';

/**
 * The 'transcode-video' job: the payload carries only the media id; the service reloads the row,
 * returns when it is gone or cancelled, and marks it failed on the last attempt (DESIGN "Long jobs").
 * A media published by it keeps the captions people made for the one it replaces, and gets
 * automatic captions when its platform wants them (src/captions).
 */
export const transcodeVideoJob: JobHandler<'transcode-video'> = async (ctx, payload, run) => {
  await transcodeVideoMedia(ctx, payload.mediaId, run);
  // The video is out: captions must not fail (and so repeat) the transcode.
  try {
    const carried = await carryTracksFromReplaced(ctx, payload.mediaId);
    if (carried.length) run.logger.info({ mediaId: payload.mediaId, carried }, 'caption tracks carried from the replaced video');
    await requestAutomaticCaptions(ctx, payload.mediaId);
  } catch (err) {
    run.logger.warn({ err, mediaId: payload.mediaId }, 'captions not carried or not requested');
  }
};
