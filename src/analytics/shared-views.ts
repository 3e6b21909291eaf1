import type { AppContext } from '../app-context.js';
import { learnerTotals, objectLearnerTotals } from './analytics.repository.js';
import { actionsPerLearner, activeLearners, activityAround, activityByDayAndLearner, useByObjectAndLearner, type Scope } from './course-activity.repository.js';
import { cohortPosition, type CohortResult } from './indicators/cohort-position.js';
import type { LearnerDirectory } from './learner-directory.js';
import { cachedRollupView } from './rollup-view-cache.js';

/**
 * The views several dashboards share, computed from the rollups and the roster only: a range's
 * sums (the course overview), a window's cohort (the cohort, risk and learner views), the
 * activity around a day (the risk view). Each is a function of its parameters, so that it is
 * computed once per refresh for everyone (rollup-view-cache.ts) and the refresh job can
 * recompute the ones read lately before anyone asks again (view-warming.ts).
 */
export type ViewParams =
  | { view: 'overview'; from: string; to: string; objectIds: string[] | null }
  | { view: 'cohort'; from: string; to: string; objectIds: string[] | null }
  | { view: 'risk-activity'; from: string; to: string; split: string; objectIds: string[] | null }
  | { view: 'classroom-engagement'; from: string; to: string; classroomId: string };

export interface OverviewSums {
  perDay: { day: string; learners: number; actions: number }[];
  perLearner: { learner: string; actions: number; days: number; last_day: string }[];
  perObject: { object_id: string; learners: number; actions: number; last_day: string }[];
  /** [learner, distinct objects]: entries, not a Map, so that the view is JSON. */
  objectsPerLearner: [string, number][];
  totals: { learner: string; count: number; lastDay: string }[];
}

export interface RiskActivity {
  /** Per learner: statements on or after `split` and before it, in from…to, and their last day there. */
  around: { learner: string; recent: number; previous: number; last_day: string }[];
  /** [learner, the last day they did anything in the course, up to `to`]: one entry per person (canonical keys). */
  lastDays: [string, string][];
}

/** [sub, chat posts, reactions (raised hands), poll answers]: a classroom's learners as its webhooks' statements count them. */
export type ClassroomEngagement = [string, number, number, number][];

export interface ViewTarget {
  platformId: string;
  contextId: string;
  directory: LearnerDirectory;
}

export function overviewSums(ctx: AppContext, t: ViewTarget, params: Omit<Extract<ViewParams, { view: 'overview' }>, 'view'>): Promise<OverviewSums> {
  return shared(ctx, t, { view: 'overview', ...params }) as Promise<OverviewSums>;
}

export function cohortOf(ctx: AppContext, t: ViewTarget, params: Omit<Extract<ViewParams, { view: 'cohort' }>, 'view'>): Promise<CohortResult> {
  return shared(ctx, t, { view: 'cohort', ...params }) as Promise<CohortResult>;
}

export function riskActivity(ctx: AppContext, t: ViewTarget, params: Omit<Extract<ViewParams, { view: 'risk-activity' }>, 'view'>): Promise<RiskActivity> {
  return shared(ctx, t, { view: 'risk-activity', ...params }) as Promise<RiskActivity>;
}

export function classroomEngagement(ctx: AppContext, t: ViewTarget, params: Omit<Extract<ViewParams, { view: 'classroom-engagement' }>, 'view'>): Promise<ClassroomEngagement> {
  return shared(ctx, t, { view: 'classroom-engagement', ...params }) as Promise<ClassroomEngagement>;
}

function shared(ctx: AppContext, t: ViewTarget, params: ViewParams): Promise<unknown> {
  return cachedRollupView(ctx.db, t.platformId, t.contextId, params, () => computeView(ctx, t.contextId, t.directory, params));
}

const SEP = '\u0000';

/** Computes a view from the rollups (the cache's miss, and the refresh job's recomputation). */
export async function computeView(ctx: AppContext, contextId: string, directory: LearnerDirectory, params: ViewParams): Promise<unknown> {
  const keys = directory.keyMap();
  if (params.view === 'classroom-engagement') return engagementOf(ctx, contextId, directory, params);
  const where: Scope = { contextId, from: params.from, to: params.to, objectIds: params.objectIds };
  switch (params.view) {
    case 'overview': {
      const [byDay, byObject, totals] = await Promise.all([activityByDayAndLearner(ctx.db, where, keys), useByObjectAndLearner(ctx.db, where, keys), learnerTotals(ctx.db, contextId)]);
      const sums: OverviewSums = { ...byDay, perObject: byObject.perObject, objectsPerLearner: [...byObject.objectsPerLearner], totals };
      return sums;
    }
    case 'cohort': {
      const [active, done] = await Promise.all([activeLearners(ctx.db, where, keys), actionsPerLearner(ctx.db, where, keys)]);
      const names = done.actions.map((a) => `${a.objectId}${SEP}${a.action}`);
      const byLearner = new Map<string, Set<string>>();
      for (const learner of active) byLearner.set(learner, new Set((done.byLearner.get(learner) ?? []).map((i) => names[i]!)));
      return cohortPosition(byLearner);
    }
    case 'risk-activity': {
      const [around, totals] = await Promise.all([activityAround(ctx.db, where, keys, params.split), learnerTotals(ctx.db, contextId)]);
      const lastDays = new Map<string, string>();
      for (const t of totals) {
        const key = directory.canonical(t.learner);
        if (t.lastDay <= params.to && (lastDays.get(key) ?? '') < t.lastDay) lastDays.set(key, t.lastDay);
      }
      const value: RiskActivity = { around, lastDays: [...lastDays] };
      return value;
    }
  }
}

/** Per learner of the course (by sub): what they posted, raised and answered in the classroom's sessions. */
async function engagementOf(ctx: AppContext, contextId: string, directory: LearnerDirectory, params: Extract<ViewParams, { view: 'classroom-engagement' }>): Promise<ClassroomEngagement> {
  const rows = await objectLearnerTotals(ctx.db, contextId, params.classroomId, params.from, params.to, ['posted', 'reacted', 'answered']);
  const bySub = new Map<string, [string, number, number, number]>();
  for (const d of rows) {
    const key = directory.canonical(d.learner);
    if (!key.startsWith('sub:') || !directory.isLearner(key)) continue;
    const sub = key.slice(4);
    let entry = bySub.get(sub);
    if (!entry) bySub.set(sub, (entry = [sub, 0, 0, 0]));
    entry[d.action === 'posted' ? 1 : d.action === 'reacted' ? 2 : 3] += d.count;
  }
  return [...bySub.values()];
}

/** The separator of an active action's key (object, then action) in a cohort's result. */
export const ACTION_KEY_SEPARATOR = SEP;
