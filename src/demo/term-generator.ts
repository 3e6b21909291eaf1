import { upcomingOccurrences, type Occurrence } from '../classroom/schedule/classroom-settings.service.js';
import { mergeSegments, watchedShare, type VideoViewState } from '../video/tracking/tracking.service.js';
import { launchTrace, playerTraces } from './amphi-traces.js';
import { simulateMeeting, type MeetingOutcome } from './classroom-meeting.js';
import type { CourseModel, Learner, Person } from './course-model.js';
import { demoRandom, demoUuid } from './demo-ids.js';
import { expectedSessions, poisson, timeOfDay, weekShape } from './learner-rhythm.js';
import { MoodleTraces } from './moodle-traces.js';
import type { SeededRandom } from './seeded-random.js';
import type { StatementSource, StatementWriter } from '../lrs/statements/statement-backfill.service.js';
import { closeViewing, emptyView, simulateViewing } from './video-viewing.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What the term left besides statements: the rows derived from the same events. */
export interface TermOutcome {
  /** video resource id → user id → view. */
  views: Map<string, Map<string, VideoViewState>>;
  meetings: MeetingOutcome[];
  /** user id → first and last launch (ms). */
  launches: Map<string, { person: Person; first: number; last: number }>;
}

/**
 * Walks the term a day at a time: each learner's sessions of the day in time order (video
 * viewings, Moodle visits, a look at their dashboard), the teachers' visits, the classroom's
 * sessions that day; then stores every statement due before the next day, so that rows are
 * inserted in `stored` order while only a day's statements are held in memory.
 */
export async function generateTerm(model: CourseModel, writer: StatementWriter, sources: { moodle: StatementSource; bbb: StatementSource }, scale: number): Promise<TermOutcome> {
  const outcome: TermOutcome = { views: new Map(model.videos.map((v) => [v.id, new Map()])), meetings: [], launches: new Map() };
  const add = writer.add.bind(writer);
  const moodle = new MoodleTraces(model, sources.moodle, add);
  const randoms = model.learners.map((l) => demoRandom(model.seed, 'sessions', l.index));
  const skill = model.learners.map((l) => Math.min(0.95, 0.45 + 0.15 * Math.log(l.weight) + randoms[l.index]!.between(0, 0.3)));
  const quizAttempts = new Map<string, number>();
  const launched = (person: Person, at: number) => {
    const seen = outcome.launches.get(person.userId);
    if (!seen) outcome.launches.set(person.userId, { person, first: at, last: at });
    else seen.last = Math.max(seen.last, at);
  };
  const occurrences = classroomOccurrences(model);
  const lastStart = model.end - 2 * HOUR;

  for (let dayStart = model.start; dayStart < model.end; dayStart += DAY) {
    const sessions: { learner: Learner; at: number; random: SeededRandom }[] = [];
    for (const learner of model.learners) {
      const random = randoms[learner.index]!;
      const count = poisson(random, expectedSessions(learner, dayStart, model.start, model.weeks, scale));
      for (let i = 0; i < count; i++) {
        const at = dayStart + timeOfDay(random);
        if (at < lastStart) sessions.push({ learner, at, random });
      }
    }
    sessions.sort((a, b) => a.at - b.at || a.learner.index - b.learner.index);
    for (const { learner, at, random } of sessions) {
      const kind = random.next();
      if (kind < 0.6) videoSession(model, outcome, writer, moodle, learner, at, random, launched);
      else if (kind < 0.93) {
        moodle.courseViewed(learner, at);
        let clock = at;
        for (let m = 1 + random.int(3); m > 0; m--) moodle.moduleViewed(learner, random, (clock += random.between(10_000, 300_000)));
        const open = model.moodle.quizzes.filter((q) => q.opensAt <= clock && (quizAttempts.get(`${q.cmid}:${learner.sub}`) ?? 0) < 2);
        if (open.length && random.chance(0.3)) {
          const quiz = random.pick(open);
          quizAttempts.set(`${quiz.cmid}:${learner.sub}`, (quizAttempts.get(`${quiz.cmid}:${learner.sub}`) ?? 0) + 1);
          moodle.quizAttempt(learner, quiz, skill[learner.index]!, random, clock + random.between(10_000, 120_000));
        }
      } else {
        moodle.ltiViewed(learner, model.dashboards.learners, at);
        writer.add(launchTrace(model, learner, model.dashboards.learners, 'dashboard', at + 1500));
        launched(learner, at + 1500);
      }
    }
    teacherDay(model, writer, moodle, dayStart, lastStart, launched);
    for (const [key, occurrence] of occurrences) {
      if (occurrence.start.getTime() < dayStart || occurrence.start.getTime() >= dayStart + DAY) continue;
      const week = (dayStart - model.start) / (7 * DAY);
      const attendees = model.learners.map((l) => ({ person: l, chance: Math.min(0.92, 0.55 * Math.sqrt(l.weight) * weekShape(l, week, model.weeks)), engagement: Math.min(1, l.weight) }));
      const meeting = simulateMeeting(model, occurrence, key, attendees, (p) => writer.add(p), moodle, sources.bbb);
      for (const l of meeting.launches) launched(l.person, l.at);
      outcome.meetings.push(meeting);
    }
    await writer.storeBefore(dayStart + DAY);
  }
  return outcome;
}

