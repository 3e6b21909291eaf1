import type { AppContext } from '../app-context.js';
import { AppError } from '../http/errors.js';
import type { LaunchSession } from '../lti/session/session.service.js';
import { learnerDayCounts, watchedShares } from './analytics.repository.js';
import type { DateRange, LearnerAnalyticsResponse, LearnerResourceProgress } from './analytics.view.js';
import { inScope, resolveScope, type AnalyticsScope } from './analytics-scope.js';
import { classroomProgress } from './classroom-analytics.repository.js';
import { computeCohort, DEFAULT_WINDOW_DAYS } from './cohort.service.js';
import { everyDay } from './indicators/calendar-days.js';
import { LearnerDirectory } from './learner-directory.js';

/**
 * A learner's own dashboard: their activity, their progress per resource, and where they stand
 * in the cohort as a quartile. Built from their own keys only; the cohort is computed to place
 * them, and nothing of it but their quartile and the cohort's size leaves this function.
 */
export async function getLearnerAnalytics(ctx: AppContext, session: LaunchSession, range: DateRange, dashboardId?: string): Promise<LearnerAnalyticsResponse> {
  const scope = await resolveScope(ctx, session, dashboardId, 'learner');
  if (!session.user) throw new AppError('analytics-no-user', 400);
  const directory = await LearnerDirectory.load(ctx, scope.contextId);
  const own = new Set(LearnerDirectory.ownKeys(session.user));
  const me = `sub:${session.user.sub}`;
  const [days, cohort, resources] = await Promise.all([
    learnerDayCounts(ctx.db, scope.contextId, range.from, range.to, scope.objectIds, [...own]),
    computeCohort(ctx, scope, directory, range.to, DEFAULT_WINDOW_DAYS),
    progressPerResource(ctx, scope, session.user.sub),
  ]);
  const perDay = new Map<string, number>();
  for (const d of days) if (own.has(d.learner)) perDay.set(d.day, (perDay.get(d.day) ?? 0) + d.count);
  const position = cohort.result.positions.find((p) => p.learner === me);
  return {
    range,
    actionsPerDay: everyDay(range.from, range.to, perDay),
    activeDays: perDay.size,
    resources,
    cohort: { quartile: position?.quartile ?? null, cohortSize: cohort.result.cohortSize, status: cohort.result.status, windowDays: cohort.days },
  };
}

async function progressPerResource(ctx: AppContext, scope: AnalyticsScope, sub: string): Promise<LearnerResourceProgress[]> {
  const videos = scope.resources.filter((r) => r.kind === 'video' && inScope(scope, r.id));
  const classrooms = scope.resources.filter((r) => r.kind === 'classroom' && inScope(scope, r.id));
  const [views, sessions] = await Promise.all([
    watchedShares(ctx.db, scope.platformId, videos.map((r) => r.id), sub),
    classroomProgress(ctx.db, scope.platformId, classrooms.map((r) => r.id), sub),
  ]);
  const mine = new Map(views.map((v) => [v.resource_id, v]));
  const out: LearnerResourceProgress[] = videos.map((r) => {
    const v = mine.get(r.id);
    return { resourceId: r.id, kind: 'video', title: r.title, progress: v ? round(v.watched_share) : 0, completed: v?.completed ?? false, lastActivity: v ? v.updated_at.toISOString() : null };
  });
  const bySession = new Map(sessions.map((s) => [s.resource_id, s]));
  for (const r of classrooms) {
    const { held = 0, attended = 0 } = bySession.get(r.id) ?? {};
    out.push({ resourceId: r.id, kind: 'classroom', title: r.title, progress: held ? round(attended / held) : 0, completed: held > 0 && attended === held, lastActivity: null });
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
