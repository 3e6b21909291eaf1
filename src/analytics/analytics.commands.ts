import { z } from 'zod';
import type { AdminCommand } from '../admin/admin-command.js';
import { AppError } from '../http/errors.js';
import { getPlatformRow, listPlatformIds } from '../lti/platforms/platform.service.js';
import { rebuildAnalytics, type RefreshOutcome } from './rollup/rollup.service.js';

const RebuildArgs = z.object({ platformId: z.string().min(1).optional() });

/**
 * `amphi analytics rebuild [--platform ID]`: recomputes the rollups from the first statement
 * (after a change of definitions, or to check them), one platform or every one, and says how
 * long each took. Dashboards keep answering meanwhile, from rollups that fill up again.
 */
export const ANALYTICS_ADMIN_COMMANDS = {
  'analytics-rebuild': {
    args: RebuildArgs,
    async run(ctx, { platformId }): Promise<(RefreshOutcome & { seconds: number })[]> {
      if (platformId && !(await getPlatformRow(ctx.db, platformId))) throw new AppError('unknown-platform-id', 404, { id: platformId });
      const platformIds = platformId ? [platformId] : await listPlatformIds(ctx.db);
      const outcomes = [];
      for (const id of platformIds) {
        const started = performance.now();
        const outcome = await rebuildAnalytics(ctx, id);
        outcomes.push({ ...outcome, seconds: Math.round((performance.now() - started) / 100) / 10 });
      }
      return outcomes;
    },
  } satisfies AdminCommand<typeof RebuildArgs>,
};
