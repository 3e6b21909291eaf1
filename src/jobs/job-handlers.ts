import { generateCaptionsJob } from '../captions/generation/generate-captions.job.js';
import { refreshAnalyticsJob } from '../analytics/rollup/refresh-analytics.job.js';
import { importRecordingJob } from '../classroom/recordings/import-recording.job.js';
import { transcodeVideoJob } from '../video/transcode-video.job.js';
import type { JobHandlers } from './job-registry.js';

/** The handler of each job name (PeerTube `lib/job-queue/job-queue.ts`): a missing one does not compile. */
export const JOB_HANDLERS: JobHandlers = {
  'transcode-video': transcodeVideoJob,
  'import-recording': importRecordingJob,
  'refresh-analytics': refreshAnalyticsJob,
  'generate-captions': generateCaptionsJob,
};
