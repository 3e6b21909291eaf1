import type { AppContext } from '../app-context.js';
import { translate } from '../http/messages.js';
import type { LaunchSession } from '../lti/session/session.service.js';
import { learnerTotals, watchedShareSums } from './analytics.repository.js';
import { activityAround } from './course-activity.repository.js';
import { latestGradeShares } from './classroom-analytics.repository.js';
import type { RiskLearner, RiskResponse } from './analytics.view.js';
import { inScope, resolveScope } from './analytics-scope.js';
import { computeCohort, DEFAULT_WINDOW_DAYS } from './cohort.service.js';
import { addDays, daysBetween } from './indicators/calendar-days.js';
import { dropoutRisk } from './indicators/dropout-risk.js';
import { LearnerDirectory } from './learner-directory.js';

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
  const [totals, recent, cohort, views, grades] = await Promise.all([
    learnerTotals(ctx.db, scope.contextId),
    activityAround(ctx.db, { contextId: scope.contextId, from: addDays(asOf, -27), to: asOf, objectIds: scope.objectIds }, directory.keyMap(), split),
    computeCohort(ctx, scope, directory, asOf, DEFAULT_WINDOW_DAYS),
    watchedShareSums(ctx.db, scope.platformId, videos),
    latestGradeShares(ctx.db, scope.platformId, graded),
  ]);
  const lastDay = new Map<string, string>();
  for (const t of totals) {
    const key = directory.canonical(t.learner);
    if (t.lastDay <= asOf && (lastDay.get(key) ?? '') < t.lastDay) lastDay.set(key, t.lastDay);
  }
  const activity = new Map(recent.map((r) => [r.learner, { recent: r.recent, previous: r.previous, last: r.last_day }]));
  const positions = new Map(cohort.result.positions.map((p) => [p.learner, p]));
  const activeActions = cohort.result.activeActions.length;
  const gradeSums = sumBySub(grades.map((g) => ({ sub: g.sub, value: g.share })));
  const keys = new Set([...directory.rosterLearnerKeys(), ...[...lastDay.keys()].filter((k) => directory.isLearner(k))]);
  const learners: RiskLearner[] = [];
  for (const key of keys) {
    const sub = key.startsWith('sub:') ? key.slice(4) : null;
    // Scoped to chosen resources, "last activity" is the last one with them.
    const last = scope.objectIds ? (activity.get(key)?.last ?? null) : (lastDay.get(key) ?? null);
    const a = activity.get(key);
    const position = positions.get(key);
    const g = sub ? gradeSums.get(sub) : undefined;
    const risk = dropoutRisk({
      neverActive: !lastDay.has(key) && !a,
      daysInactive: last ? daysBetween(last, asOf) : null,
      recentActivity: a?.recent ?? 0,
      previousActivity: a?.previous ?? 0,
      missedActiveShare: cohort.result.status === 'ok' ? (position ? position.missed / activeActions : 1) : null,
      completion: videos.length ? (sub ? (views.get(sub) ?? 0) : 0) / videos.length : null,
      gradeShare: g ? g.sum / g.n : null,
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
  learners.sort((x, y) => y.score - x.score || (x.learner.name ?? x.learner.id).localeCompare(y.learner.name ?? y.learner.id));
  return { asOf, learners };
}

function sumBySub(values: { sub: string; value: number }[]): Map<string, { sum: number; n: number }> {
  const out = new Map<string, { sum: number; n: number }>();
  for (const v of values) {
    const s = out.get(v.sub) ?? { sum: 0, n: 0 };
    s.sum += v.value;
    s.n++;
    out.set(v.sub, s);
  }
  return out;
}
