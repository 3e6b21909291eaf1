import type { JobHandler } from '../../jobs/job-registry.js';
import { warmReadViews } from '../view-warming.js';
import { rebuildAnalytics, refreshAnalytics } from './rollup.service.js';

/**
 * The 'refresh-analytics' job: counts a platform's statements stored since the last run into
 * the rollups (or all of them for a rebuild), then recomputes the dashboard views people read
 * lately (view-warming.ts). A run cut short keeps every batch it committed: the next one goes on
 * from the watermark.
 */
export const refreshAnalyticsJob: JobHandler<'refresh-analytics'> = async (ctx, payload, run) => {
  const options = { signal: run.signal, onProgress: (f: number) => run.reportProgress(f, 'statements') };
  const outcome = payload.rebuild ? await rebuildAnalytics(ctx, payload.platformId, options) : await refreshAnalytics(ctx, payload.platformId, options);
  run.logger.info({ ...outcome }, 'analytics refreshed');
  if (!outcome.statements && !outcome.rebuilt) return;
  const started = performance.now();
  // The rollups are committed: a view that fails here is computed by its next reader instead.
  const warmed = await warmReadViews(ctx, payload.platformId, run.signal).catch((error: unknown) => {
    if (run.signal.aborted) throw error;
    run.logger.warn({ err: error }, 'dashboard views not recomputed after the refresh');
    return null;
  });
  if (warmed) run.logger.info({ ...warmed, ms: Math.round(performance.now() - started) }, 'dashboard views recomputed');
};
