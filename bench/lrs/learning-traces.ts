/**
 * The statements one learning session leaves, as the tools that write them do:
 *
 * - video: the xAPI Video Profile (https://w3id.org/xapi/video, liveaspects/xapi-video-profile);
 *   `completed` and `initialized` are ADL verbs there, the others are the profile's own.
 * - classroom: the Virtual Classroom Profile (https://w3id.org/xapi/virtual-classroom), as a
 *   BigBlueButton meeting reports it: `join` / `leave` are Activity Streams verbs in that profile.
 * - Moodle: xAPI-vle/moodle-logstore_xapi (course and module viewed, quiz attempts), context with
 *   platform "Moodle", the course as parent and the site as grouping.
 *
 * Actors are `account` objects (homePage = the Moodle site, name = the numeric user id), as
 * logstore_xapi writes them and as Amphi's pseudonymous setting does.
 */
import type { Activity, Agent, Context, Statement } from '../../src/lrs/xapi/xapi.types.js';
import type { SeededRandom } from '../../src/demo/seeded-random.js';

export const VERBS = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  played: 'https://w3id.org/xapi/video/verbs/played',
  paused: 'https://w3id.org/xapi/video/verbs/paused',
  seeked: 'https://w3id.org/xapi/video/verbs/seeked',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  joined: 'http://activitystrea.ms/join',
  left: 'http://activitystrea.ms/leave',
  raisedHand: 'https://w3id.org/xapi/virtual-classroom/verbs/raised-hand',
  viewed: 'http://id.tincanapi.com/verb/viewed',
  attempted: 'http://adlnet.gov/expapi/verbs/attempted',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  scored: 'http://adlnet.gov/expapi/verbs/scored',
} as const;

const VIDEO_EXT = 'https://w3id.org/xapi/video/extensions';
const LOGSTORE_INFO = 'http://lrs.learninglocker.net/define/extensions/info';

export interface Learner {
  /** Moodle user id. */
  id: string;
  /** How active this learner is, relative to the others (log-normal). */
  weight: number;
}

export interface Course {
  moodleId: number;
  name: string;
  learners: Learner[];
  videos: { id: string; title: string; length: number }[];
  meetings: { id: string; title: string }[];
  modules: { cmid: number; kind: 'page' | 'resource' | 'url' | 'forum'; name: string }[];
  quizzes: { cmid: number; name: string; questions: number[] }[];
}

export interface Site {
  issuer: string;
  amphiUrl: string;
  siteName: string;
}

/** A trace builder appends statements; `at` is the session's clock in ms since the epoch. */
type Emit = (statement: Omit<Statement, 'id' | 'timestamp'>, at: number) => void;

export function actorOf(site: Site, learner: Learner): Agent {
  return { objectType: 'Agent', account: { homePage: site.issuer, name: learner.id } };
}

function courseActivity(site: Site, course: Course): Activity {
  return {
    objectType: 'Activity',
    id: `${site.issuer}/course/view.php?id=${course.moodleId}`,
    definition: { type: 'http://adlnet.gov/expapi/activities/course', name: { 'fr-FR': course.name } },
  };
}

