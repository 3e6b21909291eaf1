import type { AppContext } from '../../app-context.js';
import { getResourceWithCourse } from '../../content/resource-lookup.service.js';
import { findStoredStatementIds, recordStatements } from '../../lrs/lrs.service.js';
import { courseActivityId, resourceActivityId } from '../../lrs/traces/launch-trace.service.js';
import { ltiActor } from '../../lrs/xapi/lti-actor.js';
import type { Statement } from '../../lrs/xapi/xapi.types.js';
import type { ClassroomMeetingRow } from '../classroom.table.js';
import { findUser, type PlatformUser } from './attendance.repository.js';
import { isoDuration, occurrenceOf, settingsOf } from './session-facts.js';
import { statementId } from './statement-id.js';

// How long an attendance lasted, written as these statements write it (the demo course's too).
export { isoDuration } from './session-facts.js';

/**
 * The classroom's xAPI statements, after the virtual classroom profile
 * (https://w3id.org/xapi/virtual-classroom, as Ralph's models and bbb-webhooks' xAPI output
 * write it): `initialized` and `terminated` for the session, by the person who started it;
 * `join` and `leave` (Activity Streams) for each person, at BBB's own times. Every statement is
 * about the classroom activity, in the course, with the profile as category, the meeting row as
 * registration and cmi5 session id, and the planned duration when the session was scheduled.
 * Ids are name-based (statement-id.ts): sending one twice stores it once.
 */
export const VC_PROFILE_ID = 'https://w3id.org/xapi/virtual-classroom';
export const VC_ACTIVITY_TYPE = 'https://w3id.org/xapi/virtual-classroom/activity-types/virtual-classroom';
const SESSION_ID_EXT = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const PLANNED_DURATION_EXT = 'http://id.tincanapi.com/extension/planned-duration';

export const VC_VERB = {
  initialized: { id: 'http://adlnet.gov/expapi/verbs/initialized', display: { 'en-US': 'initialized', 'fr-FR': 'a ouvert' } },
  terminated: { id: 'http://adlnet.gov/expapi/verbs/terminated', display: { 'en-US': 'terminated', 'fr-FR': 'a clos' } },
  joined: { id: 'http://activitystrea.ms/join', display: { 'en-US': 'joined', 'fr-FR': 'a rejoint' } },
  left: { id: 'http://activitystrea.ms/leave', display: { 'en-US': 'left', 'fr-FR': 'a quitté' } },
} as const;
export type VcVerb = keyof typeof VC_VERB;

/** What every statement of one meeting shares. */
export interface MeetingStatementEnv {
  meeting: ClassroomMeetingRow;
  platform: { issuer: string; lrsIdentity: 'pseudonymous' | 'email'; name: string };
  publicUrl: string;
  resource: { id: string; title: string; contextId: string; courseTitle: string | null };
  plannedSeconds: number | null;
}

export async function meetingStatementEnv(ctx: AppContext, meeting: ClassroomMeetingRow): Promise<MeetingStatementEnv | undefined> {
  const [platform, resource] = await Promise.all([ctx.platforms.findById(meeting.platform_id), getResourceWithCourse(ctx.db, meeting.platform_id, meeting.resource_id)]);
  if (!platform || !resource) return undefined;
  const occurrence = occurrenceOf(settingsOf(resource), meeting.session_start);
  return {
    meeting,
    platform: { issuer: platform.issuer, lrsIdentity: platform.lrs_identity, name: platform.name },
    publicUrl: ctx.config.http.publicUrl,
    resource: { id: resource.id, title: resource.title, contextId: resource.context_id, courseTitle: resource.course_title ?? resource.course_label },
    plannedSeconds: occurrence ? (occurrence.end.getTime() - occurrence.start.getTime()) / 1000 : null,
  };
}

/** One statement of the profile. `at` is when it happened (BBB's time, not the callback's). */
export function classroomStatement(env: MeetingStatementEnv, user: PlatformUser, verb: VcVerb, at: Date, result?: Statement['result']): Statement {
  const { meeting, publicUrl, resource } = env;
  const extensions: Record<string, unknown> = { [SESSION_ID_EXT]: meeting.id };
  if (env.plannedSeconds !== null && verb !== 'left') extensions[PLANNED_DURATION_EXT] = isoDuration(env.plannedSeconds);
  const timestamp = at.toISOString();
  return {
    id: statementId(meeting.id, user.id, verb, verb === 'initialized' || verb === 'terminated' ? '' : timestamp),
    actor: ltiActor(env.platform, user),
    verb: VC_VERB[verb],
    object: { objectType: 'Activity', id: resourceActivityId(publicUrl, resource.id), definition: { type: VC_ACTIVITY_TYPE, name: { und: resource.title } } },
    ...(result ? { result } : {}),
    context: {
      registration: meeting.id,
      platform: env.platform.name,
      contextActivities: {
        category: [{ objectType: 'Activity', id: VC_PROFILE_ID, definition: { type: 'http://adlnet.gov/expapi/activities/profile' } }],
        parent: [
          {
            objectType: 'Activity',
            id: courseActivityId(publicUrl, resource.contextId),
            definition: { type: 'http://adlnet.gov/expapi/activities/course', ...(resource.courseTitle ? { name: { und: resource.courseTitle } } : {}) },
          },
        ],
      },
      extensions,
    },
    timestamp,
  };
}

/** Stores what the store does not hold yet; returns how many were new. */
export async function storeClassroomStatements(ctx: AppContext, platformId: string, statements: Statement[]): Promise<number> {
  if (!statements.length) return 0;
  const stored = await findStoredStatementIds(ctx, platformId, statements.map((s) => s.id!));
  const fresh = statements.filter((s) => !stored.has(s.id!));
  if (fresh.length) await recordStatements(ctx, platformId, fresh);
  return fresh.length;
}

/** The session's `initialized`, by whoever created the meeting (the join calls it after create). Never throws: logs. */
export async function recordMeetingStarted(ctx: AppContext, meeting: ClassroomMeetingRow): Promise<void> {
  await recordSessionStatement(ctx, meeting, 'initialized', meeting.started_at ?? (meeting.create_time ? new Date(meeting.create_time) : meeting.created_at));
}

/** The session's `terminated` (end callback, or the analytics report of an ended meeting), with its duration. Never throws: logs. */
export async function recordMeetingEnded(ctx: AppContext, meeting: ClassroomMeetingRow, endedAt: Date): Promise<void> {
  const started = meeting.started_at ?? (meeting.create_time ? new Date(meeting.create_time) : meeting.created_at);
  await recordSessionStatement(ctx, meeting, 'terminated', endedAt, { duration: isoDuration((endedAt.getTime() - started.getTime()) / 1000) });
}

async function recordSessionStatement(ctx: AppContext, meeting: ClassroomMeetingRow, verb: 'initialized' | 'terminated', at: Date, result?: Statement['result']): Promise<void> {
  try {
    // The profile's actor is the person who opened the session; a meeting whose creator is gone has none to name.
    const creator = meeting.created_by ? await findUser(ctx.db, meeting.created_by) : undefined;
    const env = creator && (await meetingStatementEnv(ctx, meeting));
    if (!creator || !env) {
      ctx.logger.info({ meetingRowId: meeting.id, verb }, 'classroom statement skipped: no creator or resource');
      return;
    }
    await storeClassroomStatements(ctx, meeting.platform_id, [classroomStatement(env, creator, verb, at, result)]);
  } catch (err) {
    ctx.logger.warn({ err, meetingRowId: meeting.id, verb }, 'classroom statement not recorded');
  }
}
