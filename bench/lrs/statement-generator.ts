/**
 * Realistic xAPI statements for the LRS benchmarks, the same for a given seed on every run:
 * one Moodle site, `courses` courses of `learnersPerCourse` learners (drawn from a shared pool,
 * so some follow several courses, and some are far more active than others), over a semester.
 *
 * Sessions are video viewings (about half the statements), Moodle visits with quiz attempts
 * (about a third) and virtual classroom meetings (the rest); see learning-traces.ts. Each
 * statement has an id and a timestamp, as a client that sends them in batches would set them.
 *
 * The stream is in timestamp order, as a live feed reaches an LRS: sessions start on a clock that
 * runs through the semester (busier by day and on weekdays) so that `expectedStatements`
 * statements span it, and statements wait in a heap until no later session can precede them.
 */
import type { Agent, Statement } from '../../src/lrs/xapi/xapi.types.js';
import { actorOf, classroomSession, moodleSession, videoSession, VERBS, type Course, type Learner, type Site } from './learning-traces.js';
import { cumulate, pickWeighted, SeededRandom } from '../../src/demo/seeded-random.js';
import { TimestampHeap } from './timestamp-heap.js';

export interface GeneratorOptions {
  seed?: number;
  courses?: number;
  learnersPerCourse?: number;
  issuer?: string;
  amphiUrl?: string;
  /** First day of the semester (ISO date); it lasts `weeks` weeks. */
  semesterStart?: string;
  weeks?: number;
  /** How many statements will be taken: they are spread over the semester. */
  expectedStatements?: number;
}

export interface World extends Site {
  courses: Course[];
  learners: Learner[];
  start: number;
  end: number;
}

/** A realistic query: one learner's statements with one verb since some day of the semester. */
export interface StatementQuery {
  agent: Agent;
  verb: string;
  since: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Longer than any session: a statement this far behind the clock can no longer be preceded. */
const HORIZON = 8 * HOUR;
const KINDS = ['video', 'moodle', 'classroom'] as const;
/** Share of sessions by kind; a meeting leaves ~50× the statements of a viewing, and only in class hours. */
const CLASS_HOURS_WEIGHTS = cumulate([0.55, 0.42, 0.03]);
const OTHER_HOURS_WEIGHTS = cumulate([0.56, 0.44, 0]);
const WEEK = 7 * DAY;
/** How busy each hour of the day is (UTC stands for local time here); weekends count 0.5. */
const HOUR_WEIGHTS = [0.2, 0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.4, 1, 1.5, 2, 2, 1.2, 1.2, 2, 2, 1.8, 1.5, 1.5, 1.8, 2.2, 2, 1.2, 0.6];
/** The verbs a dashboard asks about, by how often it asks. */
const QUERY_VERBS = [VERBS.played, VERBS.completed, VERBS.viewed, VERBS.answered, VERBS.paused, VERBS.joined, VERBS.scored, VERBS.attempted];
const QUERY_VERB_WEIGHTS = cumulate([3, 3, 3, 2, 1, 1, 1, 1]);

export class StatementGenerator {
  readonly world: World;
  private readonly random: SeededRandom;
  private readonly pending = new TimestampHeap<Statement>();
  private readonly courseLearnerWeights: number[][];
  private readonly msPerStatement: number;
  /** Activity time: advances evenly with statements; `clock` is the real time it maps to. */
  private activity = 0;
  private clock: number;

  constructor(options: GeneratorOptions = {}) {
    this.random = new SeededRandom(options.seed ?? 1);
    this.world = buildWorld(this.random, options);
    this.courseLearnerWeights = this.world.courses.map((c) => cumulate(c.learners.map((l) => l.weight)));
    this.msPerStatement = (this.world.end - this.world.start) / (options.expectedStatements ?? 1_000_000);
    this.clock = this.world.start;
  }

  next(): Statement {
    while (this.pending.size === 0 || this.pending.peekTime()! > this.clock - HORIZON) this.session();
    return this.pending.pop()!;
  }

  take(n: number): Statement[] {
    return Array.from({ length: n }, () => this.next());
  }

  /** Queries drawn with their own generator (`seed`), so asking for them changes no statement. */
  static queries(world: World, n: number, seed = 7): StatementQuery[] {
    const random = new SeededRandom(seed);
    const weights = cumulate(world.learners.map((l) => l.weight));
    return Array.from({ length: n }, () => {
      const learner = pickWeighted(random, world.learners, weights);
      const verb = pickWeighted(random, QUERY_VERBS, QUERY_VERB_WEIGHTS);
      const since = new Date(world.start + random.next() * (world.end - world.start) * 0.9).toISOString();
      return { agent: actorOf(world, learner), verb, since };
    });
  }