/** The classroom's past sessions (ended before the term's end), numbered in order. */
export function classroomOccurrences(model: CourseModel): [number, Occurrence][] {
  const all = upcomingOccurrences(model.classroom.settings, new Date(model.start), model.weeks * 7 + 7);
  return all.filter((o) => o.end.getTime() + 15 * 60_000 < model.end && o.start.getTime() >= model.start).map((o, i) => [i, o]);
}

/** A viewing: the Moodle click, the launch, the player's statements; the view and its completion move on. */
function videoSession(
  model: CourseModel, outcome: TermOutcome, writer: StatementWriter, moodle: MoodleTraces, learner: Learner, at: number, random: SeededRandom,
  launched: (p: Person, at: number) => void,
): void {
  const released = model.videos.filter((v) => v.releasedAt <= at);
  if (!released.length) return moodle.courseViewed(learner, at);
  // Most carry on with the first video they have not finished; some go back to any.
  const views = (id: string) => outcome.views.get(id)!;
  const unfinished = released.find((v) => !views(v.id).get(learner.userId)?.completedAt);
  const video = unfinished && random.chance(0.7) ? unfinished : random.pick(released);
  if (random.chance(0.5)) moodle.courseViewed(learner, at - 20_000);
  moodle.ltiViewed(learner, video, at - 5000);
  writer.add(launchTrace(model, learner, video, 'video', at));
  launched(learner, at);
  const before = views(video.id).get(learner.userId) ?? emptyView();
  const sessionId = demoUuid(model.seed, 'viewing', learner.sub, video.id, at);
  const focus = Math.max(0.25, Math.min(1.2, 0.7 + 0.3 * Math.log(learner.weight)));
  const viewing = simulateViewing(random, video.durationSeconds, before, at + random.between(1500, 4000), sessionId, focus);
  const segments = mergeSegments(before.segments, viewing.segments);
  const share = watchedShare(segments, video.durationSeconds);
  const completes = !before.completedAt && share >= video.completionThreshold;
  closeViewing(random, viewing, video.durationSeconds, at, completes);
  const view: VideoViewState = {
    segments, positionSeconds: viewing.position, positionAt: new Date(Math.round(viewing.endsAt)), watchedShare: share,
    completedAt: before.completedAt ?? (completes ? new Date(Math.round(viewing.endsAt)) : null), lastSessionId: sessionId,
  };
  views(video.id).set(learner.userId, view);
  // The player sends its queue every few seconds and when the page is hidden.
  for (const p of playerTraces(model, learner, video, viewing.statements, segments, view.completedAt !== null, (t) => 2000 + (t % 13_000))) writer.add(p);
}

/** Teachers look at the course most days: their dashboard, a video they put up, the forum. */
function teacherDay(model: CourseModel, writer: StatementWriter, moodle: MoodleTraces, dayStart: number, lastStart: number, launched: (p: Person, at: number) => void): void {
  model.teachers.forEach((teacher, t) => {
    const random = demoRandom(model.seed, 'teacher-day', t, dayStart);
    const recent = dayStart > model.end - 21 * DAY ? 1.5 : 1;
    for (let n = poisson(random, (t === 0 ? 0.9 : 0.4) * recent); n > 0; n--) {
      const at = dayStart + timeOfDay(random);
      if (at >= lastStart) continue;
      moodle.courseViewed(teacher, at);
      if (random.chance(0.6)) {
        moodle.ltiViewed(teacher, model.dashboards.instructors, at + 8000);
        writer.add(launchTrace(model, teacher, model.dashboards.instructors, 'dashboard', at + 10_000));
        launched(teacher, at + 10_000);
      }
      const released = model.videos.filter((v) => v.releasedAt - 3 * DAY <= at);
      if (released.length && random.chance(0.2)) {
        const video = random.pick(released);
        writer.add(launchTrace(model, teacher, video, 'video', at + 60_000));
        launched(teacher, at + 60_000);
      }
      if (random.chance(0.3)) moodle.moduleViewed(teacher, random, at + 120_000);
    }
  });
}
