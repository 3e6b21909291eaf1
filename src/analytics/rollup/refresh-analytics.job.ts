import type { JobHandler } from '../../jobs/job-registry.js';
import { rebuildAnalytics, refreshAnalytics } from './rollup.service.js';

/**
 * The 'refresh-analytics' job: counts a platform's statements stored since the last run into
 * the rollups (or all of them for a rebuild). A run cut short keeps every batch it committed:
 * the next one goes on from the watermark.
 */
export const refreshAnalyticsJob: JobHandler<'refresh-analytics'> = async (ctx, payload, run) => {
  const options = { signal: run.signal, onProgress: (f: number) => run.reportProgress(f, 'statements') };
  const outcome = payload.rebuild ? await rebuildAnalytics(ctx, payload.platformId, options) : await refreshAnalytics(ctx, payload.platformId, options);
  run.logger.info({ ...outcome }, 'analytics refreshed');
};
