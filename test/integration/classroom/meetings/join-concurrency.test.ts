import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ResourceRow } from '../../../../src/content/resource.table.js';
import { forgetLiveMeeting } from '../../../../src/classroom/meetings/meeting-lifecycle.js';
import { useFakeBbbFor } from '../../../support/bbb-fixture.js';
import { launchPerson, type LaunchedPerson } from '../../../support/factories.js';
import { startFakeBbb, type FakeBbb } from '../../../support/fake-bbb/index.js';
import { startTestApp, type TestApp } from '../../../support/test-app.js';
import { ROLE, TestPlatform } from '../../../support/test-platform.js';
import { createClassroom, openJoinUrl } from './classroom-support.js';

const LEARNERS = 300;

/** The figure: 300 learners clicking Join in the same second create the meeting once, and all get in. */
describe('300 learners joining the same classroom at once', () => {
  let app: TestApp;
  let platform: TestPlatform;
  let fake: FakeBbb;
  let classroom: ResourceRow;
  let learners: LaunchedPerson[];

  before(async () => {
    app = await startTestApp();
    platform = await TestPlatform.start();
    fake = await startFakeBbb();
    await app.register(platform);
    const teacher = await launchPerson(app.ctx.db, platform, app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
    classroom = await createClassroom(app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId });
    await useFakeBbbFor(app.ctx, teacher.platformId, fake);
    learners = [];
    for (let i = 0; i < LEARNERS; i++) {
      learners.push(await launchPerson(app.ctx.db, platform, app.url, { sub: `learner-${i}`, name: `Étudiant ${i}`, roles: [ROLE.learner], custom: { amphi_resource_id: classroom.id } }));
    }
  });
  after(async () => {
    await fake?.close();
    await app?.close();
    await platform?.close();
  });

  it('fails them all with the same clear error when BBB is down, leaving nothing, then creates once for all', async () => {
    fake.setMode('html');
    const failed = await Promise.all(learners.slice(0, 50).map((l) => l.api('POST', `/api/classrooms/${classroom.id}/join`)));
    assert.deepEqual(new Set(failed.map((f) => `${f.status} ${f.body.code}`)), new Set(['502 external-service']));
    assert.match(failed[0]!.body.detail, /BigBlueButton/);
    assert.equal(await app.ctx.db.selectFrom('classroom_meetings').selectAll().execute().then((r) => r.length), 0, 'nothing half-created');
    assert.ok(fake.calls.filter((c) => c.call === 'create').length < 50, 'waiters share the failed attempt instead of each calling create');
    fake.setMode('ok');

    const answers = await Promise.all(learners.map((l) => l.api('POST', `/api/classrooms/${classroom.id}/join`)));
    assert.equal(fake.count('create'), 1);
    for (const a of answers) assert.equal(a.body.status, 'ready', JSON.stringify(a.body));
    const opened = await Promise.all(answers.map((a) => openJoinUrl(fake, a.body.joinUrl)));
    assert.equal(opened.filter((o) => o.valid).length, LEARNERS, 'every join URL is valid for BBB');
    assert.equal(fake.meeting(`amphi-${classroom.id}`)!.attendees.length, LEARNERS);
    const rows = await app.ctx.db.selectFrom('classroom_attendance').selectAll().where('resource_id', '=', classroom.id).execute();
    assert.equal(rows.length, LEARNERS);
    assert.ok(rows.every((r) => r.role === 'viewer' && r.join_count === 1));
    const live = await app.ctx.db.selectFrom('classroom_meetings').selectAll().where('state', '<>', 'ended').execute();
    assert.equal(live.length, 1);
  });

  it('creates once across two app instances sharing the database (the unique index decides, not the process)', async () => {
    await app.ctx.db.updateTable('classroom_meetings').set({ state: 'ended', end_reason: 'test' }).execute();
    fake.meeting(`amphi-${classroom.id}`)!.ended = true;
    forgetLiveMeeting(app.ctx, classroom.id);
    fake.setDelay(50);
    const creates = fake.count('create');
    const other = await import('../../../../src/context.js').then((m) => m.createContext(app.config, app.database, app.ctx.logger));
    const { joinClassroom } = await import('../../../../src/classroom/meetings/meeting.service.js');
    const { loadSession } = await import('../../../../src/lti/session/session.service.js');
    const sessions = await Promise.all(learners.slice(0, 20).map((l) => loadSession(app.ctx, l.sessionId)));
    const answers = await Promise.all(sessions.map((s, i) => joinClassroom(i % 2 ? other : app.ctx, s!, classroom.id)));
    fake.setDelay(0);
    assert.equal(fake.count('create'), creates + 1);
    assert.ok(answers.every((a) => a.status === 'ready'));
    const opened = await Promise.all(answers.map((a) => (a.status === 'ready' ? openJoinUrl(fake, a.joinUrl) : undefined)));
    assert.ok(opened.every((o) => o?.valid));
  });
});
