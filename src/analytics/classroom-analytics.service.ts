import type { AppContext } from '../app-context.js';
import { objectLearnerTotals, watchedShares } from './analytics.repository.js';
import type { ClassroomAnalyticsResponse, ClassroomLearnerRow, DateRange } from './analytics.view.js';
import type { AnalyticsScope } from './analytics-scope.js';
import { classroomSessions, recordingVideos, sessionAttendance } from './classroom-analytics.repository.js';
import type { LearnerDirectory } from './learner-directory.js';

/**
 * A classroom's indicators (docs/indicators.md, "Classroom"): attendance per session against the
 * roster, minutes, engagement, and its recordings' viewers. Engagement is BigBlueButton's own
 * count (its analytics callback, in classroom_attendance); where a learner's xAPI webhooks
 * statements count more (chat posts, raised hands, poll answers), the larger is kept: both
 * report the same events, never to be added.
 */
export async function getClassroomAnalytics(ctx: AppContext, scope: AnalyticsScope, directory: LearnerDirectory, resourceId: string, range: DateRange): Promise<ClassroomAnalyticsResponse> {
  const sessions = await classroomSessions(ctx.db, resourceId, range.from, range.to);
  const [attendance, daily, recordings] = await Promise.all([
    sessionAttendance(ctx.db, sessions.map((s) => s.id)),
    objectLearnerTotals(ctx.db, scope.contextId, resourceId, range.from, range.to, ['posted', 'reacted', 'answered']),
    recordingVideos(ctx.db, resourceId),
  ]);
  const rosterLearners = directory.rosterLearnerKeys();
  const learnerRows = attendance.filter((a) => a.role === 'viewer' && directory.isLearner(`sub:${a.sub}`));
  const perLearner = new Map<string, ClassroomLearnerRow>();
  const row = (sub: string) => {
    let r = perLearner.get(sub);
    if (!r) perLearner.set(sub, (r = { learner: directory.ref(`sub:${sub}`), sessionsAttended: 0, minutesAttended: 0, talkMinutes: 0, chats: 0, raisedHands: 0, pollVotes: 0, recordingsWatched: 0 }));
    return r;
  };
  for (const a of learnerRows) {
    const r = row(a.sub);
    r.sessionsAttended++;
    r.minutesAttended += minutes(a.duration_seconds);
    r.talkMinutes += minutes(a.talk_time_seconds);
    r.chats += a.chats ?? 0;
    r.raisedHands += a.raised_hands ?? 0;
    r.pollVotes += a.poll_votes ?? 0;
  }
  const fromStatements = new Map<string, { posted: number; reacted: number; answered: number }>();
  for (const d of daily) {
    const key = directory.canonical(d.learner);
    if (!key.startsWith('sub:') || !directory.isLearner(key)) continue;
    const s = fromStatements.get(key.slice(4)) ?? { posted: 0, reacted: 0, answered: 0 };
    if (d.action === 'posted' || d.action === 'reacted' || d.action === 'answered') s[d.action] += d.count;
    fromStatements.set(key.slice(4), s);
  }
  for (const [sub, s] of fromStatements) {
    if (!s.posted && !s.reacted && !s.answered) continue;
    const r = row(sub);
    r.chats = Math.max(r.chats, s.posted);
    r.raisedHands = Math.max(r.raisedHands, s.reacted);
    r.pollVotes = Math.max(r.pollVotes, s.answered);
  }
  const recordingViews = await watchedShares(ctx.db, scope.platformId, recordings.map((r) => r.resource_id));
  for (const v of recordingViews) if (directory.isLearner(`sub:${v.sub}`)) row(v.sub).recordingsWatched++;
  return {
    kind: 'classroom',
    resourceId,
    range,
    sessions: sessions.map((s) => {
      const present = learnerRows.filter((a) => a.meeting_row_id === s.id);
      const subs = new Set(present.map((a) => a.sub));
      return {
        meetingId: s.id,
        startedAt: new Date(s.started_at).toISOString(),
        endedAt: s.ended_at ? new Date(s.ended_at).toISOString() : null,
        present: subs.size,
        absent: rosterLearners.filter((k) => !subs.has(k.slice(4))).length,
        minutesAttended: present.reduce((m, a) => m + minutes(a.duration_seconds), 0),
        talkMinutes: present.reduce((m, a) => m + minutes(a.talk_time_seconds), 0),
        chats: present.reduce((m, a) => m + (a.chats ?? 0), 0),
        raisedHands: present.reduce((m, a) => m + (a.raised_hands ?? 0), 0),
        pollVotes: present.reduce((m, a) => m + (a.poll_votes ?? 0), 0),
      };
    }),
    learners: [...perLearner.values()].sort((a, b) => b.sessionsAttended - a.sessionsAttended || b.minutesAttended - a.minutesAttended),
    recordings: recordings.map((r) => ({ resourceId: r.resource_id, title: r.title, viewers: new Set(recordingViews.filter((v) => v.resource_id === r.resource_id && directory.isLearner(`sub:${v.sub}`)).map((v) => v.sub)).size })),
    rosterSize: rosterLearners.length,
  };
}

function minutes(seconds: number | null): number {
  return seconds ? Math.round((seconds / 60) * 10) / 10 : 0;
}
