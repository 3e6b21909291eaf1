import type { AppContext } from '../app-context.js';
import { translate } from '../http/messages.js';
import type { LaunchSession } from '../lti/session/session.service.js';
import { watchedShareSums } from './analytics.repository.js';
import { meanLatestGradeShares } from './classroom-analytics.repository.js';
import type { RiskLearner, RiskResponse } from './analytics.view.js';
import { inScope, resolveScope } from './analytics-scope.js';
import { computeCohort, DEFAULT_WINDOW_DAYS } from './cohort.service.js';
import { addDays, daysBetween } from './indicators/calendar-days.js';
import { dropoutRisk } from './indicators/dropout-risk.js';
import { LearnerDirectory } from './learner-directory.js';
import { riskActivity } from './shared-views.js';

/** One collator for the whole sort: localeCompare builds one per call. */
const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Every learner of the course with their dropout risk as of `asOf` (docs/indicators.md,
 * "Dropout risk"), the roster's never-active learners included, highest risk first.
 */
export async function getRisk(ctx: AppContext, session: LaunchSession, asOf: string, dashboardId?: string): Promise<RiskResponse> {
  const scope = await resolveScope(ctx, session, dashboardId, 'instructor');
  const directory = await LearnerDirectory.load(ctx, scope.contextId);
  const videos = scope.resources.filter((r) => r.kind === 'video' && inScope(scope, r.id)).map((r) => r.id);
  const graded = scope.resources.filter((r) => r.gradable && inScope(scope, r.id)).map((r) => r.id);
  const split = addDays(asOf, -13);
  const [{ around, lastDays }, cohort, views, grades] = await Promise.all([
    riskActivity(ctx, { platformId: scope.platformId, contextId: scope.contextId, directory }, { from: addDays(asOf, -27), to: asOf, split, objectIds: scope.objectIds }),
    computeCohort(ctx, scope, directory, asOf, DEFAULT_WINDOW_DAYS),
    watchedShareSums(ctx.db, scope.platformId, videos),
    meanLatestGradeShares(ctx.db, scope.platformId, graded),
  ]);
  const lastDay = new Map(lastDays);
  const activity = new Map(around.map((r) => [r.learner, { recent: r.recent, previous: r.previous, last: r.last_day }]));
  const positions = new Map(cohort.result.positions.map((p) => [p.learner, p]));
  const activeActions = cohort.result.activeActions.length;
  const keys = new Set([...directory.rosterLearnerKeys(), ...[...lastDay.keys()].filter((k) => directory.isLearner(k))]);
  const learners: RiskLearner[] = [];
  for (const key of keys) {
    const sub = key.startsWith('sub:') ? key.slice(4) : null;
    // Scoped to chosen resources, "last activity" is the last one with them.
    const last = scope.objectIds ? (activity.get(key)?.last ?? null) : (lastDay.get(key) ?? null);
    const a = activity.get(key);
    const position = positions.get(key);
    const g = sub ? grades.get(sub) : undefined;
    const risk = dropoutRisk({
      neverActive: !lastDay.has(key) && !a,
      daysInactive: last ? daysBetween(last, asOf) : null,
      recentActivity: a?.recent ?? 0,
      previousActivity: a?.previous ?? 0,
      missedActiveShare: cohort.result.status === 'ok' ? (position ? position.missed / activeActions : 1) : null,
      completion: videos.length ? (sub ? (views.get(sub) ?? 0) : 0) / videos.length : null,
      gradeShare: g ? g.mean : null,
    });
    learners.push({
      learner: directory.ref(key),
      score: risk.score,
      level: risk.level,
      neverActive: risk.reasons.some((r) => r.code === 'never-active'),
      lastActivity: last,
      reasons: risk.reasons.map((r) => ({ ...r, text: translate(session.locale, `risk.${r.code}`, r.params) })),
    });
  }
  learners.sort((x, y) => y.score - x.score || byName.compare(x.learner.name ?? x.learner.id, y.learner.name ?? y.learner.id));
  return { asOf, learners };
}
