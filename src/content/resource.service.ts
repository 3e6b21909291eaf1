import crypto from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { AppError, BadRequestError } from '../http/errors.js';
import { hasRole } from '../lti/launch/roles.js';
import type { LaunchSession } from '../lti/session/session.service.js';
import { RESOURCE_ID_CUSTOM_PARAM } from '../lti/launch/launch-context.js';
import { StoredClassroomSettings } from '../classroom/classroom-settings.schemas.js';
import { assertSchedule } from '../classroom/schedule/schedule-rules.js';
import { summarizeVideos, type VideoSummary } from '../video/video-summary.service.js';
import { resolveLaunchRoute } from './launch-route.service.js';
import {
  bindLinkToResource,
  findResourceWithCourse,
  insertResource,
  listTeacherCourses,
  listResources,
  updateResource,
  type ResourceWithCourse,
} from './resource.repository.js';
import type { CreateResourceInput } from './resource.schemas.js';
import { KindSettings } from './resource.schemas.js';
import type { ResourceRow } from './resource.table.js';
import type { CourseListResponse, ResourceResponse } from './resource.view.js';

/** Score out of 100 unless the teacher says otherwise (Moodle's default grade). */
const DEFAULT_SCORE_MAXIMUM = 100;

/** `video`: the published media's poster and length, for lists (src/video answers them). */
export function toResourceResponse(row: ResourceWithCourse, session: LaunchSession, video?: VideoSummary): ResourceResponse {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    gradable: row.gradable,
    scoreMaximum: row.score_maximum,
    settings: row.settings,
    course: { id: row.context_id, title: row.course_title, label: row.course_label, current: row.context_id === session.context?.id },
    createdBy: row.created_by ? { name: row.creator_name } : null,
    thumbnailUrl: video?.posterUrl ?? (typeof row.settings.thumbnailUrl === 'string' ? row.settings.thumbnailUrl : null),
    ...(video ? { durationSeconds: video.durationSeconds } : {}),
    canEdit: canEdit(session, row),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** An instructor of the course that owns it, or the teacher who made it (from any of their courses). */
export function canEdit(session: LaunchSession, resource: Pick<ResourceRow, 'platform_id' | 'context_id' | 'created_by'>): boolean {
  if (resource.platform_id !== session.platform.id || !hasRole(session.role, 'instructor')) return false;
  return resource.context_id === session.context?.id || (session.user !== null && resource.created_by === session.user.id);
}

/** A resource of the session's platform, or a 404 that says so (another platform's id looks exactly the same). */
export async function loadResource(ctx: AppContext, session: LaunchSession, id: string): Promise<ResourceWithCourse> {
  const row = await findResourceWithCourse(ctx.db, session.platform.id, id);
  if (!row) throw new AppError('resource-not-found', 404, { resourceId: id });
  return row;
}

/** A resource the teacher may put in an activity or edit: 403 otherwise. */
export async function loadEditableResource(ctx: AppContext, session: LaunchSession, id: string): Promise<ResourceWithCourse> {
  const row = await loadResource(ctx, session, id);
  if (!canEdit(session, row)) throw new AppError('resource-forbidden', 403, { resourceId: id });
  return row;
}

/**
 * A resource the teacher may put in an activity: one they may edit, or one from a course they
 * teach on this platform (its launches said so). 403 otherwise.
 */
export async function loadUsableResource(ctx: AppContext, session: LaunchSession, id: string): Promise<ResourceWithCourse> {
  const row = await loadResource(ctx, session, id);
  if (canEdit(session, row)) return row;
  const courses = session.user && hasRole(session.role, 'instructor') ? await listTeacherCourses(ctx.db, session.platform.id, session.user.id) : [];
  if (!courses.some((c) => c.id === row.context_id)) throw new AppError('resource-forbidden', 403, { resourceId: id });
  return row;
}

/**
 * What a launch may read: its course's resources, what the teacher may use, and the resource its
 * activity shows (the original of a copied course, for learners, before the teacher opened it).
 */
export async function loadViewableResource(ctx: AppContext, session: LaunchSession, id: string): Promise<ResourceWithCourse> {
  const row = await loadResource(ctx, session, id);
  if (row.context_id === session.context?.id || canEdit(session, row)) return row;
  const route = await resolveLaunchRoute(ctx, session);
  if (route.name === 'resource' && route.resourceId === id) return row;
  if (hasRole(session.role, 'instructor')) return loadUsableResource(ctx, session, id);
  throw new AppError('resource-forbidden', 403, { resourceId: id });
}

/** Re-editing: the activity shows another resource from now on, without recreating it in Moodle. */
export async function switchLinkResource(ctx: AppContext, session: LaunchSession, resourceId: string) {
  if (!session.resourceLink) throw new BadRequestError('no-resource-link', 400);
  const resource = await loadUsableResource(ctx, session, resourceId);
  await bindLinkToResource(ctx.db, session.resourceLink.id, resource.id, session.launch.custom[RESOURCE_ID_CUSTOM_PARAM] || null);
  ctx.logger.info({ resourceLinkId: session.resourceLink.id, resourceId }, 'activity switched to another resource');
  return resolveLaunchRoute(ctx, session);
}

export async function createResource(ctx: AppContext, session: LaunchSession, input: CreateResourceInput): Promise<ResourceResponse> {
  if (!session.context) throw new BadRequestError('no-resource-link', 400);
  // A classroom's schedule has rules beyond its shape (dates in order, exceptions on its days).
  if (input.kind === 'classroom') assertSchedule(input.settings, ['body', 'settings']);
  const row = await insertResource(ctx.db, {
    id: crypto.randomUUID(),
    platform_id: session.platform.id,
    context_id: session.context.id,
    kind: input.kind,
    title: input.title,
    description: input.description,
    created_by: session.user?.id ?? null,
    gradable: input.gradable,
    score_maximum: input.gradable ? (input.scoreMaximum ?? DEFAULT_SCORE_MAXIMUM) : (input.scoreMaximum ?? null),
    settings: JSON.stringify(input.settings),
  });
  ctx.logger.info({ resourceId: row.id, kind: row.kind, platformId: row.platform_id }, 'resource created');
  return toResourceResponse((await findResourceWithCourse(ctx.db, session.platform.id, row.id))!, session);
}

export interface ResourceChanges {
  title?: string;
  description?: string;
  gradable?: boolean;
  scoreMaximum?: number | null;
  settings?: Record<string, unknown>;
}

export async function changeResource(ctx: AppContext, session: LaunchSession, id: string, changes: ResourceChanges): Promise<ResourceResponse> {
  const current = await loadEditableResource(ctx, session, id);
  let settings: Record<string, unknown> | undefined;
  if (changes.settings) {
    const parsed = KindSettings[current.kind].partial().safeParse(changes.settings);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => `settings.${i.path.join('.')}: ${i.message}`).join('; ');
      throw new BadRequestError('invalid-request', 400, { details });
    }
    // Only the keys sent: partial() still fills the others with their defaults, which would reset them.
    const keys = new Set(Object.keys(changes.settings));
    settings = Object.fromEntries(Object.entries(parsed.data).filter(([key]) => keys.has(key)));
    if (current.kind === 'classroom') assertSchedule(StoredClassroomSettings.parse({ ...current.settings, ...settings }), ['body', 'settings']);
  }
  const gradable = changes.gradable ?? current.gradable;
  let scoreMaximum = changes.scoreMaximum === undefined ? current.score_maximum : changes.scoreMaximum;
  if (gradable && scoreMaximum === null) {
    if (changes.scoreMaximum === null) throw new BadRequestError('score-maximum-required', 400);
    scoreMaximum = DEFAULT_SCORE_MAXIMUM;
  }
  await updateResource(ctx.db, session.platform.id, id, {
    ...(changes.title !== undefined ? { title: changes.title } : {}),
    ...(changes.description !== undefined ? { description: changes.description } : {}),
    gradable,
    score_maximum: scoreMaximum,
  }, settings);
  return toResourceResponse((await findResourceWithCourse(ctx.db, session.platform.id, id))!, session);
}

