import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { ResourceRow } from '../../../../src/content/resource.table.js';
import { createResource, launchPerson, type LaunchedPerson } from '../../../support/factories.js';
import { useRegisteredPlatform } from '../../../support/lti-fixture.js';
import { ROLE, TestPlatform } from '../../../support/test-platform.js';

const weekly = {
  kind: 'weekly', id: 'cm', title: 'Cours magistral', weekdays: [1, 3], startTime: '10:00', durationMinutes: 90,
  fromDate: '2026-01-05', untilDate: '2027-06-30', exceptions: ['2026-04-06'],
};

/** GET/PATCH /api/classrooms/:id: settings, schedule, roles, validation, isolation. */
describe('classroom settings API', () => {
  const t = useRegisteredPlatform();
  let teacher: LaunchedPerson;
  let learner: LaunchedPerson;
  let classroom: ResourceRow;

  beforeEach(async () => {
    teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
    learner = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'learner-1', roles: [ROLE.learner] });
    classroom = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId, kind: 'classroom', title: 'Amphi virtuel', settings: JSON.stringify({}) });
  });

  it('answers a new classroom with its defaults: no sessions, always open', async () => {
    const { status, body } = await teacher.api('GET', `/api/classrooms/${classroom.id}`);
    assert.equal(status, 200);
    assert.equal(body.title, 'Amphi virtuel');
    assert.equal(body.canEdit, true);
    assert.equal(body.settings.timeZone, 'Europe/Paris');
    assert.equal(body.settings.openMinutesBefore, 15);
    assert.deepEqual(body.settings.lock, { camera: false, microphone: false, privateChat: false, publicChat: false, notes: false, userList: false });
    assert.deepEqual(body.schedule, { timeZone: 'Europe/Paris', scheduled: false, open: true, current: null, next: null, upcoming: [] });
    assert.equal(body.presentation, null);
    assert.equal('presentation' in body.settings, false);
  });

  it('saves sessions and settings for the teacher, keeps what was not sent, and shows learners only what they need', async () => {
    const changed = await teacher.api('PATCH', `/api/classrooms/${classroom.id}`, {
      title: 'Probabilités — classe virtuelle', sessions: [weekly], openMinutesBefore: 5, lock: { camera: true, publicChat: true }, welcomeMessage: 'Bienvenue',
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.title, 'Probabilités — classe virtuelle');
    assert.deepEqual(changed.body.settings.sessions, [weekly]);
    assert.equal(changed.body.settings.lock.camera, true);
    assert.equal(changed.body.settings.lock.microphone, false);
    assert.equal(changed.body.schedule.scheduled, true);
    assert.equal(changed.body.schedule.upcoming.length, 10);
    const [first, second] = changed.body.schedule.upcoming;
    assert.ok(Date.parse(first.start) < Date.parse(second.start));
    assert.equal(Date.parse(first.start) - Date.parse(first.opensAt), 5 * 60_000);

    const again = await teacher.api('PATCH', `/api/classrooms/${classroom.id}`, { waitForModerator: false });
    assert.equal(again.body.settings.waitForModerator, false);
    assert.deepEqual(again.body.settings.sessions, [weekly], 'unsent settings are kept');
    assert.equal(again.body.settings.openMinutesBefore, 5);
    assert.equal(again.body.settings.welcomeMessage, 'Bienvenue');

    const seen = await learner.api('GET', `/api/classrooms/${classroom.id}`);
    assert.equal(seen.status, 200);
    assert.deepEqual(Object.keys(seen.body.settings).sort(), ['recordingAllowed', 'timeZone', 'waitForModerator', 'welcomeMessage']);
    assert.equal(seen.body.canEdit, false);
    assert.deepEqual(seen.body.schedule, again.body.schedule);
  });

  it('refuses bad settings at their field paths and changes nothing', async () => {
    const refusals: [unknown, string, string][] = [
      [{ sessions: [{ ...weekly, durationMinutes: 3 }] }, 'invalid-request', 'body.sessions.0.durationMinutes'],
      [{ sessions: [{ ...weekly, startTime: '25:00' }] }, 'invalid-request', 'body.sessions.0.startTime'],
      [{ timeZone: 'Mars/Olympus' }, 'invalid-request', 'body.timeZone'],
      [{ title: '' }, 'invalid-request', 'body.title'],
      [{ presentation: { fileName: 'x.pdf' } }, 'invalid-request', 'body'],
      [{ sessions: [{ ...weekly, untilDate: '2025-12-01' }] }, 'classroom-schedule-invalid', 'body.sessions.0.untilDate'],
      [{ sessions: [{ ...weekly, exceptions: ['2026-04-07'] }] }, 'classroom-schedule-invalid', 'body.sessions.0.exceptions.0'],
      [{ sessions: [weekly, { ...weekly, title: 'TD' }] }, 'classroom-schedule-invalid', 'body.sessions.1.id'],
    ];
    for (const [body, code, path] of refusals) {
      const answer = await teacher.api('PATCH', `/api/classrooms/${classroom.id}`, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.code, code, JSON.stringify(body));
      assert.ok(answer.body.issues.some((i: { path: string }) => i.path === path), `${path} in ${JSON.stringify(answer.body.issues)}`);
    }
    const tuesday = await teacher.api('PATCH', `/api/classrooms/${classroom.id}`, { sessions: [{ ...weekly, exceptions: ['2026-04-07'] }] });
    assert.match(tuesday.body.detail, /Cours magistral.*2026-04-07 is a Tuesday/);
    assert.equal(tuesday.body.issues[0].rule, 'exception-not-scheduled');
    const unchanged = await teacher.api('GET', `/api/classrooms/${classroom.id}`);
    assert.deepEqual(unchanged.body.settings.sessions, []);
    assert.equal(unchanged.body.title, 'Amphi virtuel');
  });

  it('lets learners read only, and refuses what is not a classroom', async () => {
    assert.equal((await learner.api('PATCH', `/api/classrooms/${classroom.id}`, { welcomeMessage: 'Piraté' })).status, 403);
    const video = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId });
    const notClassroom = await teacher.api('GET', `/api/classrooms/${video.id}`);
    assert.equal(notClassroom.status, 404);
    assert.equal(notClassroom.body.code, 'classroom-not-found');
    assert.equal((await teacher.api('PATCH', `/api/classrooms/${video.id}`, { welcomeMessage: 'x' })).body.code, 'classroom-not-found');
    assert.equal((await teacher.api('GET', `/api/classrooms/nope`)).status, 404);
    const otherCourseTeacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-2', roles: [ROLE.instructor], context: { id: 'other-course' } });
    assert.equal((await otherCourseTeacher.api('PATCH', `/api/classrooms/${classroom.id}`, { welcomeMessage: 'x' })).status, 403);
  });

  it('checks the schedule’s rules through the generic resources API too (creation and PATCH)', async () => {
    const bad = { ...weekly, untilDate: '2025-12-01' };
    const created = await teacher.api('POST', '/api/resources', { kind: 'classroom', title: 'TD', settings: { sessions: [bad] } });
    assert.equal(created.status, 400);
    assert.equal(created.body.code, 'classroom-schedule-invalid');
    assert.deepEqual(created.body.issues.map((i: { path: string }) => i.path), ['body.settings.sessions.0.untilDate']);
    const count = await t.app.ctx.db.selectFrom('resources').select('id').where('kind', '=', 'classroom').execute();
    assert.equal(count.length, 1, 'nothing created');

    const patched = await teacher.api('PATCH', `/api/resources/${classroom.id}`, { settings: { sessions: [weekly, { ...weekly, exceptions: ['2026-04-07'] }] } });
    assert.equal(patched.status, 400);
    assert.equal(patched.body.code, 'classroom-schedule-invalid');
    assert.deepEqual((await teacher.api('GET', `/api/classrooms/${classroom.id}`)).body.settings.sessions, []);

    const good = await teacher.api('POST', '/api/resources', { kind: 'classroom', title: 'TD 2', settings: { sessions: [weekly] } });
    assert.equal(good.status, 201, JSON.stringify(good.body));
  });

  it('answers 404 for another platform’s classroom', async () => {
    const other = await TestPlatform.start();
    try {
      await t.app.register(other);
      const stranger = await launchPerson(t.app.ctx.db, other, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
      const seen = await stranger.api('GET', `/api/classrooms/${classroom.id}`);
      assert.equal(seen.status, 404);
      assert.equal(seen.body.code, 'resource-not-found');
      assert.equal((await stranger.api('PATCH', `/api/classrooms/${classroom.id}`, { welcomeMessage: 'x' })).status, 404);
      assert.equal((await stranger.api('DELETE', `/api/classrooms/${classroom.id}/presentation`)).status, 404);
    } finally {
      await other.close();
    }
  });
});
