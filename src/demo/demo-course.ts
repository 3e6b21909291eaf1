import type { Db } from '../db/database.js';
import { buildCourseModel } from './build-course-model.js';
import type { CourseModel } from './course-model.js';
import { writeCourseRows } from './course-rows.js';
import { demoCourseSettings, type DemoCourseOptions, type DemoCourseSettings } from './demo-course-options.js';
import { expectedSessions } from './learner-rhythm.js';
import { writeOutcomeRows } from './outcome-rows.js';
import { ensureDemoPlatform } from './platform-setup.js';
import { StatementWriter } from '../lrs/statements/statement-backfill.service.js';
import { classroomOccurrences, generateTerm } from './term-generator.js';

export type { DemoCourseOptions } from './demo-course-options.js';

/** What was written, for the CLI to print and the benchmark to query. */
export interface DemoCourseSummary {
  platformId: string;
  deploymentRowId: string;
  /** lti_contexts.id, and the course id the LMS knows it by. */
  contextRowId: string;
  contextId: string;
  resourceIds: { videos: string[]; classroom: string; dashboards: { instructors: string; learners: string } };
  /** The published media of each video (same order): a caller may put a real transcoded clip in one's place. */
  mediaIds: string[];
  /** lti_resource_links.resource_link_id of each activity, by resource id: what a launch names. */
  resourceLinkIds: Record<string, string>;
  teachers: { userId: string; sub: string; name: string }[];
  learnerCount: number;
  /** A few learners to look at: one who follows the course, one who drifted away, one never seen. */
  sampleLearners: { steady: LearnerRef | null; drifting: LearnerRef | null; neverActive: LearnerRef | null };
  meetings: number;
  statements: number;
  term: { start: string; end: string };
  elapsedMs: number;
  /** Everything the generator decided (people with their names, resources, the classroom's schedule), for a caller that lists them. */
  model: CourseModel;
}

export interface LearnerRef {
  userId: string;
  sub: string;
  name: string;
}

/**
 * Average statements of one learner session (a viewing, a Moodle visit, a look at the dashboard,
 * weighted by how often each comes, sessions before the first video included) and of one
 * attendee of one classroom session (the Moodle click and launch, joins and leaves from Amphi and
 * BBB, chat, polls, reactions), measured on a generated 2,000-learner term: what
 * `targetStatements` scales the learners' sessions with.
 */
const STATEMENTS_PER_SESSION = 6.4;
const STATEMENTS_PER_ATTENDANCE = 9;
const ATTENDANCE_RATE = 0.5;

/**
 * Writes a whole course into the database as a term of real use would have left it, the same
 * rows for the same seed and options (and `now`): the LTI course, its people and NRPS roster,
 * videos with published media, a weekly classroom with its past sessions and attendance, two
 * dashboards, grades delivered to the LMS, and the term's xAPI statements from Amphi, Moodle
 * (logstore_xapi) and BigBlueButton (xAPI webhooks), with a few voided. Each producer's module
 * says what it writes and how the real one does.
 */
export async function generateDemoCourse(db: Db, options: DemoCourseOptions): Promise<DemoCourseSummary> {
  const began = Date.now();
  const settings = demoCourseSettings(options);
  const { platform, deployment } = await ensureDemoPlatform(db, settings.platform);
  const model = buildCourseModel(settings, { id: platform.id, issuer: platform.issuer, name: platform.name, lrsIdentity: platform.lrs_identity }, deployment);
  await writeCourseRows(db, model);
  const engine = await engineOf(db);
  const writer = new StatementWriter(
    db,
    platform.id,
    // PostgreSQL: 17 parameters a row, 2,000 rows stay under its 65,535. PGlite runs each INSERT on this
    // thread: smaller ones let the rest of the process breathe.
    engine === 'postgres' ? { rowsPerInsert: 2000, rowsPerTransaction: 20_000, end: model.end } : { rowsPerInsert: 250, rowsPerTransaction: 5000, end: model.end },
    settings.onProgress,
  );
  const sources = {
    moodle: { authority: model.credentials.moodle.authority, credentialId: model.credentials.moodle.id },
    bbb: { authority: model.credentials.bbb.authority, credentialId: model.credentials.bbb.id },
  };
  const outcome = await generateTerm(model, writer, sources, sessionScale(model, settings));
  const statements = await writer.finish();
  await writeOutcomeRows(db, model, outcome);
  return summarize(model, outcome.meetings.length, statements, Date.now() - began);
}

/** How much to scale the learners' sessions so that the term comes to about `targetStatements`. */
function sessionScale(model: CourseModel, settings: DemoCourseSettings): number {
  if (!settings.targetStatements) return 1;
  let sessions = 0;
  for (let day = model.start; day < model.end; day += 86_400_000) for (const l of model.learners) sessions += expectedSessions(l, day, model.start, model.weeks, 1);
  const classroom = classroomOccurrences(model).length * model.learners.length * ATTENDANCE_RATE * STATEMENTS_PER_ATTENDANCE;
  const rest = Math.max(0, settings.targetStatements - classroom);
  return sessions > 0 ? Math.max(0.05, rest / (sessions * STATEMENTS_PER_SESSION)) : 1;
}

async function engineOf(db: Db): Promise<'postgres' | 'pglite'> {
  const { rows } = await db.executeQuery<{ version: string }>({ sql: 'select version() as version', parameters: [], query: { kind: 'RawNode' } as never, queryId: { queryId: 'demo-engine' } });
  return /emscripten|wasm/i.test(rows[0]?.version ?? '') ? 'pglite' : 'postgres';
}

function summarize(model: CourseModel, meetings: number, statements: number, elapsedMs: number): DemoCourseSummary {
  const ref = (l: CourseModel['learners'][number] | undefined): LearnerRef | null => (l ? { userId: l.userId, sub: l.sub, name: l.name.name } : null);
  const resources = [...model.videos, model.classroom, model.dashboards.instructors, model.dashboards.learners];
  return {
    platformId: model.platform.id,
    deploymentRowId: model.deployment.id,
    contextRowId: model.context.id,
    contextId: model.context.contextId,
    resourceIds: { videos: model.videos.map((v) => v.id), classroom: model.classroom.id, dashboards: { instructors: model.dashboards.instructors.id, learners: model.dashboards.learners.id } },
    mediaIds: model.videos.map((v) => v.mediaId),
    resourceLinkIds: Object.fromEntries(resources.map((r) => [r.id, r.resourceLinkId])),
    teachers: model.teachers.map((t) => ({ userId: t.userId, sub: t.sub, name: t.name.name })),
    learnerCount: model.learners.length,
    sampleLearners: {
      steady: ref(model.learners.filter((l) => l.profile === 'steady').sort((a, b) => b.weight - a.weight)[0]),
      drifting: ref(model.learners.find((l) => l.profile === 'drifting')),
      neverActive: ref(model.learners.find((l) => l.profile === 'never')),
    },
    meetings,
    statements,
    term: { start: new Date(model.start).toISOString(), end: new Date(model.end).toISOString() },
    elapsedMs,
    model,
  };
}
