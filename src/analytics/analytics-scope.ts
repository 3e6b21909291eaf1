import type { AppContext } from '../app-context.js';
import { AppError } from '../http/errors.js';
import type { LaunchSession } from '../lti/session/session.service.js';
import { courseResources, type CourseResourceRow } from './analytics.repository.js';

/** What a dashboard request covers: the session's course, and the dashboard's chosen resources when it has some. */
export interface AnalyticsScope {
  platformId: string;
  contextId: string;
  resources: CourseResourceRow[];
  /** null: the whole course (every trace of it, Moodle's own activities included). */
  objectIds: string[] | null;
  dashboard: CourseResourceRow | null;
}

export interface DashboardSettingsValue {
  audience: 'instructors' | 'learners';
  scope: 'course' | 'resources';
  resourceIds: string[];
}

export function dashboardSettings(settings: unknown): DashboardSettingsValue {
  const s = (settings ?? {}) as Partial<DashboardSettingsValue>;
  return {
    audience: s.audience === 'learners' ? 'learners' : 'instructors',
    scope: s.scope === 'resources' ? 'resources' : 'course',
    resourceIds: Array.isArray(s.resourceIds) ? s.resourceIds.filter((x): x is string => typeof x === 'string') : [],
  };
}

/**
 * The scope of a request: the session's course only (a course or resource of another course or
 * platform is "not found", never shown). With `dashboardId`: a dashboard resource of that course,
 * whose audience a learner must match (403 `dashboard-for-instructors`, before any data is read).
 */
export async function resolveScope(ctx: AppContext, session: LaunchSession, dashboardId: string | undefined, viewer: 'instructor' | 'learner'): Promise<AnalyticsScope> {
  if (!session.context) throw new AppError('analytics-no-course', 400);
  const resources = await courseResources(ctx.db, session.platform.id, session.context.id);
  let dashboard: CourseResourceRow | null = null;
  let objectIds: string[] | null = null;
  if (dashboardId !== undefined) {
    dashboard = resources.find((r) => r.id === dashboardId) ?? null;
    if (!dashboard) throw new AppError('analytics-unknown-resource', 404, { resourceId: dashboardId });
    if (dashboard.kind !== 'dashboard') throw new AppError('analytics-not-a-dashboard', 400, { resourceId: dashboardId });
    const settings = dashboardSettings(dashboard.settings);
    if (viewer === 'learner' && settings.audience === 'instructors' && !isStaff(session)) throw new AppError('dashboard-for-instructors', 403);
    if (settings.scope === 'resources') {
      const own = new Set(resources.map((r) => r.id));
      objectIds = settings.resourceIds.filter((id) => own.has(id));
    }
  }
  return { platformId: session.platform.id, contextId: session.context.id, resources, objectIds, dashboard };
}

export function isStaff(session: LaunchSession): boolean {
  return session.role === 'instructor' || session.role === 'admin';
}

export function inScope(scope: AnalyticsScope, resourceId: string): boolean {
  return scope.objectIds === null || scope.objectIds.includes(resourceId);
}
