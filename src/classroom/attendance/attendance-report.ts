import type { AppContext } from '../../app-context.js';
import type { Db } from '../../db/database.js';
import type { ReportedAttendee, AnalyticsReport } from '../callbacks/analytics-payload.js';
import type { ClassroomMeetingRow } from '../classroom.table.js';
import { gradeAttendanceIfNeeded } from './attendance-grade.service.js';
import { findUsersBySub, saveReportedAttendance, type PlatformUser } from './attendance.repository.js';
import { classroomStatement, meetingStatementEnv, recordMeetingEnded, storeClassroomStatements } from './classroom-statements.service.js';

/**
 * BBB's learning-analytics report for one meeting, turned into attendance: each attendee whose
 * ext_user_id is the `sub` of a user of the meeting's platform (what the join sent as userID) gets
 * their attendance row; anyone else (a guest let in by the guest policy, someone joined by hand on
 * the BBB server) is only counted: Amphi has no person to store them for, and a name typed at a
 * guest prompt is not an identity.
 */
export interface MatchedReport {
  people: { user: PlatformUser; attendee: ReportedAttendee }[];
  guests: number;
}

export async function matchAttendees(db: Db, platformId: string, report: AnalyticsReport): Promise<MatchedReport> {
  const subs = report.attendees.flatMap((a) => (a.extUserId ? [a.extUserId] : []));
  const users = new Map((await findUsersBySub(db, platformId, subs)).map((u) => [u.sub, u]));
  const people: MatchedReport['people'] = [];
  let guests = 0;
  for (const attendee of report.attendees) {
    const user = attendee.extUserId ? users.get(attendee.extUserId) : undefined;
    if (user) people.push({ user, attendee });
    else guests++;
  }
  return { people, guests };
}

/** The attendance rows of the report (in the callback's transaction). */
export async function saveAttendanceReport(trx: Db, meeting: ClassroomMeetingRow, matched: MatchedReport, report: AnalyticsReport, reportedAt: Date): Promise<void> {
  const fallback = report.start ?? meeting.started_at ?? meeting.created_at;
  for (const { user, attendee } of matched.people) {
    const joins = attendee.joins.length ? attendee.joins : [fallback];
    await saveReportedAttendance(
      trx,
      meeting,
      {
        userId: user.id,
        role: attendee.moderator ? 'moderator' : 'viewer',
        firstJoinedAt: joins[0]!,
        lastJoinedAt: joins[joins.length - 1]!,
        leftAt: attendee.leaves.at(-1) ?? report.finish,
        joinCount: Math.max(1, attendee.joins.length),
        durationSeconds: attendee.durationSeconds,
        talkTimeSeconds: attendee.talkTimeSeconds,
        chats: attendee.chats,
        raisedHands: attendee.raisedHands,
        pollVotes: attendee.pollVotes,
        emojis: attendee.emojis,
      },
      reportedAt,
    );
  }
}

/**
 * After the report is stored: each person's join and leave statements, the session's
 * `terminated`, then the attendance grades. Each step logs its failure and lets the next run.
 */
export async function followUpAttendanceReport(ctx: AppContext, meeting: ClassroomMeetingRow, matched: MatchedReport, endedAt: Date): Promise<{ statements: number; grades: number }> {
  let statements = 0;
  let grades = 0;
  try {
    const env = await meetingStatementEnv(ctx, meeting);
    if (env) {
      const built = matched.people.flatMap(({ user, attendee }) => [
        ...attendee.joins.map((at) => classroomStatement(env, user, 'joined', at)),
        ...attendee.leaves.map((at) => classroomStatement(env, user, 'left', at)),
      ]);
      statements = await storeClassroomStatements(ctx, meeting.platform_id, built);
    }
  } catch (err) {
    ctx.logger.warn({ err, meetingRowId: meeting.id }, 'classroom attendance statements not recorded');
  }
  await recordMeetingEnded(ctx, meeting, endedAt);
  try {
    grades = await gradeAttendanceIfNeeded(ctx, meeting, matched.people.map((p) => p.user.id));
  } catch (err) {
    ctx.logger.warn({ err, meetingRowId: meeting.id }, 'attendance grades not recorded');
  }
  return { statements, grades };
}