/** A viewer opens a video, plays it with pauses and seeks, and sometimes watches it to the end. */
export function videoSession(site: Site, course: Course, learner: Learner, random: SeededRandom, start: number, emit: Emit): void {
  const video = random.pick(course.videos);
  const object: Activity = {
    objectType: 'Activity',
    id: `${site.amphiUrl}/videos/${video.id}`,
    definition: { type: 'https://w3id.org/xapi/video/activity-type/video', name: { 'fr-FR': video.title } },
  };
  const sessionId = random.uuid();
  const context = (): Context => ({
    language: 'fr-FR',
    contextActivities: {
      parent: [courseActivity(site, course)],
      category: [{ objectType: 'Activity', id: 'https://w3id.org/xapi/video', definition: { type: 'http://adlnet.gov/expapi/activities/profile' } }],
    },
    extensions: { [`${VIDEO_EXT}/session-id`]: sessionId, [`${VIDEO_EXT}/length`]: video.length },
  });
  const actor = actorOf(site, learner);
  let clock = start;
  let position = random.chance(0.3) ? round(random.between(0, video.length * 0.8)) : 0;
  const segments: [number, number][] = [];
  const progress = () => round(Math.min(1, watched(segments) / video.length), 2);
  const playedSegments = () => segments.map(([a, b]) => `${a}[.]${b}`).join('[,]');

  emit({ actor, verb: { id: VERBS.initialized, display: { 'en-US': 'initialized' } }, object, context: context() }, clock);
  clock += random.between(500, 4000);
  const steps = 1 + random.int(5);
  for (let i = 0; i < steps && position < video.length; i++) {
    emit({ actor, verb: { id: VERBS.played, display: { 'en-US': 'played' } }, object, result: { extensions: { [`${VIDEO_EXT}/time`]: position } }, context: context() }, clock);
    const watch = Math.min(video.length - position, round(random.between(20, video.length / 2)));
    clock += watch * 1000;
    segments.push([position, round(position + watch)]);
    position = round(position + watch);
    if (position >= video.length) break;
    if (random.chance(0.6)) {
      const extensions = { [`${VIDEO_EXT}/time`]: position, [`${VIDEO_EXT}/progress`]: progress(), [`${VIDEO_EXT}/played-segments`]: playedSegments() };
      emit({ actor, verb: { id: VERBS.paused, display: { 'en-US': 'paused' } }, object, result: { extensions }, context: context() }, clock);
      clock += random.between(2000, 120_000);
    } else {
      const to = round(random.between(0, video.length));
      const extensions = { [`${VIDEO_EXT}/time-from`]: position, [`${VIDEO_EXT}/time-to`]: to };
      emit({ actor, verb: { id: VERBS.seeked, display: { 'en-US': 'seeked' } }, object, result: { extensions }, context: context() }, clock);
      position = to;
      clock += random.between(300, 3000);
    }
  }
  if (position >= video.length) {
    const extensions = { [`${VIDEO_EXT}/time`]: video.length, [`${VIDEO_EXT}/progress`]: progress(), [`${VIDEO_EXT}/played-segments`]: playedSegments() };
    const duration = `PT${Math.round((clock - start) / 1000)}S`;
    emit({ actor, verb: { id: VERBS.completed, display: { 'en-US': 'completed' } }, object, result: { completion: true, duration, extensions }, context: context() }, clock);
  }
}

/** A scheduled meeting: most of the course joins near the start, some raise a hand, all leave. */
export function classroomSession(site: Site, course: Course, random: SeededRandom, start: number, emit: Emit): void {
  const meeting = random.pick(course.meetings);
  const object: Activity = {
    objectType: 'Activity',
    id: `${site.amphiUrl}/classrooms/${meeting.id}`,
    definition: { type: 'https://w3id.org/xapi/virtual-classroom/activity-types/virtual-classroom', name: { 'fr-FR': meeting.title } },
  };
  const registration = random.uuid();
  const length = random.pick([45, 60, 90, 120]) * 60_000;
  const attendance = random.between(0.5, 0.9);
  for (const learner of course.learners) {
    if (!random.chance(attendance)) continue;
    const actor = actorOf(site, learner);
    const context: Context = {
      registration,
      language: 'fr-FR',
      contextActivities: {
        parent: [courseActivity(site, course)],
        category: [{ objectType: 'Activity', id: 'https://w3id.org/xapi/virtual-classroom', definition: { type: 'http://adlnet.gov/expapi/activities/profile' } }],
      },
      extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': random.uuid() },
    };
    const joined = start + random.between(-5 * 60_000, 15 * 60_000);
    emit({ actor, verb: { id: VERBS.joined, display: { 'en-US': 'joined' } }, object, context }, joined);
    if (random.chance(0.15)) emit({ actor, verb: { id: VERBS.raisedHand, display: { 'en-US': 'raised hand' } }, object, context }, joined + random.between(60_000, length * 0.8));
    emit({ actor, verb: { id: VERBS.left, display: { 'en-US': 'left' } }, object, context }, start + length - random.between(-5 * 60_000, length * 0.3));
  }
}

