import type { AppContext } from '../app-context.js';
import { watchedShares } from './analytics.repository.js';
import type { ClassroomAnalyticsResponse, ClassroomLearnerRow, DateRange } from './analytics.view.js';
import type { AnalyticsScope } from './analytics-scope.js';
import { attendanceSums, classroomSessions, recordingVideos } from './classroom-analytics.repository.js';
import type { LearnerDirectory } from './learner-directory.js';
import { classroomEngagement } from './shared-views.js';

/**
 * A classroom's indicators (docs/indicators.md, "Classroom"): attendance per session against the
 * roster, minutes, engagement, and its recordings' viewers. Engagement is BigBlueButton's own
 * count (its analytics callback, in classroom_attendance); where a learner's xAPI webhooks
 * statements count more (chat posts, raised hands, poll answers), the larger is kept: both
 * report the same events, never to be added.
 */
export async function getClassroomAnalytics(ctx: AppContext, scope: AnalyticsScope, directory: LearnerDirectory, resourceId: string, range: DateRange): Promise<ClassroomAnalyticsResponse> {
  const [sessions, recordings] = await Promise.all([classroomSessions(ctx.db, resourceId, range.from, range.to), recordingVideos(ctx.db, resourceId)]);
  const rosterLearners = directory.rosterLearnerKeys();
  const [attendance, engagement, views] = await Promise.all([
    attendanceSums(ctx.db, sessions.map((s) => s.id), directory.nonLearnerUserIds(), directory.rosterLearnerUserIds()),
    classroomEngagement(ctx, { platformId: scope.platformId, contextId: scope.contextId, directory }, { from: range.from, to: range.to, classroomId: resourceId }),
    watchedShares(ctx.db, scope.platformId, recordings.map((r) => r.resource_id)),
  ]);
  const perLearner = new Map<string, ClassroomLearnerRow>();
  const row = (sub: string) => {
    let r = perLearner.get(sub);
    if (!r) perLearner.set(sub, (r = { learner: directory.ref(`sub:${sub}`), sessionsAttended: 0, minutesAttended: 0, talkMinutes: 0, chats: 0, raisedHands: 0, pollVotes: 0, recordingsWatched: 0 }));
    return r;
  };
  for (const a of attendance.perLearner) {
    Object.assign(row(a.sub), { sessionsAttended: a.attended, minutesAttended: tenth(a.minutes), talkMinutes: tenth(a.talk_minutes), chats: a.chats, raisedHands: a.raised_hands, pollVotes: a.poll_votes });
  }
  for (const [sub, posted, reacted, answered] of engagement) {
    if (!posted && !reacted && !answered) continue;
    const r = row(sub);
    r.chats = Math.max(r.chats, posted);
    r.raisedHands = Math.max(r.raisedHands, reacted);
    r.pollVotes = Math.max(r.pollVotes, answered);
  }
  const recordingViews = views.filter((v) => directory.isLearner(`sub:${v.sub}`));
  const viewers = new Map<string, Set<string>>();
  for (const v of recordingViews) {
    row(v.sub).recordingsWatched++;
    viewers.set(v.resource_id, (viewers.get(v.resource_id) ?? new Set()).add(v.sub));
  }
  const bySession = new Map(attendance.perSession.map((a) => [a.meeting_row_id, a]));
  return {
    kind: 'classroom',
    resourceId,
    range,
    sessions: sessions.map((s) => {
      const a = bySession.get(s.id);
      return {
        meetingId: s.id,
        startedAt: new Date(s.started_at).toISOString(),
        endedAt: s.ended_at ? new Date(s.ended_at).toISOString() : null,
        present: a?.present ?? 0,
        absent: rosterLearners.length - (a?.present_in_roster ?? 0),
        minutesAttended: tenth(a?.minutes ?? 0),
        talkMinutes: tenth(a?.talk_minutes ?? 0),
        chats: a?.chats ?? 0,
        raisedHands: a?.raised_hands ?? 0,
        pollVotes: a?.poll_votes ?? 0,
      };
    }),
    learners: [...perLearner.values()].sort((a, b) => b.sessionsAttended - a.sessionsAttended || b.minutesAttended - a.minutesAttended),
    recordings: recordings.map((r) => ({ resourceId: r.resource_id, title: r.title, viewers: viewers.get(r.resource_id)?.size ?? 0 })),
    rosterSize: rosterLearners.length,
  };
}

/** Sums of tenths, as the database added them, without float noise (0.30000000000000004). */
function tenth(minutes: number): number {
  return Math.round(minutes * 10) / 10;
}
