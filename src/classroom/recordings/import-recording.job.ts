import type { JobHandler } from '../../jobs/job-registry.js';

/** The 'import-recording' job: a recording's MP4 into the video library. */
export const importRecordingJob: JobHandler<'import-recording'> = async () => {
  throw new Error('not implemented yet');
};