  private session(): void {
    const { random, world } = this;
    const index = random.int(world.courses.length);
    const course = world.courses[index]!;
    const hour = new Date(this.clock).getUTCHours();
    const weekday = new Date(this.clock).getUTCDay() % 6 !== 0;
    const kind = pickWeighted(random, KINDS, weekday && hour >= 8 && hour <= 17 ? CLASS_HOURS_WEIGHTS : OTHER_HOURS_WEIGHTS);
    let emitted = 0;
    const emit = (statement: Omit<Statement, 'id' | 'timestamp'>, at: number) => {
      const timestamp = Math.round(at);
      this.pending.push(timestamp, { id: random.uuid(), ...statement, timestamp: new Date(timestamp).toISOString() });
      emitted++;
    };
    if (kind === 'classroom') {
      classroomSession(world, course, random, Math.ceil(this.clock / HOUR) * HOUR, emit);
    } else {
      const learner = pickWeighted(random, course.learners, this.courseLearnerWeights[index]!);
      (kind === 'video' ? videoSession : moodleSession)(world, course, learner, random, this.clock + random.int(60_000), emit);
    }
    // Sessions arrive as a Poisson process in activity time, which busy hours stretch.
    this.activity += Math.max(1, emitted) * this.msPerStatement * -Math.log(1 - random.next());
    this.clock = this.world.start + realTime(this.activity);
  }
}

/** Each hour of the week (from the semester's first day, a Monday) weighted; mean 1. */
const WEEK_WEIGHTS = (() => {
  const raw = Array.from({ length: 168 }, (_, h) => HOUR_WEIGHTS[h % 24]! * (Math.floor(h / 24) >= 5 ? 0.5 : 1));
  const mean = raw.reduce((a, b) => a + b) / raw.length;
  return raw.map((w) => w / mean);
})();
const WEEK_CUMULATIVE = cumulate(WEEK_WEIGHTS.map((w) => w * HOUR));

/** The real time (ms after the start) by which `activity` ms of evenly spread activity have passed. */
function realTime(activity: number): number {
  const weeks = Math.floor(activity / WEEK);
  let rest = activity - weeks * WEEK;
  let hour = 0;
  while (hour < 167 && WEEK_CUMULATIVE[hour]! <= rest) hour++;
  rest -= hour > 0 ? WEEK_CUMULATIVE[hour - 1]! : 0;
  return weeks * WEEK + hour * HOUR + rest / WEEK_WEIGHTS[hour]!;
}

function buildWorld(random: SeededRandom, options: GeneratorOptions): World {
  const courseCount = options.courses ?? 40;
  const perCourse = options.learnersPerCourse ?? 60;
  const issuer = options.issuer ?? 'https://moodle.univ-exemple.fr';
  const start = Date.parse(`${options.semesterStart ?? '2025-09-08'}T00:00:00Z`);
  // A pool smaller than the seats: a learner follows 1.3 courses on average.
  const pool: Learner[] = Array.from({ length: Math.ceil((courseCount * perCourse) / 1.3) }, (_, i) => ({
    id: String(1000 + i * 7 + random.int(7)),
    weight: Math.exp(0.8 * random.normal()),
  }));
  const courses: Course[] = Array.from({ length: courseCount }, (_, c) => {
    const learners = new Set<Learner>();
    while (learners.size < Math.min(perCourse, pool.length)) learners.add(random.pick(pool));
    const moodleId = 100 + c;
    return {
      moodleId,
      name: `Cours ${moodleId} : ${random.pick(['Algèbre', 'Histoire moderne', 'Biologie cellulaire', 'Droit civil', 'Économie', 'Chimie organique', 'Statistiques', 'Littérature'])}`,
      learners: [...learners],
      videos: Array.from({ length: 6 + random.int(10) }, (_, v) => ({ id: random.uuid(), title: `Séance ${v + 1}`, length: Math.round(random.between(180, 3600)) })),
      meetings: Array.from({ length: 2 + random.int(3) }, (_, m) => ({ id: random.uuid(), title: `Classe virtuelle ${m + 1}` })),
      modules: Array.from({ length: 5 + random.int(10) }, (_, m) => ({
        cmid: moodleId * 100 + m,
        kind: random.pick(['page', 'resource', 'url', 'forum'] as const),
        name: `Ressource ${m + 1}`,
      })),
      quizzes: Array.from({ length: 1 + random.int(4) }, (_, q) => ({
        cmid: moodleId * 100 + 50 + q,
        name: `Quiz ${q + 1}`,
        questions: Array.from({ length: 5 + random.int(11) }, () => 1 + random.int(99_999)),
      })),
    };
  });
  const used = new Set(courses.flatMap((c) => c.learners));
  return {
    issuer,
    amphiUrl: options.amphiUrl ?? 'https://amphi.univ-exemple.fr',
    siteName: 'Université Exemple',
    courses,
    learners: pool.filter((l) => used.has(l)),
    start,
    end: start + (options.weeks ?? 15) * 7 * DAY,
  };
}
