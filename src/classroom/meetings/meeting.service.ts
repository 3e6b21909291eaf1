import type { AppContext } from '../../app-context.js';
import type { ResourceWithCourse } from '../../content/resource-lookup.service.js';
import { canEdit } from '../../content/resource.service.js';
import { resolveLaunchRoute } from '../../content/launch-route.service.js';
import { AppError, BadRequestError, ConflictError } from '../../http/errors.js';
import { gradebookLinkFor } from '../../grades/grades.service.js';
import { hasRole } from '../../lti/launch/roles.js';
import type { LaunchSession } from '../../lti/session/session.service.js';
import { BbbFailedError } from '../bbb/bbb-errors.js';
import type { ClassroomSettings } from '../classroom-settings.schemas.js';
import { classroomSettings, loadViewableClassroom } from '../schedule/classroom-settings.service.js';
import { roomStatus, upcomingOccurrences, type Occurrence } from '../schedule/schedule.js';
import { bbbApiFor, isBbbServerConfigured } from '../servers/bbb-server.service.js';
import { ensureLiveMeeting, forgetLiveMeeting, refreshLiveMeeting, type MeetingTarget } from './meeting-lifecycle.js';
import { joinParams } from './meeting-params.js';
import { joinRecorderFor } from './join-recorder.js';
import { countJoined, findLiveMeeting, markMeetingEnded } from './meeting.repository.js';
import type { JoinResponse, JoinRole, OccurrenceResponse, RoomResponse } from './meeting.view.js';

export { classroomMeetingId } from './meeting-id.js';

/** How many sessions the teacher's room panel lists. */
const UPCOMING_LIMIT = 5;

interface Classroom {
  resource: ResourceWithCourse;
  settings: ClassroomSettings;
}

/**
 * Parsed settings by resource and stored JSON: parsing checks the time zone with Intl (~0.4 ms), which
 * 300 joins in one second would otherwise pay 300 times. Bounded; a changed resource has a new key.
 */
const parsedSettings = new Map<string, ClassroomSettings>();
const PARSED_SETTINGS_MAX = 500;

function settingsOf(resource: ResourceWithCourse): ClassroomSettings {
  // The stored JSON itself is the key: a pure function's cache, whatever changed the row.
  const key = `${resource.id}:${JSON.stringify(resource.settings)}`;
  let settings = parsedSettings.get(key);
  if (!settings) {
    settings = classroomSettings(resource);
    if (parsedSettings.size >= PARSED_SETTINGS_MAX) parsedSettings.delete(parsedSettings.keys().next().value!);
    parsedSettings.set(key, settings);
  }
  return settings;
}

/**
 * A classroom this launch may enter; any other kind of resource is not one (404). Seeing is not
 * enough: another course's classroom shown read-only (a course copy before its teacher opened it,
 * a custom id pointing elsewhere) would let its learners into that course's live meeting.
 */
async function loadClassroom(ctx: AppContext, session: LaunchSession, resourceId: string): Promise<Classroom> {
  const resource = await loadViewableClassroom(ctx, session, resourceId);
  if (resource.context_id !== session.context?.id && !canEdit(session, resource)) {
    const route = await resolveLaunchRoute(ctx, session);
    if (!(route.name === 'resource' && route.resourceId === resource.id && !route.readOnly)) throw new AppError('resource-forbidden', 403, { resourceId });
  }
  return { resource, settings: settingsOf(resource) };
}

/** Teachers (and administrators) moderate; learners watch, unless the classroom makes everyone moderator. */
export function joinRole(session: Pick<LaunchSession, 'role'>, settings: Pick<ClassroomSettings, 'everyoneModerator'>): JoinRole {
  return hasRole(session.role, 'instructor') || settings.everyoneModerator ? 'moderator' : 'viewer';
}

function occurrenceResponse(o: Occurrence | null): OccurrenceResponse | null {
  return o && { sessionId: o.sessionId, title: o.title, start: o.start.toISOString(), end: o.end.toISOString(), opensAt: o.opensAt.toISOString() };
}

/**
 * Joining: outside the opening hours learners are told when the next session opens (teachers may
 * open the room early to prepare it); a viewer of a classroom that waits for its moderator waits
 * while no meeting runs; otherwise the meeting is ensured (created once) and the person gets
 * their own signed join URL.
 */
