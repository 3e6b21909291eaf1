import type { AppContext } from '../../app-context.js';
import { enqueueJobUnlessActive } from '../../jobs/job.service.js';
import { listPlatformsBehind } from './rollup.repository.js';

/**
 * Every minute, a 'refresh-analytics' job for each platform with statements beyond its
 * watermark (none when one already waits or runs): dashboards lag the traces by a minute or
 * two, and no request ever waits for the rollups. Returns the stop function.
 */
export function startAnalyticsRefresh(ctx: AppContext, everyMs = 60_000): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      let queued = 0;
      for (const platformId of await listPlatformsBehind(ctx.db)) {
        if (await enqueueJobUnlessActive(ctx.db, 'refresh-analytics', { platformId }, platformId, { maxAttempts: 3 })) queued++;
      }
      if (queued) ctx.jobs.wake();
    } catch (err) {
      ctx.logger.warn({ err }, 'analytics refresh not scheduled');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, everyMs);
  const first = setTimeout(tick, Math.min(everyMs, 10_000));
  timer.unref();
  first.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(first);
  };
}