/** Moodle, through logstore_xapi: the course page, a few modules, sometimes a quiz attempt. */
export function moodleSession(site: Site, course: Course, learner: Learner, random: SeededRandom, start: number, emit: Emit): void {
  const actor = actorOf(site, learner);
  const courseObject = { ...courseActivity(site, course), definition: { type: 'http://id.tincanapi.com/activitytype/lms/course', name: { fr: course.name } } };
  const context = (eventName: string, parent: Activity[]): Context => ({
    platform: 'Moodle',
    language: 'fr',
    contextActivities: {
      ...(parent.length ? { parent } : {}),
      grouping: [{ objectType: 'Activity', id: site.issuer, definition: { type: 'http://id.tincanapi.com/activitytype/lms', name: { fr: site.siteName } } }],
      category: [{ objectType: 'Activity', id: 'http://moodle.org', definition: { type: 'http://id.tincanapi.com/activitytype/source', name: { en: 'Moodle' } } }],
    },
    extensions: {
      [LOGSTORE_INFO]: {
        'http://moodle.org': '4.1.9 (Build: 20240226)',
        'https://github.com/xAPI-vle/moodle-logstore_xapi': 'v4.7.0',
        event_name: eventName,
        event_function: eventName.split('\\').pop(),
      },
    },
  });
  const viewed = { id: VERBS.viewed, display: { en: 'viewed' } };
  let clock = start;
  emit({ actor, verb: viewed, object: courseObject, context: context('\\core\\event\\course_viewed', []) }, clock);
  for (let i = 1 + random.int(3); i > 0; i--) {
    clock += random.between(5_000, 300_000);
    const module = random.pick(course.modules);
    const object: Activity = {
      objectType: 'Activity',
      id: `${site.issuer}/mod/${module.kind}/view.php?id=${module.cmid}`,
      definition: { type: 'http://id.tincanapi.com/activitytype/lms/module', name: { fr: module.name } },
    };
    emit({ actor, verb: viewed, object, context: context(`\\mod_${module.kind}\\event\\course_module_viewed`, [courseObject]) }, clock);
    if (random.chance(0.15)) {
      emit({ actor, verb: { id: VERBS.completed, display: { en: 'completed' } }, object, result: { completion: true }, context: context('\\core\\event\\course_module_completion_updated', [courseObject]) }, clock + 1000);
    }
  }
  if (random.chance(0.25)) quizAttempt(site, course, random, clock + random.between(10_000, 600_000), emit, actor, courseObject, context);
}

function quizAttempt(
  site: Site, course: Course, random: SeededRandom, start: number, emit: Emit, actor: Agent, courseObject: Activity,
  context: (eventName: string, parent: Activity[]) => Context,
): void {
  const quiz = random.pick(course.quizzes);
  const quizObject: Activity = {
    objectType: 'Activity',
    id: `${site.issuer}/mod/quiz/view.php?id=${quiz.cmid}`,
    definition: { type: 'http://id.tincanapi.com/activitytype/lms/quiz', name: { fr: quiz.name } },
  };
  const attempt: Activity = {
    objectType: 'Activity',
    id: `${site.issuer}/mod/quiz/attempt.php?attempt=${1 + random.int(9_999_999)}&cmid=${quiz.cmid}`,
    definition: { type: 'http://adlnet.gov/expapi/activities/attempt', name: { fr: `Tentative : ${quiz.name}` } },
  };
  let clock = start;
  emit({ actor, verb: { id: VERBS.attempted, display: { en: 'attempted' } }, object: attempt, context: context('\\mod_quiz\\event\\attempt_started', [quizObject, courseObject]) }, clock);
  const skill = random.between(0.3, 0.95);
  let correct = 0;
  for (const questionId of quiz.questions) {
    clock += random.between(15_000, 180_000);
    const success = random.chance(skill);
    if (success) correct++;
    const question: Activity = {
      objectType: 'Activity',
      id: `${site.issuer}/question/bank/previewquestion/preview.php?id=${questionId}`,
      definition: {
        type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
        name: { fr: `Question ${questionId}` },
        interactionType: 'choice',
        correctResponsesPattern: ['b'],
        choices: ['a', 'b', 'c', 'd'].map((id) => ({ id, description: { fr: `Réponse ${id}` } })),
      },
    };
    const result = { response: success ? 'b' : random.pick(['a', 'c', 'd']), success, completion: true };
    emit({ actor, verb: { id: VERBS.answered, display: { en: 'answered' } }, object: question, result, context: context('\\mod_quiz\\event\\attempt_submitted', [attempt, quizObject, courseObject]) }, clock);
  }
  const max = quiz.questions.length;
  const score = { raw: correct, min: 0, max, scaled: round(correct / max, 4) };
  const outcome = { score, success: correct / max >= 0.5, completion: true, duration: `PT${Math.round((clock - start) / 1000)}S` };
  clock += 2000;
  emit({ actor, verb: { id: VERBS.completed, display: { en: 'completed' } }, object: attempt, result: outcome, context: context('\\mod_quiz\\event\\attempt_submitted', [quizObject, courseObject]) }, clock);
  emit({ actor, verb: { id: VERBS.scored, display: { en: 'scored' } }, object: quizObject, result: { score, success: outcome.success }, context: context('\\core\\event\\user_graded', [courseObject]) }, clock + 500);
}

function watched(segments: [number, number][]): number {
  const sorted = [...segments].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of sorted) {
    if (b <= end) continue;
    total += b - Math.max(a, end);
    end = b;
  }
  return total;
}

function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