export async function joinClassroom(ctx: AppContext, session: LaunchSession, resourceId: string): Promise<JoinResponse> {
  const { resource, settings } = await loadClassroom(ctx, session, resourceId);
  const user = session.user;
  if (!user) throw new BadRequestError('join-needs-user', 422);
  const role = joinRole(session, settings);
  const status = roomStatus(settings, new Date());
  const teacher = hasRole(session.role, 'instructor');
  // Learners are not sent to an administrator they cannot reach: only that the classroom is not available yet.
  if (!teacher && !(await isBbbServerConfigured(ctx, resource.platform_id))) throw new ConflictError('join-unavailable', 409, { resourceId });
  // A class that runs over stays open to its learners (a dropped connection comes back in).
  if (status.scheduled && !status.open && !teacher && (await findLiveMeeting(ctx.db, resource.platform_id, resource.id))?.state !== 'running') {
    if (!status.next) throw new ConflictError('join-closed-for-good', 409, { resourceId });
    throw new ConflictError('join-closed', 409, { resourceId, opensAt: status.next.opensAt.toISOString(), start: status.next.start.toISOString() });
  }
  const target: MeetingTarget = {
    resource,
    settings,
    createdBy: user.id,
    locale: session.locale,
    sessionStart: status.current?.start ?? null,
  };
  const mayCreate = role === 'moderator' || !settings.waitForModerator;
  const live = await ensureLiveMeeting(ctx, target, mayCreate);
  if (!live) return { status: 'waiting', role };
  const joinUrl = live.api.joinUrl(joinParams(live.row, user, role));
  await joinRecorderFor(ctx.db).record({
    platformId: resource.platform_id,
    resourceId: resource.id,
    meetingRowId: live.row.id,
    userId: user.id,
    // The activity's gradebook column, only when it shows this classroom (another link must not replace it).
    resourceLinkId: await gradebookLinkFor(ctx, session, resource.id),
    role,
  });
  // Ids only: the join URL is a credential.
  ctx.logger.info({ resourceId, meetingRowId: live.row.id, userId: user.id, role }, 'classroom joined');
  return { status: 'ready', joinUrl, role };
}

/** What the page shows and polls. BBB is asked at most once per meetingCheckSeconds per classroom, whoever polls. */
export async function getRoom(ctx: AppContext, session: LaunchSession, resourceId: string): Promise<RoomResponse> {
  const { resource, settings } = await loadClassroom(ctx, session, resourceId);
  const role = joinRole(session, settings);
  const now = new Date();
  const status = roomStatus(settings, now);
  const teacher = hasRole(session.role, 'instructor');
  const serverConfigured = await isBbbServerConfigured(ctx, resource.platform_id);
  // Without a server no meeting can be asked about (nor joined): the room is idle.
  const row = serverConfigured ? await refreshLiveMeeting(ctx, resource.platform_id, resource.id) : undefined;
  const running = row?.state === 'running';
  return {
    serverConfigured,
    open: !status.scheduled || status.open,
    scheduled: status.scheduled,
    current: occurrenceResponse(status.current),
    next: occurrenceResponse(status.next),
    upcoming: teacher ? upcomingOccurrences(settings, now, UPCOMING_LIMIT).map((o) => occurrenceResponse(o)!) : [],
    meetingRunning: running,
    waitingForModerator: role === 'viewer' && settings.waitForModerator && !running,
    role,
    participants: teacher && running ? await countJoined(ctx.db, row.id) : null,
    startedAt: running ? (row.started_at?.toISOString() ?? null) : null,
  };
}

/** The teacher ends the meeting for everyone (BBB end); a meeting BBB no longer knows is ended all the same. */
export async function endClassroomMeeting(ctx: AppContext, session: LaunchSession, resourceId: string): Promise<RoomResponse> {
  const { resource } = await loadClassroom(ctx, session, resourceId);
  const row = await findLiveMeeting(ctx.db, resource.platform_id, resource.id);
  if (row?.state !== 'running') throw new ConflictError('join-no-meeting', 409, { resourceId });
  const api = await bbbApiFor(ctx, resource.platform_id);
  try {
    await api.end(row.meeting_id);
  } catch (err) {
    if (!(err instanceof BbbFailedError && err.messageKey === 'notFound')) throw err;
  }
  await markMeetingEnded(ctx.db, row.id, 'ended-by-teacher');
  forgetLiveMeeting(ctx, resource.id);
  ctx.logger.info({ resourceId, meetingRowId: row.id, userId: session.user?.id }, 'classroom meeting ended by a teacher');
  return getRoom(ctx, session, resourceId);
}