export interface PickerQuery {
  kind?: ResourceRow['kind'];
  q?: string;
  course: string;
  limit: number;
}

/**
 * What the picker lists: this course's resources, the teacher's own from their other courses on
 * this platform, or one of those courses. Another course where the teacher made nothing: 403.
 */
export async function listResourcesForPicker(ctx: AppContext, session: LaunchSession, query: PickerQuery): Promise<ResourceResponse[]> {
  const current = session.context?.id;
  const userId = session.user?.id;
  let contextIds: string[];
  let createdBy: string | undefined;
  if (query.course === 'current' || query.course === current) {
    contextIds = current ? [current] : [];
  } else {
    const courses = userId ? await listTeacherCourses(ctx.db, session.platform.id, userId) : [];
    if (query.course === 'all') {
      contextIds = [...(current ? [current] : []), ...courses.map((c) => c.id)];
      createdBy = userId;
    } else if (courses.some((c) => c.id === query.course)) {
      contextIds = [query.course];
    } else {
      throw new AppError('course-forbidden', 403, { courseId: query.course });
    }
  }
  const rows = await listResources(ctx.db, { platformId: session.platform.id, kind: query.kind, search: query.q, contextIds, createdBy, limit: query.limit });
  const videos = await summarizeVideos(ctx, session.platform.id, rows.filter((r) => r.kind === 'video'));
  return rows.map((r) => toResourceResponse(r, session, videos.get(r.id)));
}

export async function listCoursesForPicker(ctx: AppContext, session: LaunchSession): Promise<CourseListResponse> {
  const own = session.user ? await listTeacherCourses(ctx.db, session.platform.id, session.user.id) : [];
  const courses: CourseListResponse['courses'] = [];
  if (session.context) {
    const mine = own.find((c) => c.id === session.context!.id);
    courses.push({ id: session.context.id, title: session.context.title, label: session.context.label, current: true, resourceCount: Number(mine?.resource_count ?? 0) });
  }
  for (const c of own) {
    if (c.id !== session.context?.id) courses.push({ id: c.id, title: c.title, label: c.label, current: false, resourceCount: Number(c.resource_count) });
  }
  return { courses };
}

