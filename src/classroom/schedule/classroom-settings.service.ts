import type { AppContext } from '../../app-context.js';
import { canEdit, changeResource, loadEditableResource, loadViewableResource } from '../../content/resource.service.js';
import type { ResourceWithCourse } from '../../content/resource-lookup.service.js';
import { AppError } from '../../http/errors.js';
import { hasRole } from '../../lti/launch/roles.js';
import type { LaunchSession } from '../../lti/session/session.service.js';
import { StoredClassroomSettings, type ClassroomSettings } from '../classroom-settings.schemas.js';
import type { ClassroomResponse, OccurrenceView } from './classroom.view.js';
import { PRESENTATION_URL_TTL_SECONDS, signPresentationToken } from './presentation-token.js';
import { assertSchedule } from './schedule-rules.js';
import { roomStatus, upcomingOccurrences, type Occurrence } from './schedule.js';

// A classroom's sessions as dated occurrences: the demo course schedules its meetings on them.
export { upcomingOccurrences, type Occurrence } from './schedule.js';

/** How many occurrences GET lists. */
const UPCOMING = 10;

/** A classroom resource's settings, with defaults for what older rows lack. */
export function classroomSettings(resource: { settings: unknown }): ClassroomSettings {
  return StoredClassroomSettings.parse(resource.settings ?? {});
}

/**
 * The URL BigBlueButton downloads the presentation from (create's <modules>), or null when the
 * classroom has none. No session: the signed token in the path is the grant, for an hour.
 */
export function presentationDownloadUrl(ctx: AppContext, resource: { id: string; platform_id: string; settings: unknown }): string | null {
  const presentation = classroomSettings(resource).presentation;
  if (!presentation) return null;
  const exp = Math.floor(Date.now() / 1000) + PRESENTATION_URL_TTL_SECONDS;
  const token = signPresentationToken(ctx.secrets.sessionKeyBytes, { platformId: resource.platform_id, resourceId: resource.id, exp });
  return `${ctx.config.http.publicUrl}/classroom/presentations/${token}/${encodeURIComponent(presentation.fileName)}`;
}

/** A classroom this session may see: another kind is a 404 of its own, another platform's a plain 404. */
export async function loadViewableClassroom(ctx: AppContext, session: LaunchSession, resourceId: string): Promise<ResourceWithCourse> {
  return assertClassroom(await loadViewableResource(ctx, session, resourceId));
}

export async function loadEditableClassroom(ctx: AppContext, session: LaunchSession, resourceId: string): Promise<ResourceWithCourse> {
  // The kind first: a learner asking to change a video learns it is not a classroom, not that they may not.
  assertClassroom(await loadViewableResource(ctx, session, resourceId));
  return loadEditableResource(ctx, session, resourceId);
}

function assertClassroom(row: ResourceWithCourse): ResourceWithCourse {
  if (row.kind !== 'classroom') throw new AppError('classroom-not-found', 404, { resourceId: row.id });
  return row;
}

export async function getClassroom(ctx: AppContext, session: LaunchSession, resourceId: string, now = new Date()): Promise<ClassroomResponse> {
  return toClassroomResponse(ctx, session, await loadViewableClassroom(ctx, session, resourceId), now);
}

export interface ClassroomChanges {
  title?: string;
  description?: string;
  /** Only the settings sent (already shaped by ClassroomSettingsInput). */
  settings: Record<string, unknown>;
}

/** Title, description and settings; the schedule's rules are checked on the result before anything is saved. */
export async function updateClassroom(ctx: AppContext, session: LaunchSession, resourceId: string, changes: ClassroomChanges): Promise<ClassroomResponse> {
  const current = await loadEditableClassroom(ctx, session, resourceId);
  const merged = { ...classroomSettings(current), ...changes.settings } as ClassroomSettings;
  assertSchedule(merged);
  const hasSettings = Object.keys(changes.settings).length > 0;
  await changeResource(ctx, session, resourceId, { title: changes.title, description: changes.description, ...(hasSettings ? { settings: changes.settings } : {}) });
  ctx.logger.info({ resourceId, platformId: current.platform_id, keys: Object.keys(changes.settings) }, 'classroom settings changed');
  return getClassroom(ctx, session, resourceId);
}

export function toClassroomResponse(ctx: AppContext, session: LaunchSession, row: ResourceWithCourse, now: Date): ClassroomResponse {
  const { presentation, ...settings } = classroomSettings(row);
  const teacher = hasRole(session.role, 'instructor');
  const status = roomStatus(settings, now);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    gradable: row.gradable,
    scoreMaximum: row.score_maximum,
    settings: teacher
      ? settings
      : { welcomeMessage: settings.welcomeMessage, timeZone: settings.timeZone, recordingAllowed: settings.recordingAllowed, waitForModerator: settings.waitForModerator },
    schedule: {
      timeZone: settings.timeZone,
      scheduled: status.scheduled,
      open: status.open,
      current: occurrenceView(status.current),
      next: occurrenceView(status.next),
      upcoming: upcomingOccurrences(settings, now, UPCOMING).map((o) => occurrenceView(o)!),
    },
    presentation: teacher && presentation ? { fileName: presentation.fileName, mime: presentation.mime, sizeBytes: presentation.sizeBytes, uploadedAt: presentation.uploadedAt } : null,
    maxPresentationBytes: ctx.config.classroom.maxPresentationBytes,
    canEdit: canEdit(session, row),
  };
}

function occurrenceView(o: Occurrence | null): OccurrenceView | null {
  return o ? { sessionId: o.sessionId, title: o.title, start: o.start.toISOString(), end: o.end.toISOString(), opensAt: o.opensAt.toISOString() } : null;
}
