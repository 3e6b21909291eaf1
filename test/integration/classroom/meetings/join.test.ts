import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { ResourceRow } from '../../../../src/content/resource.table.js';
import { joinRecorderFor } from '../../../../src/classroom/meetings/join-recorder.js';
import { forgetLiveMeeting } from '../../../../src/classroom/meetings/meeting-lifecycle.js';
import { removeBbbServer } from '../../../../src/classroom/servers/bbb-server.service.js';
import { useFakeBbbFor } from '../../../support/bbb-fixture.js';
import { createResource, launchPerson, type LaunchedPerson } from '../../../support/factories.js';
import { startFakeBbb, type FakeBbb } from '../../../support/fake-bbb/index.js';
import { useRegisteredPlatform } from '../../../support/lti-fixture.js';
import { ROLE, TestPlatform } from '../../../support/test-platform.js';
import { pdfFile } from '../../../unit/classroom/schedule/classroom-documents.js';
import { createClassroom, openJoinUrl, parisDate } from './classroom-support.js';

/** POST /api/classrooms/:id/join and GET …/room against the strict fake BBB. */
describe('joining a classroom', () => {
  const t = useRegisteredPlatform({ CLASSROOM_BBB_TIMEOUT_MS: '400' });
  let fake: FakeBbb;
  let teacher: LaunchedPerson;
  let learner: LaunchedPerson;
  let classroom: ResourceRow;

  beforeEach(async () => {
    fake = await startFakeBbb();
    teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', name: 'Marie Curie', roles: [ROLE.instructor] });
    classroom = await createClassroom(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId });
    learner = await launchPerson(t.app.ctx.db, t.platform, t.app.url, {
      sub: 'learner-1',
      name: 'Ada Lovelace',
      roles: [ROLE.learner],
      custom: { amphi_resource_id: classroom.id },
    });
    await useFakeBbbFor(t.app.ctx, teacher.platformId, fake);
  });

  afterEach(async () => {
    await fake.close();
  });

  const meetingID = () => `amphi-${classroom.id}`;
  const liveRows = () =>
    t.app.ctx.db.selectFrom('classroom_meetings').selectAll().where('resource_id', '=', classroom.id).where('state', '<>', 'ended').execute();
  const setSettings = (settings: Record<string, unknown>) =>
    t.app.ctx.db
      .updateTable('resources')
      .set({ settings: JSON.stringify({ waitForModerator: false, ...settings }) })
      .where('id', '=', classroom.id)
      .execute();

  it('lets the teacher in as moderator: the meeting created with the classroom’s settings and meta_ data', async () => {
    const creates = fake.count('create');
    const { status, body } = await teacher.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.status, 'ready');
    assert.equal(body.role, 'moderator');
    assert.equal(fake.count('create'), creates + 1);
    const meeting = fake.meeting(meetingID())!;
    assert.equal(meeting.name, 'Travaux dirigés de statistique');
    assert.equal(meeting.params['meta_amphi-resource'], classroom.id);
    assert.equal(meeting.params['meta_amphi-platform'], teacher.platformId);
    assert.equal(meeting.params['meta_amphi-course'], teacher.contextId);
    assert.equal(meeting.params['meta_bbb-origin'], 'Amphi');
    assert.equal(meeting.params['meta_bbb-context'], 'Introduction to Statistics');
    assert.ok(meeting.params.meta_endCallbackUrl?.startsWith(t.app.url), 'the end callback points at Amphi');
    assert.ok(meeting.params['meta_analytics-callback-url']?.startsWith(t.app.url));
    assert.equal(meeting.params.record, 'true');
    const [row] = await liveRows();
    assert.equal(row!.state, 'running');
    assert.equal(meeting.params['meta_amphi-meeting'], row!.id);
    assert.equal(row!.internal_meeting_id, meeting.internalMeetingID);
    assert.equal((await openJoinUrl(fake, body.joinUrl)).valid, true);
    const attendee = fake.meeting(meetingID())!.attendees.find((a) => a.userID === 'teacher-1');
    assert.deepEqual(attendee && { fullName: attendee.fullName, role: attendee.role }, { fullName: 'Marie Curie', role: 'MODERATOR' });
  });

  it('sends people leaving BBB to a page of Amphi (never the LMS return URL, which carries the launcher’s sesskey), as known participants', async () => {
    const { body } = await learner.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal(fake.meeting(meetingID())!.params.logoutURL, `${t.app.url}/classroom/left`);
    assert.equal(new URL(body.joinUrl).searchParams.get('guest'), 'false', 'the guest policy is for real guests, not LTI users');
    const left = await fetch(`${t.app.url}/classroom/left`, { headers: { 'Accept-Language': 'fr-FR,fr;q=0.9' } });
    assert.equal(left.status, 200);
    assert.match(await left.text(), /Vous avez quitté la classe virtuelle/);
  });

  it('keeps a learner of another course out of this course’s live meeting, whatever their activity names', async () => {
    const stranger = await launchPerson(t.app.ctx.db, t.platform, t.app.url, {
      sub: 'learner-9',
      roles: [ROLE.learner],
      context: { id: 'another-course' },
      resourceLink: { id: 'another-course-activity', title: 'Classe' },
      custom: { amphi_resource_id: classroom.id },
    });
    const refused = await stranger.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal(refused.status, 403);
    assert.equal((await stranger.api('GET', `/api/classrooms/${classroom.id}/room`)).status, 403);
    assert.equal(fake.count('create'), 0);
  });

  it('lets learners back into a class that runs over its end, and not once it is over', async () => {
    await setSettings({ timeZone: 'Europe/Paris', openMinutesBefore: 15, sessions: [{ kind: 'once', id: 'past', date: parisDate(-1), startTime: '10:00', durationMinutes: 60 }] });
    assert.equal((await teacher.api('POST', `/api/classrooms/${classroom.id}/join`)).body.status, 'ready');
    const back = await learner.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal(back.body.status, 'ready', JSON.stringify(back.body));
    await teacher.api('POST', `/api/classrooms/${classroom.id}/end`);
    assert.equal((await learner.api('POST', `/api/classrooms/${classroom.id}/join`)).body.code, 'join-closed-for-good');
  });

  it('lets a learner in as viewer, records the join with the activity launched, and counts joins', async () => {
    const first = await learner.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.role, 'viewer');
    assert.equal((await openJoinUrl(fake, first.body.joinUrl)).valid, true);
    assert.equal(fake.meeting(meetingID())!.attendees.find((a) => a.userID === 'learner-1')?.role, 'VIEWER');
    await learner.api('POST', `/api/classrooms/${classroom.id}/join`);
    // A double click: two joins of one person in the same burst (one statement cannot update a row twice).
    await Promise.all([learner.api('POST', `/api/classrooms/${classroom.id}/join`), learner.api('POST', `/api/classrooms/${classroom.id}/join`)]);
    const rows = await t.app.ctx.db.selectFrom('classroom_attendance').selectAll().where('resource_id', '=', classroom.id).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.user_id, learner.userId);
    assert.equal(rows[0]!.role, 'viewer');
    assert.equal(rows[0]!.join_count, 4);
    assert.equal(rows[0]!.resource_link_id, learner.resourceLinkId, 'the activity that shows the classroom: its gradebook');
    assert.equal(fake.count('create'), 1, 'the second join reuses the meeting');
  });

  it('pre-loads the teacher’s presentation: create is a POST whose <modules> BBB downloads without a session', async () => {
    const pdf = pdfFile('Séance 1');
    const uploaded = await fetch(`${t.app.url}/api/classrooms/${classroom.id}/presentation?fileName=seance-1.pdf`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${teacher.token}`, 'Content-Type': 'application/pdf' },
      body: new Uint8Array(pdf),
    });
    assert.equal(uploaded.status, 200, await uploaded.text());
    assert.equal((await learner.api('POST', `/api/classrooms/${classroom.id}/join`)).body.status, 'ready');
    const create = fake.calls.find((c) => c.call === 'create' && c.ok)!;
    assert.equal(create.method, 'POST');
    await fake.settled();
    const [presentation] = fake.meeting(meetingID())!.presentations;
    assert.equal(presentation?.filename, 'seance-1.pdf');
    assert.ok(presentation?.url.startsWith(`${t.app.url}/classroom/presentations/`));
    assert.equal(presentation?.supported, true);
    assert.deepEqual(presentation?.download && 'status' in presentation.download ? [presentation.download.status, presentation.download.bytes] : presentation?.download, [200, pdf.length]);
  });

  it('writes the attendance of a burst together, and one bad row does not fail the others', async () => {
    await teacher.api('POST', `/api/classrooms/${classroom.id}/join`);
    const [row] = await liveRows();
    const join = { platformId: teacher.platformId, resourceId: classroom.id, meetingRowId: row!.id, resourceLinkId: null, role: 'viewer' as const };
    const recorder = joinRecorderFor(t.app.ctx.db);
    const results = await Promise.allSettled([recorder.record({ ...join, userId: learner.userId }), recorder.record({ ...join, userId: 'no-such-user' })]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected']);
    const rows = await t.app.ctx.db.selectFrom('classroom_attendance').select(['user_id', 'role']).where('meeting_row_id', '=', row!.id).orderBy('role').execute();
    assert.deepEqual(rows, [{ user_id: teacher.userId, role: 'moderator' }, { user_id: learner.userId, role: 'viewer' }]);
  });

  it('makes learners moderators when the classroom says everyone moderates', async () => {
    await setSettings({ everyoneModerator: true });
    const { body } = await learner.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal(body.role, 'moderator');
    await openJoinUrl(fake, body.joinUrl);
    assert.equal(fake.meeting(meetingID())!.attendees.find((a) => a.userID === 'learner-1')?.role, 'MODERATOR');
  });

  it('makes a learner wait for the moderator, without creating anything, then lets them in', async () => {
    await setSettings({ waitForModerator: true });
    const waiting = await learner.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.deepEqual(waiting.body, { status: 'waiting', role: 'viewer' });
    assert.equal(fake.count('create'), 0);
    assert.deepEqual(await liveRows(), []);
    const before = await learner.api('GET', `/api/classrooms/${classroom.id}/room`);
    assert.equal(before.body.waitingForModerator, true);
    assert.equal(before.body.meetingRunning, false);
    assert.equal((await teacher.api('POST', `/api/classrooms/${classroom.id}/join`)).body.status, 'ready');
    const afterTeacher = await learner.api('GET', `/api/classrooms/${classroom.id}/room`);
    assert.equal(afterTeacher.body.meetingRunning, true);
    assert.equal(afterTeacher.body.waitingForModerator, false);
    const joined = await learner.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal(joined.body.status, 'ready');
    assert.equal(fake.count('create'), 1);
  });

  it('keeps learners out outside the opening hours and says when the next session opens; teachers may open early', async () => {
    await setSettings({ timeZone: 'Europe/Paris', openMinutesBefore: 15, sessions: [{ kind: 'once', id: 'td1', date: parisDate(2), startTime: '10:00', durationMinutes: 90 }] });
    const refused = await learner.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'join-closed');
    const room = await learner.api('GET', `/api/classrooms/${classroom.id}/room`);
    assert.equal(room.body.open, false);
    assert.equal(room.body.scheduled, true);
    assert.equal(room.body.next.sessionId, 'td1');
    assert.equal(new Date(room.body.next.start).getTime() - new Date(room.body.next.opensAt).getTime(), 15 * 60_000);
    assert.ok(refused.body.detail.includes(room.body.next.opensAt), 'the message names the opening time');
    assert.equal(fake.count('create'), 0);
    const early = await teacher.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal(early.body.status, 'ready');
    const teacherRoom = await teacher.api('GET', `/api/classrooms/${classroom.id}/room`);
    assert.equal(teacherRoom.body.upcoming[0].sessionId, 'td1');
    assert.deepEqual(teacherRoom.body.participants, { total: 1, moderators: 1 });
  });

  it('says so when no session is left', async () => {
    await setSettings({ sessions: [{ kind: 'once', id: 'past', date: parisDate(-3), startTime: '10:00', durationMinutes: 60 }] });
    const refused = await learner.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'join-closed-for-good');
  });

  it('creates the meeting again when BBB no longer knows it (checked at most once per meetingCheckSeconds)', async () => {
    await teacher.api('POST', `/api/classrooms/${classroom.id}/join`);
    const [first] = await liveRows();
    fake.meeting(meetingID())!.ended = true; // BBB forgot it and its end callback was lost
    const infoCalls = () => fake.calls.filter((c) => c.call === 'getMeetingInfo').length;
    const joined = await learner.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal(joined.body.status, 'ready');
    assert.equal(infoCalls(), 0, 'a fresh row is trusted');
    assert.equal((await openJoinUrl(fake, joined.body.joinUrl)).valid, false, 'BBB refuses a join into a meeting it ended');
    await t.app.ctx.db.updateTable('classroom_meetings').set({ checked_at: new Date(Date.now() - 60_000) }).where('id', '=', first!.id).execute();
    forgetLiveMeeting(t.app.ctx, classroom.id); // as a second later, or in another process: the row is read again
    const again = await learner.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal(again.body.status, 'ready');
    assert.equal(infoCalls(), 1);
    assert.equal(fake.count('create'), 2);
    const old = await t.app.ctx.db.selectFrom('classroom_meetings').selectAll().where('id', '=', first!.id).executeTakeFirstOrThrow();
    assert.deepEqual([old.state, old.end_reason], ['ended', 'not-found']);
    assert.equal((await openJoinUrl(fake, again.body.joinUrl)).valid, true);
  });

  it('the room poll asks BBB at most once per check period, and ends a meeting BBB forgot', async () => {
    await teacher.api('POST', `/api/classrooms/${classroom.id}/join`);
    const [row] = await liveRows();
    await t.app.ctx.db.updateTable('classroom_meetings').set({ checked_at: new Date(Date.now() - 60_000) }).where('id', '=', row!.id).execute();
    const polls = await Promise.all(Array.from({ length: 10 }, () => learner.api('GET', `/api/classrooms/${classroom.id}/room`)));
    assert.ok(polls.every((p) => p.body.meetingRunning === true));
    assert.equal(fake.calls.filter((c) => c.call === 'getMeetingInfo').length, 1);
    fake.meeting(meetingID())!.ended = true;
    await t.app.ctx.db.updateTable('classroom_meetings').set({ checked_at: new Date(Date.now() - 60_000) }).where('id', '=', row!.id).execute();
    const after = await learner.api('GET', `/api/classrooms/${classroom.id}/room`);
    assert.equal(after.body.meetingRunning, false);
    assert.deepEqual(await liveRows(), []);
  });

  for (const mode of ['html', 'timeout', 'http-500'] as const) {
    it(`answers 502 naming BigBlueButton when it answers ${mode}, leaves no meeting, and works once BBB is back`, async () => {
      fake.setMode(mode);
      const answers = await Promise.all(Array.from({ length: 5 }, () => learner.api('POST', `/api/classrooms/${classroom.id}/join`)));
      for (const a of answers) {
        assert.equal(a.status, 502);
        assert.equal(a.body.code, 'external-service');
        assert.match(a.body.detail, /BigBlueButton/);
      }
      assert.deepEqual(await liveRows(), []);
      // A create that timed out may have reached BBB: its row stays, ended, for that meeting's callbacks.
      const kept = await t.app.ctx.db.selectFrom('classroom_meetings').select(['state', 'end_reason']).where('resource_id', '=', classroom.id).execute();
      assert.deepEqual(kept, mode === 'timeout' ? [{ state: 'ended', end_reason: 'create-failed' }] : []);
      assert.equal(await t.app.ctx.db.selectFrom('classroom_attendance').selectAll().execute().then((r) => r.length), 0);
      fake.setMode('ok');
      const later = await learner.api('POST', `/api/classrooms/${classroom.id}/join`);
      assert.equal(later.body.status, 'ready');
      assert.equal(fake.count('create'), 1);
    });
  }

  it('lets a teacher end the meeting for everyone; learners may not', async () => {
    await teacher.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal((await learner.api('POST', `/api/classrooms/${classroom.id}/end`)).status, 403);
    const ended = await teacher.api('POST', `/api/classrooms/${classroom.id}/end`);
    assert.equal(ended.status, 200, JSON.stringify(ended.body));
    assert.equal(ended.body.meetingRunning, false);
    assert.equal(fake.meeting(meetingID())!.ended, true);
    assert.equal((await teacher.api('POST', `/api/classrooms/${classroom.id}/end`)).body.code, 'join-no-meeting');
  });

  it('says before any click that no server is set: the room tells everyone, a learner’s join is only "not available yet"', async () => {
    assert.equal((await teacher.api('GET', `/api/classrooms/${classroom.id}/room`)).body.serverConfigured, true);
    await removeBbbServer(t.app.ctx, teacher.platformId);
    for (const person of [teacher, learner]) {
      const room = await person.api('GET', `/api/classrooms/${classroom.id}/room`);
      assert.equal(room.status, 200, JSON.stringify(room.body));
      assert.equal(room.body.serverConfigured, false);
      assert.equal(room.body.meetingRunning, false);
      assert.ok(!/url|secret|fingerprint/i.test(Object.keys(room.body).join(' ')), 'nothing about the server but whether it is set');
    }
    const refused = await learner.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.code, 'join-unavailable');
    assert.doesNotMatch(refused.body.detail ?? '', /administrat|server|serveur|BigBlueButton/i);
    assert.equal((await teacher.api('POST', `/api/classrooms/${classroom.id}/join`)).body.code, 'bbb-not-configured');
    assert.equal(fake.count('create'), 0);
  });

  it('refuses: BBB not configured (409), a video (404), an unknown id (404), a body (400), no session (401)', async () => {
    await t.app.ctx.db.deleteFrom('bbb_servers').execute();
    const unconfigured = await teacher.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal(unconfigured.status, 409);
    assert.equal(unconfigured.body.code, 'bbb-not-configured');
    await useFakeBbbFor(t.app.ctx, teacher.platformId, fake);
    const video = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId });
    const notClassroom = await teacher.api('POST', `/api/classrooms/${video.id}/join`);
    assert.equal(notClassroom.status, 404);
    assert.equal(notClassroom.body.code, 'classroom-not-found');
    assert.equal((await teacher.api('GET', `/api/classrooms/${video.id}/room`)).status, 404);
    assert.equal((await teacher.api('POST', `/api/classrooms/nope/join`)).body.code, 'resource-not-found');
    assert.equal((await teacher.api('POST', `/api/classrooms/${classroom.id}/join`, { role: 'MODERATOR' })).status, 400);
    const anonymous = await fetch(`${t.app.url}/api/classrooms/${classroom.id}/join`, { method: 'POST' });
    assert.equal(anonymous.status, 401);
    assert.equal(fake.count('create'), 0);
  });

  it('refuses a launch that does not say who the person is', async () => {
    const nobody = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'someone', roles: [ROLE.learner] }).catch(() => undefined);
    assert.ok(nobody);
    await t.app.ctx.db.updateTable('lti_sessions').set({ user_id: null }).where('id', '=', nobody.sessionId).execute();
    const refused = await nobody.api('POST', `/api/classrooms/${classroom.id}/join`);
    assert.equal(refused.status, 422);
    assert.equal(refused.body.code, 'join-needs-user');
  });

  it('never shows another platform’s classroom (404)', async () => {
    const other = await TestPlatform.start();
    try {
      await t.app.register(other);
      const stranger = await launchPerson(t.app.ctx.db, other, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
      const join = await stranger.api('POST', `/api/classrooms/${classroom.id}/join`);
      assert.equal(join.status, 404);
      assert.equal(join.body.code, 'resource-not-found');
      assert.equal((await stranger.api('GET', `/api/classrooms/${classroom.id}/room`)).status, 404);
      assert.equal(fake.count('create'), 0);
    } finally {
      await other.close();
    }
  });
});
