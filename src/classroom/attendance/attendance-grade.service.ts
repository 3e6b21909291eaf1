import type { AppContext } from '../../app-context.js';
import { getResource } from '../../content/resource-lookup.service.js';
import { gradebookLinkOf } from '../../grades/grades.service.js';
import { recordScore } from '../../grades/score.service.js';
import { AppError } from '../../http/errors.js';
import { findCourseMember } from '../../roster/roster.service.js';
import type { AttendanceRule } from '../classroom-settings.schemas.js';
import type { ClassroomMeetingRow } from '../classroom.table.js';
import { findAttendanceTotals, findScoreSent, lockLearnerGrade, setScoreSent, type AttendanceTotals } from './attendance.repository.js';
import { settingsOf } from './session-facts.js';

/**
 * The attendance grade, the teacher's rule applied to everything BBB reported for the learner in
 * this classroom: 'present' gives full marks for having attended at all; 'minutes' gives full
 * marks from `minutes` attended over all sessions, in proportion below. Rounded to hundredths.
 */
export function attendanceScore(rule: AttendanceRule, secondsAttended: number, scoreMaximum: number): number {
  if (secondsAttended <= 0) return 0;
  const share = rule.kind === 'present' ? 1 : Math.min(1, secondsAttended / 60 / rule.minutes);
  return Math.round(share * scoreMaximum * 100) / 100;
}

/**
 * After an analytics report: each learner of the course among `userIds` whose grade rose gets it
 * through the score outbox, to their activity's column. The grade is claimed on this meeting's row
 * (score_sent) before it is recorded and given back when the gradebook refuses; a failure is
 * logged, never thrown: BBB's callback is not the place for the course's grade settings.
 */
export async function gradeAttendanceIfNeeded(ctx: AppContext, meeting: ClassroomMeetingRow, userIds: string[]): Promise<number> {
  const resource = await getResource(ctx.db, meeting.platform_id, meeting.resource_id);
  if (!resource || !resource.gradable || !resource.score_maximum || !userIds.length) return 0;
  const rule = settingsOf(resource)?.attendanceRule ?? { kind: 'present' as const };
  const grading: Grading = { meeting, resourceId: resource.id, rule, scoreMaximum: resource.score_maximum };
  let sent = 0;
  for (const totals of await findAttendanceTotals(ctx.db, meeting.platform_id, resource.id, userIds)) {
    if (attendanceScore(rule, totals.seconds, resource.score_maximum) <= (totals.bestScoreSent ?? 0)) continue;
    const member = await findCourseMember(ctx, resource.context_id, totals.userId);
    if (!member || member.role !== 'learner') continue;
    const claim = await claimScore(ctx, grading, totals.userId);
    if (claim && (await sendScore(ctx, grading, claim))) sent++;
  }
  return sent;
}

interface Grading {
  meeting: ClassroomMeetingRow;
  resourceId: string;
  rule: AttendanceRule;
  scoreMaximum: number;
}

interface ScoreClaim {
  totals: AttendanceTotals;
  score: number;
  previous: number | null;
  claimedAt: Date;
}

/**
 * The learner's grade recomputed and claimed under a lock of its own: two reports processed at
 * once (overlapping sessions) cannot both claim, and the one claimed last carries the later
 * timestamp, which the outbox and the platform keep (an older, lower score never wins).
 */
async function claimScore(ctx: AppContext, g: Grading, userId: string): Promise<ScoreClaim | null> {
  return ctx.db.transaction().execute(async (trx) => {
    await lockLearnerGrade(trx, g.resourceId, userId);
    const [totals] = await findAttendanceTotals(trx, g.meeting.platform_id, g.resourceId, [userId]);
    if (!totals) return null;
    const score = attendanceScore(g.rule, totals.seconds, g.scoreMaximum);
    if (score <= 0 || score <= (totals.bestScoreSent ?? 0)) return null;
    const previous = await findScoreSent(trx, g.meeting.id, userId);
    await setScoreSent(trx, g.meeting.id, userId, score);
    return { totals, score, previous, claimedAt: new Date() };
  });
}

async function sendScore(ctx: AppContext, g: Grading, claim: ScoreClaim): Promise<boolean> {
  const { totals, score } = claim;
  try {
    await recordScore(ctx, {
      platformId: g.meeting.platform_id,
      resourceId: g.resourceId,
      resourceLinkId: await gradebookLinkOf(ctx, totals.resourceLinkId, g.resourceId),
      userId: totals.userId,
      scoreGiven: score,
      activityProgress: score >= g.scoreMaximum ? 'Completed' : 'InProgress',
      gradingProgress: 'FullyGraded',
      timestamp: claim.claimedAt,
    });
    return true;
  } catch (err) {
    // The claim is given back unless a later report claimed higher meanwhile.
    if ((await findScoreSent(ctx.db, g.meeting.id, totals.userId)) === score) await setScoreSent(ctx.db, g.meeting.id, totals.userId, claim.previous);
    if (!(err instanceof AppError)) throw err;
    ctx.logger.warn({ resourceId: g.resourceId, userId: totals.userId, code: err.code, params: err.params }, 'attendance grade not recorded');
    return false;
  }
}
