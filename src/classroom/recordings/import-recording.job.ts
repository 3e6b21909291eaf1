import type { JobHandler } from '../../jobs/job-registry.js';
import { importRecording } from './recording-import.service.js';

/**
 * The 'import-recording' job: a recording's MP4 into the video library. The service reloads the
 * classroom_recordings row, returns when no import is queued, and marks it failed when refused
 * or on the last attempt (DESIGN "Long jobs").
 */
export const importRecordingJob: JobHandler<'import-recording'> = async (ctx, payload, run) => {
  await importRecording(ctx, payload.platformId, payload.recordId, run);
};
