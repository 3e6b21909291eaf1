import assert from 'node:assert/strict';
import type { ClassroomMeetingRow } from '../../../../src/classroom/classroom.table.js';
import type { ResourceRow } from '../../../../src/content/resource.table.js';
import { useFakeBbbFor } from '../../../support/bbb-fixture.js';
import { launchPerson, type LaunchedPerson } from '../../../support/factories.js';
import type { FakeBbb } from '../../../support/fake-bbb/index.js';
import type { LtiFixture } from '../../../support/lti-fixture.js';
import { ROLE } from '../../../support/test-platform.js';
import { createClassroom, openJoinUrl } from '../meetings/classroom-support.js';

/**
 * A classroom session played through Amphi and the strict fake BBB: the teacher and learners join
 * with Amphi's join (the meeting is created by it, with Amphi's callback URLs), open their join
 * URLs as a browser would (BBB then counts them in), and the test ends the meeting or fires BBB's
 * callbacks with the fake's correctly signed JWTs.
 */
export interface ClassroomScene {
  teacher: LaunchedPerson;
  learners: LaunchedPerson[];
  classroom: ResourceRow;
  meetingID: string;
  row(): Promise<ClassroomMeetingRow>;
}

export async function setUpClassroom(
  t: LtiFixture,
  fake: FakeBbb,
  options: { gradable?: boolean; scoreMaximum?: number; settings?: Record<string, unknown>; learners?: string[] } = {},
): Promise<ClassroomScene> {
  const db = t.app.ctx.db;
  const teacher = await launchPerson(db, t.platform, t.app.url, { sub: 'teacher-1', name: 'Marie Curie', roles: [ROLE.instructor] });
  const classroom = await createClassroom(db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId }, options.settings ?? {});
  if (options.gradable) await db.updateTable('resources').set({ gradable: true, score_maximum: options.scoreMaximum ?? 20 }).where('id', '=', classroom.id).execute();
  await useFakeBbbFor(t.app.ctx, teacher.platformId, fake);
  const learners: LaunchedPerson[] = [];
  for (const [i, name] of (options.learners ?? ['Ada Lovelace']).entries()) {
    learners.push(
      await launchPerson(db, t.platform, t.app.url, {
        sub: `learner-${i + 1}`,
        name,
        roles: [ROLE.learner],
        resourceLink: { id: 'classroom-link', title: 'TD 1' },
        custom: { amphi_resource_id: classroom.id },
      }),
    );
  }
  const meetingID = `amphi-${classroom.id}`;
  return {
    teacher,
    learners,
    classroom: (await db.selectFrom('resources').selectAll().where('id', '=', classroom.id).executeTakeFirstOrThrow()) as ResourceRow,
    meetingID,
    row: () => db.selectFrom('classroom_meetings').selectAll().where('resource_id', '=', classroom.id).orderBy('created_at', 'desc').executeTakeFirstOrThrow(),
  };
}

/** Joins through Amphi and enters BBB with the join URL. */
export async function joinAndEnter(fake: FakeBbb, person: LaunchedPerson, classroomId: string): Promise<void> {
  const { status, body } = await person.api('POST', `/api/classrooms/${classroomId}/join`);
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.status, 'ready', JSON.stringify(body));
  assert.equal((await openJoinUrl(fake, body.joinUrl)).valid, true);
}

/** The problem+json answer of a refused callback. */
export async function problemOf(res: Response): Promise<{ status: number; type: string | null; code: string; detail: string }> {
  const body = (await res.json()) as { code: string; detail: string };
  return { status: res.status, type: res.headers.get('content-type'), code: body.code, detail: body.detail };
}
