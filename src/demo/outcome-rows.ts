import type { Insertable } from 'kysely';
import type { Db } from '../db/database.js';
import { attendanceScore } from '../classroom/attendance/attendance-grade.service.js';
import type { GradeScoresTable } from '../grades/grades.table.js';
import type { CourseModel, Resource } from './course-model.js';
import { demoUuid } from './demo-ids.js';
import type { TermOutcome } from './term-generator.js';

const ROWS_PER_INSERT = 500;

/**
 * The rows the same events leave outside the LRS: each view of each video (video_views), the
 * meetings and their attendance, who launched (lti_memberships), and the grades the outbox
 * delivered (grade_scores 'sent', the latest per learner and activity).
 */
export async function writeOutcomeRows(db: Db, model: CourseModel, outcome: TermOutcome): Promise<void> {
  const scores: Insertable<GradeScoresTable>[] = [];
  const score = (r: Resource, userId: string, given: number, at: Date, completed: boolean) => {
    scores.push({
      id: demoUuid(model.seed, 'score', r.id, userId), platform_id: model.platform.id, resource_id: r.id, resource_link_id: r.linkRowId, line_item_id: r.lineItemId,
      user_id: userId, score_given: given, score_maximum: r.scoreMaximum!, activity_progress: completed ? 'Completed' : 'InProgress', grading_progress: 'FullyGraded',
      comment: null, score_timestamp: at, status: 'sent', attempts: 1, next_attempt_at: at, sent_at: new Date(at.getTime() + 1500), last_status: 200, created_at: at,
    });
  };

  const views = model.videos.flatMap((video) =>
    [...outcome.views.get(video.id)!].map(([userId, v]) => {
      const best = video.gradable ? Math.round(v.watchedShare * video.scoreMaximum! * 100) / 100 : null;
      if (best) score(video, userId, best, v.positionAt!, v.completedAt !== null);
      return {
        platform_id: model.platform.id, resource_id: video.id, user_id: userId, played_segments: JSON.stringify(v.segments), position_seconds: v.positionSeconds,
        position_at: v.positionAt, watched_share: v.watchedShare, completed_at: v.completedAt, last_session_id: v.lastSessionId, best_score_sent: best || null, updated_at: v.positionAt!,
      };
    }),
  );
  await insertChunks(views, (rows) => db.insertInto('video_views').values(rows).execute());

  const meetings = outcome.meetings.map((m) => m.meeting);
  if (meetings.length) await db.insertInto('classroom_meetings').values(meetings).execute();
  const attendance = outcome.meetings.flatMap((m) => m.attendance);
  // The attendance grade (attendance-grade.service.ts): the rule over all sessions, claimed on the learner's last meeting row.
  const learnerIds = new Set(model.learners.map((l) => l.userId));
  const totals = new Map<string, { seconds: number; last: (typeof attendance)[number] }>();
  for (const a of attendance) {
    if (!learnerIds.has(a.user_id)) continue;
    const t = totals.get(a.user_id) ?? { seconds: 0, last: a };
    totals.set(a.user_id, { seconds: t.seconds + (a.duration_seconds ?? 0), last: a });
  }
  const classroom = model.classroom;
  for (const [userId, t] of totals) {
    const given = attendanceScore(classroom.settings.attendanceRule, t.seconds, classroom.scoreMaximum!);
    if (given <= 0) continue;
    t.last.score_sent = given;
    score(classroom, userId, given, t.last.reported_at as Date, false);
  }
  await insertChunks(attendance, (rows) => db.insertInto('classroom_attendance').values(rows).execute());

  const memberships = [...outcome.launches.values()].map(({ person, first, last }) => ({
    context_id: model.context.id, user_id: person.userId, role: person.role, first_launch_at: new Date(first), last_launch_at: new Date(last),
  }));
  await insertChunks(memberships, (rows) => db.insertInto('lti_memberships').values(rows).execute());
  await insertChunks(scores, (rows) => db.insertInto('grade_scores').values(rows).execute());
}

async function insertChunks<T>(rows: T[], insert: (rows: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await insert(rows.slice(i, i + ROWS_PER_INSERT));
}
