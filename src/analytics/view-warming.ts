import { sql } from 'kysely';
import type { AppContext } from '../app-context.js';
import { addDays, daysBetween, today } from './indicators/calendar-days.js';
import { LearnerDirectory } from './learner-directory.js';
import { rollupVersion, storeView, viewKey } from './rollup-view-cache.js';
import { computeView, type ViewParams } from './shared-views.js';

/** Views read this recently are recomputed after each refresh; older ones wait for a reader. */
const WARM_IF_READ_WITHIN = '1 hour';
/** Views nobody read for this long are removed. */
const FORGET_IF_UNREAD_FOR = '2 days';
/** A bound on one refresh's extra work, the most recently read first. */
const MAX_VIEWS = 200;
const VIEWS = new Set<ViewParams['view']>(['overview', 'cohort', 'risk-activity', 'classroom-engagement']);

export interface WarmOutcome {
  courses: number;
  views: number;
}

/**
 * Right after a refresh moved a platform's rollups, every view computed before is stale: this
 * recomputes the ones someone read in the last hour (rollup-view-cache.ts), so that the next
 * dashboard request reads a row instead of grouping a window of rollups; a view is recomputed
 * by the job, not by the person who happens to ask first. A view that ended on the day it was
 * read ("the last 15 days") moves with the calendar. Views nobody reads any more are removed.
 */
export async function warmReadViews(ctx: AppContext, platformId: string, signal?: AbortSignal): Promise<WarmOutcome> {
  await ctx.db.deleteFrom('analytics_views').where('platform_id', '=', platformId).where('read_at', '<', sql<Date>`now() - ${sql.lit(FORGET_IF_UNREAD_FOR)}::interval`).execute();
  const rows = await ctx.db
    .selectFrom('analytics_views')
    .select(['context_id', 'key', 'params', 'version', 'read_at', sql<string>`(read_at at time zone 'UTC')::date::text`.as('read_day')])
    .where('platform_id', '=', platformId)
    .where('read_at', '>', sql<Date>`now() - ${sql.lit(WARM_IF_READ_WITHIN)}::interval`)
    .orderBy('read_at', 'desc')
    .limit(MAX_VIEWS)
    .execute();
  const byCourse = new Map<string, typeof rows>();
  for (const r of rows) byCourse.set(r.context_id, [...(byCourse.get(r.context_id) ?? []), r]);
  const day = today();
  let views = 0;
  for (const [contextId, list] of byCourse) {
    signal?.throwIfAborted();
    const directory = await LearnerDirectory.load(ctx, contextId);
    const version = await rollupVersion(ctx.db, platformId, contextId);
    const done = new Set<string>();
    for (const row of list) {
      const stored = JSON.parse(row.params) as ViewParams;
      if (!VIEWS.has(stored.view)) continue;
      const params = movedToToday(stored, row.read_day, day);
      const key = viewKey(params);
      if (done.has(key) || (key === row.key && row.version === version)) continue;
      done.add(key);
      const value = await computeView(ctx, contextId, directory, params);
      await storeView(ctx.db, { platformId, contextId, key, params, version }, value, row.read_at);
      if (key !== row.key) await ctx.db.deleteFrom('analytics_views').where('context_id', '=', contextId).where('key', '=', row.key).execute();
      views++;
    }
  }
  return { courses: byCourse.size, views };
}

/** A view ending on the day it was read ended "today": today it ends today, as long as it was. */
export function movedToToday(params: ViewParams, readDay: string, day: string): ViewParams {
  const shift = daysBetween(readDay, day);
  if (params.to !== readDay || shift <= 0) return params;
  const moved = { ...params, from: addDays(params.from, shift), to: addDays(params.to, shift) };
  return moved.view === 'risk-activity' ? { ...moved, split: addDays(moved.split, shift) } : moved;
}
