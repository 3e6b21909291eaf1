import type { AppContext } from '../app-context.js';
import type { LaunchSession } from '../lti/session/session.service.js';
import { activityTitles, learnerActions, learnerDayCounts, learnerTotals, objectUse } from './analytics.repository.js';
import type { CourseOverviewResponse, CourseResourceUse, DateRange, LearnerActivity } from './analytics.view.js';
import { resolveScope } from './analytics-scope.js';
import { everyDay } from './indicators/calendar-days.js';
import { LearnerDirectory } from './learner-directory.js';

/**
 * The teacher's course overview (docs/indicators.md, "Course"): active learners and statements
 * per day, each resource's use, resources nobody opened, activity per learner, and the roster
 * learners who never left a trace.
 */
export async function getCourseOverview(ctx: AppContext, session: LaunchSession, range: DateRange, dashboardId?: string): Promise<CourseOverviewResponse> {
  const scope = await resolveScope(ctx, session, dashboardId, 'instructor');
  const directory = await LearnerDirectory.load(ctx, scope.contextId);
  const [dayCounts, totals, uses, actions] = await Promise.all([
    learnerDayCounts(ctx.db, scope.contextId, range.from, range.to, scope.objectIds),
    learnerTotals(ctx.db, scope.contextId),
    objectUse(ctx.db, scope.contextId, range.from, range.to, directory.staffKeys()),
    learnerActions(ctx.db, scope.contextId, range.from, range.to, scope.objectIds),
  ]);
  const perLearner = new Map<string, { actions: number; days: Set<string>; last: string }>();
  const learnersPerDay = new Map<string, Set<string>>();
  const actionsPerDay = new Map<string, number>();
  for (const row of dayCounts) {
    const key = directory.canonical(row.learner);
    if (!directory.isLearner(key)) continue;
    const p = perLearner.get(key) ?? { actions: 0, days: new Set<string>(), last: row.day };
    p.actions += row.count;
    p.days.add(row.day);
    if (row.day > p.last) p.last = row.day;
    perLearner.set(key, p);
    (learnersPerDay.get(row.day) ?? learnersPerDay.set(row.day, new Set()).get(row.day)!).add(key);
    actionsPerDay.set(row.day, (actionsPerDay.get(row.day) ?? 0) + row.count);
  }
  const opened = objectsPerLearner(actions, directory);
  const learners: LearnerActivity[] = [...perLearner].map(([key, p]) => ({
    learner: directory.ref(key),
    actions: p.actions,
    activeDays: p.days.size,
    resourcesOpened: opened.get(key) ?? 0,
    lastActivity: p.last,
  }));
  const everActive = new Set(totals.map((t) => directory.canonical(t.learner)));
  const resources = await resourceUses(ctx, scope, uses);
  return {
    range,
    scope: { kind: scope.objectIds ? 'resources' : 'course', resourceIds: scope.objectIds ?? [] },
    rosterSize: directory.rosterLearnerKeys().length,
    activeLearnersPerDay: everyDay(range.from, range.to, new Map([...learnersPerDay].map(([d, s]) => [d, s.size]))),
    actionsPerDay: everyDay(range.from, range.to, actionsPerDay),
    activeLearners: perLearner.size,
    resources,
    neverOpenedResourceIds: resources.filter((r) => r.kind !== 'external' && r.learners === 0).map((r) => r.id),
    learners: learners.sort((a, b) => b.actions - a.actions),
    neverActive: directory.rosterLearnerKeys().filter((k) => !everActive.has(k)).map((k) => directory.ref(k)),
  };
}

/** Distinct objects each learner did something with in the range. */
function objectsPerLearner(rows: { learner: string; object_id: string }[], directory: LearnerDirectory): Map<string, number> {
  const objects = new Map<string, Set<string>>();
  for (const r of rows) {
    const key = directory.canonical(r.learner);
    (objects.get(key) ?? objects.set(key, new Set()).get(key)!).add(r.object_id);
  }
  return new Map([...objects].map(([k, s]) => [k, s.size]));
}

/** Amphi's resources of the scope (used or not), then the other activities the traces name. */
async function resourceUses(ctx: AppContext, scope: Awaited<ReturnType<typeof resolveScope>>, uses: { object_id: string; learners: number; actions: number; last_day: string }[]): Promise<CourseResourceUse[]> {
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
