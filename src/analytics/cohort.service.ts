import type { AppContext } from '../app-context.js';
import type { LaunchSession } from '../lti/session/session.service.js';
import { activityTitles } from './analytics.repository.js';
import type { CohortResponse } from './analytics.view.js';
import { resolveScope, type AnalyticsScope } from './analytics-scope.js';
import { addDays } from './indicators/calendar-days.js';
import { DEFAULT_THRESHOLDS, type CohortResult } from './indicators/cohort-position.js';
import { LearnerDirectory } from './learner-directory.js';
import { ACTION_KEY_SEPARATOR as SEP, cohortOf } from './shared-views.js';

export const DEFAULT_WINDOW_DAYS = 15;

export interface CohortComputation {
  from: string;
  to: string;
  days: number;
  result: CohortResult;
}

/**
 * The TdBP cohort over the `days` days ending `to` (docs/indicators.md, "Cohort position"): the
 * learners active in the window (staff left out, one key per person) and the actions each did.
 */
export async function computeCohort(ctx: AppContext, scope: AnalyticsScope, directory: LearnerDirectory, to: string, days: number): Promise<CohortComputation> {
  const from = addDays(to, -(days - 1));
  // Shared by the teacher's cohort and risk views and every learner's own dashboard until the rollups change.
  const result = await cohortOf(ctx, { platformId: scope.platformId, contextId: scope.contextId, directory }, { from, to, objectIds: scope.objectIds });
  return { from, to, days, result };
}

export async function getCohort(ctx: AppContext, session: LaunchSession, to: string, days: number, dashboardId?: string): Promise<CohortResponse> {
  const scope = await resolveScope(ctx, session, dashboardId, 'instructor');
  const directory = await LearnerDirectory.load(ctx, scope.contextId);
  const { from, result } = await computeCohort(ctx, scope, directory, to, days);
  const objectIds = [...new Set(result.activeActions.map((a) => a.key.split(SEP)[0]!))];
  const own = new Map(scope.resources.map((r) => [r.id, r.title]));
  const titles = await activityTitles(ctx.db, scope.platformId, objectIds.filter((id) => !own.has(id)));
  return {
    window: { from, to, days },
    status: result.status,
    cohortSize: result.cohortSize,
    activeActions: result.activeActions.map((a) => {
      const [objectId, action] = a.key.split(SEP) as [string, string];
      return { objectId, objectTitle: own.get(objectId) ?? titles.get(objectId) ?? objectId, action, learners: a.learners, rate: round(a.rate) };
    }),
    learners: result.positions.map((p) => ({ learner: directory.ref(p.learner), score: p.score, rank: p.rank, quartile: p.quartile, actionsDone: p.done, actionsMissed: p.missed })),
    thresholds: DEFAULT_THRESHOLDS,
  };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
