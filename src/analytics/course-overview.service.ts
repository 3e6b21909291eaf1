import type { AppContext } from '../app-context.js';
import type { LaunchSession } from '../lti/session/session.service.js';
import { activityTitles } from './analytics.repository.js';
import type { CourseOverviewResponse, CourseResourceUse, DateRange, LearnerActivity } from './analytics.view.js';
import { resolveScope, type AnalyticsScope } from './analytics-scope.js';
import { everyDay } from './indicators/calendar-days.js';
import { LearnerDirectory } from './learner-directory.js';
import { overviewSums } from './shared-views.js';

/** One collator for the whole sort: localeCompare builds one per call. */
const byName = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * The teacher's course overview (docs/indicators.md, "Course"): active learners and statements
 * per day, each resource's use, resources nobody opened, activity per learner, and the roster
 * learners who never left a trace.
 */
export async function getCourseOverview(ctx: AppContext, session: LaunchSession, range: DateRange, dashboardId?: string): Promise<CourseOverviewResponse> {
  const scope = await resolveScope(ctx, session, dashboardId, 'instructor');
  const directory = await LearnerDirectory.load(ctx, scope.contextId);
  const { perDay, perLearner, perObject: uses, objectsPerLearner, totals } = await overviewSums(
    ctx,
    { platformId: scope.platformId, contextId: scope.contextId, directory },
    { from: range.from, to: range.to, objectIds: scope.objectIds },
  );
  const objects = new Map(objectsPerLearner);
  const learners: LearnerActivity[] = perLearner.map((p) => ({
    learner: directory.ref(p.learner),
    actions: p.actions,
    activeDays: p.days,
    resourcesOpened: objects.get(p.learner) ?? 0,
    lastActivity: p.last_day,
  }));
  const everActive = new Set(totals.map((t) => directory.canonical(t.learner)));
  const resources = await resourceUses(ctx, scope, uses);
  return {
    range,
    scope: { kind: scope.objectIds ? 'resources' : 'course', resourceIds: scope.objectIds ?? [] },
    rosterSize: directory.rosterLearnerKeys().length,
    activeLearnersPerDay: everyDay(range.from, range.to, new Map(perDay.map((d) => [d.day, d.learners]))),
    actionsPerDay: everyDay(range.from, range.to, new Map(perDay.map((d) => [d.day, d.actions]))),
    activeLearners: perLearner.length,
    resources,
    neverOpenedResourceIds: resources.filter((r) => r.kind !== 'external' && r.learners === 0).map((r) => r.id),
    learners: learners.sort((a, b) => b.actions - a.actions || byName.compare(a.learner.name ?? a.learner.id, b.learner.name ?? b.learner.id)),
    neverActive: directory.rosterLearnerKeys().filter((k) => !everActive.has(k)).map((k) => directory.ref(k)),
  };
}

/** Amphi's resources of the scope (used or not), then the other activities the traces name. */
async function resourceUses(ctx: AppContext, scope: AnalyticsScope, uses: { object_id: string; learners: number; actions: number; last_day: string }[]): Promise<CourseResourceUse[]> {
  const byId = new Map(uses.map((u) => [u.object_id, u]));
  const own = scope.resources.filter((r) => r.kind !== 'dashboard' && (scope.objectIds === null || scope.objectIds.includes(r.id)));
  const ownIds = new Set(scope.resources.map((r) => r.id));
  const list: CourseResourceUse[] = own.map((r) => {
    const u = byId.get(r.id);
    return { id: r.id, kind: r.kind, title: r.title, learners: u?.learners ?? 0, actions: u?.actions ?? 0, lastActivity: u?.last_day ?? null };
  });
  if (scope.objectIds) return list;
  const external = uses.filter((u) => !ownIds.has(u.object_id)).sort((a, b) => b.actions - a.actions).slice(0, 200);
  const titles = await activityTitles(ctx.db, scope.platformId, external.map((u) => u.object_id));
  for (const u of external) list.push({ id: u.object_id, kind: 'external', title: titles.get(u.object_id) ?? u.object_id, learners: u.learners, actions: u.actions, lastActivity: u.last_day });
  return list;
}
