import type { JobHandler } from '../jobs/job-registry.js';
import { transcodeVideoMedia } from './transcode/video-transcode.service.js';

/**
 * The 'transcode-video' job: the payload carries only the media id; the service reloads the row,
 * returns when it is gone or cancelled, and marks it failed on the last attempt (DESIGN "Long jobs").
 */
export const transcodeVideoJob: JobHandler<'transcode-video'> = async (ctx, payload, run) => {
  await transcodeVideoMedia(ctx, payload.mediaId, run);
};
