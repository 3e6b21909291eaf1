import type { AppContext } from '../../app-context.js';
import type { ResourceWithCourse } from '../../content/resource-lookup.service.js';
import { loadUsableResource } from '../../content/resource.service.js';
import { AppError } from '../../http/errors.js';
import type { LaunchSession } from '../../lti/session/session.service.js';
import type { ClassroomMeetingRow } from '../classroom.table.js';
import { attendanceScore } from './attendance-grade.service.js';
import { listClassroomAttendance, listClassroomMeetings, type AttendanceWithName } from './attendance.repository.js';
import type { AttendanceEntry, AttendanceResponse, AttendanceSession, AttendanceTotalsResponse } from './attendance.view.js';
import { occurrenceOf, settingsOf } from './session-facts.js';

/**
 * The teacher's view of a classroom's attendance: each meeting with the people BBB reported in it
 * (or who joined, before its report), and per person the time attended over every meeting, the
 * sessions attended and the attendance grade. Teachers of the course (or the resource's author)
 * only: learners get a 403, another platform's classroom a 404.
 */
export async function getAttendance(ctx: AppContext, session: LaunchSession, resourceId: string): Promise<AttendanceResponse> {
  const resource = await loadUsableResource(ctx, session, resourceId);
  if (resource.kind !== 'classroom') throw new AppError('attendance-not-a-classroom', 404, { resourceId });
  const [meetings, rows] = await Promise.all([listClassroomMeetings(ctx.db, resource.platform_id, resource.id), listClassroomAttendance(ctx.db, resource.platform_id, resource.id)]);
  return toAttendanceResponse(resource, meetings, rows);
}

export function toAttendanceResponse(resource: ResourceWithCourse, meetings: ClassroomMeetingRow[], rows: AttendanceWithName[]): AttendanceResponse {
  const settings = settingsOf(resource);
  const rule = settings?.attendanceRule ?? { kind: 'present' as const };
  const byMeeting = new Map<string, AttendanceWithName[]>();
  for (const row of rows) byMeeting.set(row.meeting_row_id, [...(byMeeting.get(row.meeting_row_id) ?? []), row]);

  const sessions: AttendanceSession[] = meetings.map((m) => {
    const occurrence = occurrenceOf(settings, m.session_start);
    const attendees = (byMeeting.get(m.id) ?? []).map(toEntry).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
    const reported = (byMeeting.get(m.id) ?? []).map((r) => r.reported_at?.getTime() ?? 0).reduce((a, b) => Math.max(a, b), 0);
    return {
      meetingRowId: m.id,
      state: m.state,
      sessionTitle: occurrence?.title ?? null,
      sessionStart: m.session_start?.toISOString() ?? null,
      startedAt: (m.started_at ?? m.created_at).toISOString(),
      endedAt: m.ended_at?.toISOString() ?? null,
      reportedAt: reported ? new Date(reported).toISOString() : null,
      attendees,
    };
  });

  const people = new Map<string, AttendanceTotalsResponse & { seconds: number }>();
  for (const row of rows) {
    const p = people.get(row.user_id) ?? { userId: row.user_id, name: row.user_name, minutes: 0, sessionsAttended: 0, moderatorOnly: true, score: null, scoreSent: null, seconds: 0 };
    p.seconds += row.duration_seconds ?? 0;
    p.sessionsAttended += 1;
    p.moderatorOnly &&= row.role === 'moderator';
    if (row.score_sent !== null) p.scoreSent = Math.max(p.scoreSent ?? 0, row.score_sent);
    people.set(row.user_id, p);
  }
  const graded = resource.gradable && resource.score_maximum !== null;
  return {
    resource: { id: resource.id, title: resource.title, gradable: resource.gradable, scoreMaximum: resource.score_maximum },
    rule,
    sessions,
    people: [...people.values()]
      .map(({ seconds, ...p }) => ({ ...p, minutes: Math.floor(seconds / 60), score: graded && !p.moderatorOnly ? attendanceScore(rule, seconds, resource.score_maximum!) : null }))
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
  };
}

function toEntry(row: AttendanceWithName): AttendanceEntry {
  return {
    userId: row.user_id,
    name: row.user_name,
    role: row.role,
    joinedAt: row.first_joined_at.toISOString(),
    leftAt: row.left_at?.toISOString() ?? null,
    joinCount: row.join_count,
    durationSeconds: row.duration_seconds,
    talkTimeSeconds: row.talk_time_seconds,
    chats: row.chats,
    raisedHands: row.raised_hands,
    pollVotes: row.poll_votes,
    emojis: row.emojis,
  };
}
