import type { AppContext } from '../app-context.js';
import { refreshAnalytics } from '../analytics/rollup/rollup.service.js';
import type { DemoCourseOptions } from './demo-course-options.js';
import { generateDemoCourse, type DemoCourseSummary } from './demo-course.js';

/**
 * The generator (demo-course.ts) writes the course on the demo platform; the rollups are then
 * brought up to date at once, so the dashboards are full when the newcomer opens them.
 */
export async function seedDemoCourse(
  ctx: AppContext,
  options: Pick<DemoCourseOptions, 'seed' | 'publicUrl' | 'learners' | 'videos' | 'platform'>,
): Promise<DemoCourseSummary> {
  const log = ctx.logger.child({ feature: 'demo', demo: true, platformId: options.platform.id });
  let reported = 0;
  const summary = await generateDemoCourse(ctx.db, {
    ...options,
    onProgress: ({ statements }) => {
      if (statements - reported < 50_000) return;
      reported = statements;
      log.info({ statements }, 'demo course: statements written');
    },
  });
  // Nothing else writes to the demo platform meanwhile: every statement has settled.
  const rollups = await refreshAnalytics(ctx, options.platform.id!, { settleMs: 0 });
  log.info({ counted: rollups.counted }, 'demo course: analytics refreshed');
  return summary;
}
