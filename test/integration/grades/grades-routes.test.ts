import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { ResourceRow } from '../../../src/content/resource.table.js';
import type { AppError } from '../../../src/http/errors.js';
import type { GradebookResponse, ScoreResponse } from '../../../src/grades/grades.view.js';
import { recordScore } from '../../../src/grades/score.service.js';
import { createResource, eventually, launchPerson, type LaunchedPerson } from '../../support/factories.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { ROLE, TestPlatform } from '../../support/test-platform.js';

/** The teacher's gradebook API (grades.view.ts) and every refusal of a score. */
describe('grades API', () => {
  const t = useRegisteredPlatform({ GRADES_RETRY_BASE_MS: '50' });
  let teacher: LaunchedPerson;
  let learner: LaunchedPerson;
  let resource: ResourceRow;

  beforeEach(async () => {
    t.platform.resetServices();
    teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', name: 'Claire Martin', roles: [ROLE.instructor] });
    resource = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId });
    learner = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'learner-1', name: 'Inès Dupont', email: 'ines@example.edu', roles: [ROLE.learner] });
  });

  const gradebook = async (page = teacher, id = resource.id) => (await page.api<GradebookResponse>('GET', `/api/resources/${id}/grades`)).body;
  const give = (body: Record<string, unknown>, page = teacher, id = resource.id) => page.api<ScoreResponse & { code: string; detail: string }>('POST', `/api/resources/${id}/scores`, body);
  const stateOf = async (userId: string) => (await gradebook()).learners.find((l) => l.userId === userId)?.lastScore;

  it('records a teacher’s grade (202) and shows it sent in the gradebook, with the roster and the column', async () => {
    const answer = await give({ userId: learner.userId, scoreGiven: 16, comment: 'Bon travail' });
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    assert.equal(answer.body.state, 'pending');
    assert.equal(answer.body.scoreGiven, 16);
    assert.equal(answer.body.scoreMaximum, 20);
    assert.equal(answer.body.comment, 'Bon travail');
    await eventually('the grade sent', async () => (await stateOf(learner.userId))?.state === 'sent');

    const book = await gradebook();
    assert.deepEqual(book.resource, { id: resource.id, title: resource.title, gradable: true, scoreMaximum: 20 });
    assert.deepEqual(book.lineItem, { label: resource.title, scoreMaximum: 20 });
    assert.equal(book.roster.status, 'ok');
    assert.deepEqual(book.learners.map((l) => [l.name, l.email]), [['Inès Dupont', 'ines@example.edu']], 'learners only: the teacher is not listed');
    const last = book.learners[0]!.lastScore!;
    assert.equal(last.id, answer.body.id);
    assert.equal(last.error, null);
    assert.ok(last.sentAt);
    assert.equal(last.nextAttemptAt, null);
    assert.deepEqual(book.counts, { sent: 1, pending: 0, failed: 0 });
    assert.equal(t.platform.receivedScores[0]!.body.comment, 'Bon travail');
  });

  it('shows the gradebook column the activity’s launch announced before any score is sent', async () => {
    const lineitem = `${t.platform.url}/mod/lti/services.php/42/lineitems/99/lineitem?type_id=1`;
    const inActivity = await launchPerson(t.app.ctx.db, t.platform, t.app.url, {
      sub: 'teacher-1', roles: [ROLE.instructor], resourceLink: { id: 'graded-link' }, custom: { amphi_resource_id: resource.id }, ags: { lineitem },
    });
    assert.deepEqual((await gradebook(inActivity)).lineItem, { label: null, scoreMaximum: null });
    assert.equal((await gradebook(teacher)).lineItem, null, 'outside that activity, no column is known yet');
  });

  it('lists learners without a score, and shows a delivery the platform refused with its status (not its body), until retried', async () => {
    const other = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'learner-2', name: 'Hugo Petit', roles: [ROLE.learner] });
    await t.app.ctx.scoreDelivery.stop();
    const answer = await give({ userId: learner.userId, scoreGiven: 12 });
    assert.equal(answer.status, 202);
    // Moodle no longer sees learner-1 as a student: it answers 400.
    t.platform.setMembers('42', [{ user_id: 'teacher-1', roles: [ROLE.instructor] }, { user_id: 'learner-1', roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor'] }, { user_id: 'learner-2', roles: [ROLE.learner] }]);
    await t.app.ctx.scoreDelivery.drain();

    const book = await gradebook();
    const failed = book.learners.find((l) => l.userId === learner.userId)!.lastScore!;
    assert.equal(failed.state, 'failed');
    assert.equal(failed.error, 'lti-ags: HTTP 400 Bad Request');
    assert.ok(!JSON.stringify(book).includes('gradable (student) role'), 'what the platform answered is not repeated');
    assert.equal(book.learners.find((l) => l.userId === other.userId)!.lastScore, null);
    assert.deepEqual(book.counts, { sent: 0, pending: 0, failed: 1 });

    t.platform.setMembers('42', [{ user_id: 'teacher-1', roles: [ROLE.instructor] }, { user_id: 'learner-1', roles: [ROLE.learner] }]);
    const retry = await teacher.api('POST', `/api/resources/${resource.id}/grades/retry`, { userId: learner.userId });
    assert.equal(retry.status, 202);
    assert.deepEqual(retry.body, { requeued: 1 });
    t.app.ctx.scoreDelivery.start();
    await eventually('the retried grade sent', async () => (await stateOf(learner.userId))?.state === 'sent');
    assert.equal(t.platform.receivedScores.length, 1);
  });

  it('refuses a score outside 0…maximum, or not a number', async () => {
    for (const scoreGiven of [20.5, -1]) {
      const answer = await give({ userId: learner.userId, scoreGiven });
      assert.equal(answer.status, 422);
      assert.equal(answer.body.code, 'score-out-of-range');
      assert.match(answer.body.detail, /between 0 and 20/);
    }
    const text = await give({ userId: learner.userId, scoreGiven: '12' });
    assert.equal(text.status, 400);
    assert.equal(text.body.code, 'invalid-request');
    assert.equal(await t.app.ctx.db.selectFrom('grade_scores').select('id').executeTakeFirst(), undefined);
  });

  it('refuses a score for someone who is not a learner of the course', async () => {
    const elsewhere = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'learner-9', roles: [ROLE.learner], context: { id: '43', title: 'Autre cours' } });
    for (const userId of [elsewhere.userId, teacher.userId]) {
      const answer = await give({ userId, scoreGiven: 10 });
      assert.equal(answer.status, 422);
      assert.equal(answer.body.code, 'learner-not-in-course');
    }
  });

  it('refuses a resource that is not graded, and a course whose platform gives no grade service', async () => {
    const ungraded = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, gradable: false, score_maximum: null });
    const answer = await give({ userId: learner.userId, scoreGiven: 1 }, teacher, ungraded.id);
    assert.equal(answer.status, 422);
    assert.equal(answer.body.code, 'resource-not-gradable');

    const course = { id: '44', title: 'Sans notes' };
    const noAgsTeacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor], context: course, ags: null });
    const noAgsLearner = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'learner-1', roles: [ROLE.learner], context: course, ags: null });
    const there = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: noAgsTeacher.contextId });
    const refused = await give({ userId: noAgsLearner.userId, scoreGiven: 5 }, noAgsTeacher, there.id);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'grades-unavailable');
  });

  it('keeps each course’s and each platform’s resources to themselves', async () => {
    const otherCourse = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor], context: { id: '45', title: 'Autre cours' } });
    const inOtherCourse = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: otherCourse.contextId });
    const foreignCourse = await teacher.api('GET', `/api/resources/${inOtherCourse.id}/grades`);
    assert.equal(foreignCourse.status, 403);
    assert.equal(foreignCourse.body.code, 'grades-other-course');

    const platform2 = await TestPlatform.start();
    try {
      await t.app.register(platform2);
      const teacher2 = await launchPerson(t.app.ctx.db, platform2, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
      const learner2 = await launchPerson(t.app.ctx.db, platform2, t.app.url, { sub: 'learner-1', roles: [ROLE.learner] });
      const theirs = await createResource(t.app.ctx.db, { platform_id: teacher2.platformId, context_id: teacher2.contextId });
      const foreign = await teacher.api('GET', `/api/resources/${theirs.id}/grades`);
      assert.equal(foreign.status, 404);
      assert.equal(foreign.body.code, 'resource-not-found');
      assert.equal((await give({ userId: learner2.userId, scoreGiven: 3 }, teacher, theirs.id)).status, 404);
      // The other platform's activity (and its line item) cannot receive this platform's score.
      await assert.rejects(
        recordScore(t.app.ctx, { platformId: teacher.platformId, resourceId: resource.id, resourceLinkId: learner2.resourceLinkId, userId: learner.userId, scoreGiven: 4 }),
        (err: AppError) => err.status === 403 && err.code === 'grade-link-mismatch',
      );
    } finally {
      await platform2.close();
    }
  });

  it('is for instructors only', async () => {
    for (const [method, path, body] of [
      ['GET', `/api/resources/${resource.id}/grades`, undefined],
      ['POST', `/api/resources/${resource.id}/scores`, { userId: learner.userId, scoreGiven: 20 }],
      ['POST', `/api/resources/${resource.id}/grades/retry`, {}],
    ] as const) {
      const answer = await learner.api(method, path, body);
      assert.equal(answer.status, 403, `${method} ${path}`);
      assert.equal(answer.body.code, 'forbidden');
      const anonymous = await fetch(`${t.app.url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
      assert.equal(anonymous.status, 401);
    }
    assert.equal(await t.app.ctx.db.selectFrom('grade_scores').select('id').executeTakeFirst(), undefined);
  });
});
