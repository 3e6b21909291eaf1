import type { Activity, Agent, Context, Statement } from '../lrs/xapi/xapi.types.js';
import type { CourseModel, MoodleQuiz, Person, Resource } from './course-model.js';
import { demoUuid } from './demo-ids.js';
import type { SeededRandom } from './seeded-random.js';
import type { PendingStatement, StatementSource } from '../lrs/statements/statement-backfill.service.js';

/**
 * What Moodle's logstore_xapi (xAPI-vle/moodle-logstore_xapi) sends about the course: course and
 * module views (Amphi's activities are mod_lti modules), quiz attempts. Actors are accounts on the
 * Moodle site named by the Moodle user id, which is the LTI `sub`; the course is
 * `<site>/course/view.php?id=<course id>`. The plugin's scheduled task sends every 5 minutes.
 */
const VIEWED = { id: 'http://id.tincanapi.com/verb/viewed', display: { en: 'viewed' } };
const INFO = 'http://lrs.learninglocker.net/define/extensions/info';
const CRON_MS = 5 * 60_000;

export class MoodleTraces {
  private count = 0;
  private readonly course: Activity;

  constructor(
    private readonly model: CourseModel,
    private readonly source: StatementSource,
    private readonly add: (p: PendingStatement) => void,
  ) {
    this.course = { objectType: 'Activity', id: `${model.platform.issuer}/course/view.php?id=${model.context.contextId}`, definition: { type: 'http://id.tincanapi.com/activitytype/lms/course', name: { fr: model.context.title } } };
  }

  courseViewed(person: Person, at: number): void {
    this.emit(person, VIEWED, this.course, undefined, '\\core\\event\\course_viewed', [], at);
  }

  /** The click on one of Amphi's activities in the course page, just before its launch. */
  ltiViewed(person: Person, resource: Resource, at: number): void {
    this.emit(person, VIEWED, this.module('lti', resource.cmid, resource.title), undefined, '\\mod_lti\\event\\course_module_viewed', [this.course], at);
  }

  moduleViewed(person: Person, random: SeededRandom, at: number): void {
    const m = random.pick(this.model.moodle.modules);
    this.emit(person, VIEWED, this.module(m.kind, m.cmid, m.name), undefined, `\\mod_${m.kind}\\event\\course_module_viewed`, [this.course], at);
  }

  /** A quiz attempt: started, each question answered, submitted with its score, graded. Returns when it ends. */
  quizAttempt(person: Person, quiz: MoodleQuiz, skill: number, random: SeededRandom, start: number): number {
    const quizObject = this.module('quiz', quiz.cmid, quiz.name, 'http://id.tincanapi.com/activitytype/lms/quiz');
    const attempt: Activity = {
      objectType: 'Activity',
      id: `${this.model.platform.issuer}/mod/quiz/attempt.php?attempt=${10_000 + this.count}&cmid=${quiz.cmid}`,
      definition: { type: 'http://adlnet.gov/expapi/activities/attempt', name: { fr: `Tentative : ${quiz.name}` } },
    };
    let clock = start;
    this.emit(person, { id: 'http://adlnet.gov/expapi/verbs/attempted', display: { en: 'attempted' } }, attempt, undefined, '\\mod_quiz\\event\\attempt_started', [quizObject, this.course], clock);
    let correct = 0;
    for (const questionId of quiz.questions) {
      clock += random.between(20_000, 180_000);
      const success = random.chance(skill);
      if (success) correct++;
      const question: Activity = {
        objectType: 'Activity',
        id: `${this.model.platform.issuer}/question/bank/previewquestion/preview.php?id=${questionId}`,
        definition: {
          type: 'http://adlnet.gov/expapi/activities/cmi.interaction', name: { fr: `Question ${questionId}` }, interactionType: 'choice',
          correctResponsesPattern: ['b'], choices: ['a', 'b', 'c', 'd'].map((id) => ({ id, description: { fr: `Réponse ${id}` } })),
        },
      };
      const result = { response: success ? 'b' : random.pick(['a', 'c', 'd']), success, completion: true };
      this.emit(person, { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered' } }, question, result, '\\mod_quiz\\event\\attempt_submitted', [attempt, quizObject, this.course], clock);
    }
    const max = quiz.questions.length;
    const score = { raw: correct, min: 0, max, scaled: Math.round((correct / max) * 10_000) / 10_000 };
    const success = correct / max >= 0.5;
    clock += 2000;
    const duration = `PT${Math.round((clock - start) / 1000)}S`;
    this.emit(person, { id: 'http://adlnet.gov/expapi/verbs/completed', display: { en: 'completed' } }, attempt, { score, success, completion: true, duration }, '\\mod_quiz\\event\\attempt_submitted', [quizObject, this.course], clock);
    this.emit(person, { id: 'http://adlnet.gov/expapi/verbs/scored', display: { en: 'scored' } }, quizObject, { score, success }, '\\core\\event\\user_graded', [this.course], clock + 500);
    return clock + 500;
  }

  private module(kind: string, cmid: number, name: string, type = 'http://id.tincanapi.com/activitytype/lms/module'): Activity {
    return { objectType: 'Activity', id: `${this.model.platform.issuer}/mod/${kind}/view.php?id=${cmid}`, definition: { type, name: { fr: name } } };
  }

  private emit(person: Person, verb: Statement['verb'], object: Activity, result: Statement['result'], eventName: string, parent: Activity[], at: number): void {
    const n = this.count++;
    const model = this.model;
    const actor: Agent = { objectType: 'Agent', name: person.name.name, account: { homePage: model.platform.issuer, name: person.sub } };
    const context: Context = {
      platform: 'Moodle',
      language: person.locale,
      contextActivities: {
        ...(parent.length ? { parent } : {}),
        grouping: [{ objectType: 'Activity', id: model.platform.issuer, definition: { type: 'http://id.tincanapi.com/activitytype/lms', name: { fr: model.platform.name } } }],
        category: [{ objectType: 'Activity', id: 'http://moodle.org', definition: { type: 'http://id.tincanapi.com/activitytype/source', name: { en: 'Moodle' } } }],
      },
      extensions: { [INFO]: { 'http://moodle.org': '4.1.9 (Build: 20240226)', 'https://github.com/xAPI-vle/moodle-logstore_xapi': 'v4.7.0', event_name: eventName, event_function: eventName.split('\\').pop() } },
    };
    const id = demoUuid(model.seed, 'moodle', n);
    const timestamp = new Date(Math.round(at)).toISOString();
    const storedAt = Math.ceil((at + 1) / CRON_MS) * CRON_MS + 15_000 + (n % 1000);
    // Now and then the site administrator voids a statement (a test account's, a replayed event): voiding must work on real data.
    const voided = n % 400 === 37 && at + 5 * 3_600_000 < model.end;
    this.add({ statement: { id, actor, verb, object, ...(result ? { result } : {}), context, timestamp }, source: this.source, storedAt, voided });
    if (voided) this.voiding(id, at + 3 * 3_600_000 + (n % 7) * 600_000);
  }

  private voiding(target: string, at: number): void {
    const model = this.model;
    const statement = {
      id: demoUuid(model.seed, 'moodle-voiding', target),
      actor: { objectType: 'Agent' as const, name: 'Admin User', account: { homePage: model.platform.issuer, name: '2' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } },
      object: { objectType: 'StatementRef' as const, id: target },
      timestamp: new Date(Math.round(at)).toISOString(),
    };
    this.add({ statement, source: this.source, storedAt: at + 30_000 });
  }
}
