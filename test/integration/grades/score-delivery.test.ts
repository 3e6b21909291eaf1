import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { ResourceRow } from '../../../src/content/resource.table.js';
import type { GradeScoreRow } from '../../../src/grades/grades.table.js';
import { deliverScore } from '../../../src/grades/deliver-score.js';
import { DEFAULT_RETRY_POLICY } from '../../../src/grades/retry-policy.js';
import { claimWork } from '../../../src/grades/score-outbox.repository.js';
import { recordScore } from '../../../src/grades/score.service.js';
import { createResource, eventually, launchPerson, type LaunchedPerson } from '../../support/factories.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { ROLE } from '../../support/test-platform.js';

/**
 * The score outbox against the Moodle-like test platform: what reaches its scores endpoint, the
 * line item made when the activity has none, retries, order per learner, restarts.
 */
describe('score delivery (AGS)', () => {
  const t = useRegisteredPlatform({ GRADES_RETRY_BASE_MS: '50' });
  let teacher: LaunchedPerson;
  let learner: LaunchedPerson;
  let resource: ResourceRow;

  beforeEach(async () => {
    t.platform.resetServices();
    teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', name: 'Claire Martin', roles: [ROLE.instructor] });
    resource = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId });
  });

  async function launchLearner(sub = 'learner-1', name = 'Inès Dupont'): Promise<LaunchedPerson> {
    return launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub, name, roles: [ROLE.learner], custom: { amphi_resource_id: resource.id } });
  }

  /** The platform's line item of activity 17, as Moodle makes it when the activity asks for grades: the next launches carry it. */
  function platformLineItem(): string {
    const itemId = t.platform.state.newItemId();
    t.platform.state.lineItems.set(itemId, { itemId, courseId: '42', label: 'Week 1 lecture', scoreMaximum: 20, resourceId: '', tag: '', resourceLinkId: '17' });
    return t.platform.lineItems('42')[0]!.id as string;
  }

  const score = (person: LaunchedPerson, scoreGiven: number, extra: Partial<Parameters<typeof recordScore>[1]> = {}) =>
    recordScore(t.app.ctx, { platformId: person.platformId, resourceId: resource.id, resourceLinkId: person.resourceLinkId, userId: person.userId, scoreGiven, ...extra });

  const row = (id: string) => t.app.ctx.db.selectFrom('grade_scores').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const settled = (id: string) => eventually(`score ${id} delivered or failed`, async () => {
    const r = await row(id);
    return r.status === 'sent' || r.status === 'failed' ? r : undefined;
  });

  it('sends a score with every field Moodle requires to the activity’s line item', async () => {
    const lineItemUrl = platformLineItem();
    learner = await launchLearner();
    const recorded = await score(learner, 15.5, { comment: 'Très bien' });
    assert.equal(recorded.status, 'pending');
    const sent = await settled(recorded.id);
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 1);
    assert.ok(sent.sent_at);

    assert.equal(t.platform.receivedScores.length, 1);
    const received = t.platform.receivedScores[0]!;
    assert.equal(received.lineItemUrl, lineItemUrl);
    assert.deepEqual(received.body, {
      userId: 'learner-1',
      scoreGiven: 15.5,
      scoreMaximum: 20,
      comment: 'Très bien',
      timestamp: new Date(recorded.score_timestamp).toISOString(),
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
    });
    assert.match(String(received.body.timestamp), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'ISO 8601 with milliseconds');
    assert.equal(t.platform.gradeOf(lineItemUrl, 'learner-1')?.scoreGiven, 15.5);
    assert.equal(t.platform.requestCounts.lineitems, 0, 'the activity’s own line item is used, none is created');
  });

  it('creates the line item in the course’s container when the activity has none, then sends the score', async () => {
    learner = await launchLearner();
    const second = await launchLearner('learner-2', 'Hugo Petit');
    const first = await settled((await score(learner, 12)).id);
    assert.equal(first.status, 'sent', first.last_error ?? undefined);
    assert.equal(first.attempts, 1, 'making the line item is not a delivery attempt');
    const items = t.platform.lineItems('42');
    assert.equal(items.length, 1);
    assert.deepEqual(
      { label: items[0]!.label, scoreMaximum: items[0]!.scoreMaximum, resourceId: items[0]!.resourceId, resourceLinkId: items[0]!.resourceLinkId, tag: items[0]!.tag },
      { label: resource.title, scoreMaximum: 20, resourceId: resource.id, resourceLinkId: '17', tag: 'amphi-video' },
    );
    assert.equal(t.platform.receivedScores[0]!.lineItemUrl, items[0]!.id);
    const recorded = await t.app.ctx.db.selectFrom('grade_line_items').selectAll().executeTakeFirstOrThrow();
    assert.equal(recorded.url, items[0]!.id);
    assert.equal(recorded.resource_link_id, learner.resourceLinkId);

    const other = await settled((await score(second, 18)).id);
    assert.equal(other.status, 'sent');
    assert.equal(other.line_item_id, recorded.id, 'the next learner’s score goes to the same column');
    assert.equal(t.platform.lineItems('42').length, 1);
    assert.deepEqual(t.platform.receivedScores.map((s) => [s.userId, s.body.scoreGiven]), [['learner-1', 12], ['learner-2', 18]]);
  });

  it('tries again to create the line item when the platform fails, and then delivers the scores waiting for it', async () => {
    learner = await launchLearner();
    t.platform.failNext('lineitems', [500]);
    const sent = await settled((await score(learner, 11)).id);
    assert.equal(sent.status, 'sent', sent.last_error ?? undefined);
    assert.equal(t.platform.lineItems('42').length, 1);
    assert.ok(t.platform.requestCounts.lineitems >= 3, 'the failed look-up, then the look-up and the creation');
    assert.deepEqual(t.platform.receivedScores.map((s) => s.body.scoreGiven), [11]);
  });

  it('uses the activity’s line item the platform holds when no launch named it yet', async () => {
    learner = await launchLearner();
    const lineItemUrl = platformLineItem();
    const sent = await settled((await score(learner, 7)).id);
    assert.equal(sent.status, 'sent', sent.last_error ?? undefined);
    assert.equal(t.platform.lineItems('42').length, 1, 'no second column for the activity');
    assert.equal(t.platform.receivedScores[0]!.lineItemUrl, lineItemUrl);
  });

  it('retries after a 500 and delivers the score once', async () => {
    platformLineItem();
    learner = await launchLearner();
    t.platform.failNext('scores', [500, 'drop']);
    const sent = await settled((await score(learner, 14)).id);
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 3, 'a 500, a dropped connection, then the delivery');
    assert.equal(sent.last_error, null);
    assert.equal(t.platform.requestCounts.scores, 3);
    assert.deepEqual(t.platform.receivedScores.map((s) => s.body.scoreGiven), [14]);
  });

  it('never sends an older score after a newer one: the older waiting one is superseded', async () => {
    platformLineItem();
    learner = await launchLearner();
    await t.app.ctx.scoreDelivery.stop();
    const older = await score(learner, 8);
    const newer = await score(learner, 16);
    await t.app.ctx.scoreDelivery.drain();
    assert.equal((await row(older.id)).status, 'superseded');
    assert.equal((await row(newer.id)).status, 'sent');
    assert.deepEqual(t.platform.receivedScores.map((s) => s.body.scoreGiven), [16]);
  });

  it('sends a learner’s scores in order when each is given after the previous one left, even within the same second', async () => {
    const lineItemUrl = platformLineItem();
    learner = await launchLearner();
    const first = await settled((await score(learner, 10)).id);
    // Moodle keeps a grade's time to the second and refuses (409) a score that is not later.
    const second = await settled((await score(learner, 13, { timestamp: first.score_timestamp })).id);
    assert.equal(second.status, 'sent', second.last_error ?? undefined);
    assert.deepEqual(t.platform.receivedScores.map((s) => s.body.scoreGiven), [10, 13]);
    const [t1, t2] = t.platform.receivedScores.map((s) => Date.parse(String(s.body.timestamp)));
    assert.ok(Math.floor(t2! / 1000) > Math.floor(t1! / 1000), 'the second score is sent one second later');
    assert.equal(t.platform.gradeOf(lineItemUrl, 'learner-1')?.scoreGiven, 13);
  });

  it('waits as long as a 429’s Retry-After says, then delivers', async () => {
    platformLineItem();
    learner = await launchLearner();
    await t.app.ctx.scoreDelivery.stop();
    t.platform.failNext('scores', [429]);
    const recorded = await score(learner, 11);
    await t.app.ctx.scoreDelivery.drain();
    const waiting = await row(recorded.id);
    assert.equal(waiting.status, 'pending');
    assert.equal(waiting.last_status, 429);
    assert.match(waiting.last_error ?? '', /HTTP 429/);
    assert.ok(waiting.next_attempt_at.getTime() - waiting.created_at.getTime() >= 1000, 'Retry-After: 1 is honoured (the backoff alone is 50 ms)');
    t.app.ctx.scoreDelivery.start();
    assert.equal((await settled(recorded.id)).status, 'sent');
    assert.equal(t.platform.receivedScores.length, 1);
  });

  it('marks a score the platform refuses for good as failed, with the status and its name but not the platform’s body', async () => {
    platformLineItem();
    learner = await launchLearner();
    await t.app.ctx.scoreDelivery.stop();
    const recorded = await score(learner, 9);
    // The learner leaves the course in Moodle before the score is sent.
    t.platform.setMembers('42', [{ user_id: 'teacher-1', roles: [ROLE.instructor] }]);
    await t.app.ctx.scoreDelivery.drain();
    const failed = await row(recorded.id);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.last_status, 400);
    assert.equal(failed.last_error, 'lti-ags: HTTP 400 Bad Request');
    assert.equal(failed.attempts, 1, 'a 400 is not retried');
    assert.equal(t.platform.requestCounts.scores, 1);
  });

  it('delivers once after a restart in the middle of a retry', async () => {
    platformLineItem();
    learner = await launchLearner();
    await t.app.ctx.scoreDelivery.stop();
    t.platform.failNext('scores', [503]);
    const recorded = await score(learner, 17);
    await t.app.ctx.scoreDelivery.drain();
    assert.equal((await row(recorded.id)).status, 'pending');
    await t.app.restart();
    const sent = await settled(recorded.id);
    assert.equal(sent.status, 'sent');
    assert.equal(sent.attempts, 2);
    assert.deepEqual(t.platform.receivedScores.map((s) => s.body.scoreGiven), [17]);
  });

  it('takes back the scores a crashed process had claimed once their lease ends', async () => {
    platformLineItem();
    learner = await launchLearner();
    await t.app.ctx.scoreDelivery.stop();
    const recorded = await score(learner, 19);
    // Another process claims the score, then dies before sending it.
    const { scores } = await claimWork(t.app.ctx.db, { slots: 4, maxGroups: 0, leaseMs: 400, serialize: true });
    assert.deepEqual(scores.map((s: GradeScoreRow) => s.id), [recorded.id]);
    await t.app.ctx.scoreDelivery.drain();
    assert.equal(t.platform.requestCounts.scores, 0, 'a score under another process’s lease is left alone');
    t.app.ctx.scoreDelivery.start();
    const sent = await settled(recorded.id);
    assert.equal(sent.status, 'sent');
    assert.deepEqual(t.platform.receivedScores.map((s) => s.body.scoreGiven), [19]);
  });

  it('counts as sent a score a crashed process delivered but never recorded (Moodle’s 409 on the resend)', async () => {
    const lineItemUrl = platformLineItem();
    learner = await launchLearner();
    await t.app.ctx.scoreDelivery.stop();
    const recorded = await score(learner, 18);
    // Another process claims the score and sends it, then dies before writing down the outcome.
    const { scores } = await claimWork(t.app.ctx.db, { slots: 4, maxGroups: 0, leaseMs: 400, serialize: true });
    const outcome = await deliverScore(t.app.ctx, scores[0]!, DEFAULT_RETRY_POLICY, t.app.ctx.logger);
    assert.equal(outcome.status, 'sent');
    t.app.ctx.scoreDelivery.start();
    const sent = await settled(recorded.id);
    assert.equal(sent.status, 'sent', sent.last_error ?? undefined);
    assert.equal(sent.attempts, 2);
    assert.equal(t.platform.requestCounts.scores, 2, 'sent again once the lease ended: Moodle refused it (409), holding it already');
    assert.equal(t.platform.requestCounts.results, 1, 'the gradebook was read to tell');
    assert.equal(t.platform.gradeOf(lineItemUrl, 'learner-1')?.scoreGiven, 18);
  });

  it('fails a score when the gradebook holds a newer grade than it (Moodle’s 409)', async () => {
    const lineItemUrl = platformLineItem();
    learner = await launchLearner();
    const first = await settled((await score(learner, 12)).id);
    // The teacher overrides the grade in Moodle later than the next score Amphi sends.
    const grade = t.platform.gradeOf(lineItemUrl, 'learner-1')!;
    grade.scoreGiven = 20;
    grade.timemodified = Math.floor(Date.now() / 1000) + 3600;
    const late = await settled((await score(learner, 14, { timestamp: new Date(first.score_timestamp.getTime() + 5000) })).id);
    assert.equal(late.status, 'failed');
    assert.equal(late.last_status, 409);
    assert.equal(late.last_error, 'lti-ags: HTTP 409 Conflict');
  });
});
