import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import { callbackMeta } from '../../../../src/classroom/callbacks/callback-urls.js';
import { startFakeBbb, type FakeBbb } from '../../../support/fake-bbb/index.js';
import { useRegisteredPlatform } from '../../../support/lti-fixture.js';
import { TestPlatform } from '../../../support/test-platform.js';
import { launchPerson } from '../../../support/factories.js';
import { ROLE } from '../../../support/test-platform.js';
import { createClassroom } from '../meetings/classroom-support.js';
import { joinAndEnter, problemOf, setUpClassroom, type ClassroomScene } from './classroom-session.js';

/** BBB's three callbacks against Amphi, sent by the strict fake BBB with its real JWTs, and every refusal. */
describe('BigBlueButton callbacks', () => {
  const t = useRegisteredPlatform({ CLASSROOM_BBB_TIMEOUT_MS: '2000' });
  let fake: FakeBbb;
  let scene: ClassroomScene;

  beforeEach(async () => {
    fake = await startFakeBbb();
    scene = await setUpClassroom(t, fake);
    await joinAndEnter(fake, scene.teacher, scene.classroom.id);
    await joinAndEnter(fake, scene.learners[0]!, scene.classroom.id);
  });
  afterEach(async () => {
    await fake.close();
  });

  const recordings = () => t.app.ctx.db.selectFrom('classroom_recordings').selectAll().where('resource_id', '=', scene.classroom.id).execute();
  const tokens = () => t.app.ctx.db.selectFrom('classroom_callback_tokens').selectAll().execute();

  describe('meeting ended', () => {
    it('ends the meeting row when BBB calls meta_endCallbackUrl, once', async () => {
      const res = await fake.endMeeting(scene.meetingID);
      assert.ok(res);
      assert.equal(res.status, 200, await res.clone().text());
      assert.deepEqual(await res.json(), { status: 'ok' });
      const row = await scene.row();
      assert.deepEqual([row.state, row.end_reason], ['ended', 'callback']);
      assert.ok(row.ended_at);

      const again = await fetch(fake.meeting(scene.meetingID)!.params.meta_endCallbackUrl + `?meetingID=${scene.meetingID}&recordingmarks=false`);
      assert.equal(again.status, 200);
      assert.deepEqual(await again.json(), { status: 'already-processed' });
      assert.equal((await scene.row()).ended_at!.getTime(), row.ended_at!.getTime(), 'the first end time stays');
    });

    it('refuses a forged or altered URL token with a 404 and changes nothing', async () => {
      const url = fake.meeting(scene.meetingID)!.params.meta_endCallbackUrl!;
      const row = await scene.row();
      const forged = [
        url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
        `${t.app.url}/classroom/callbacks/end/${row.id}.${'x'.repeat(43)}`,
        `${t.app.url}/classroom/callbacks/end/not-a-token`,
        // A valid token of another kind is not an end token.
        callbackMeta(t.app.ctx, row)['analytics-callback-url']!.replace('/analytics/', '/end/'),
      ];
      for (const target of forged) {
        const res = await fetch(`${target}?meetingID=${scene.meetingID}`);
        const problem = await problemOf(res);
        assert.equal(problem.status, 404, target);
        assert.equal(problem.type, 'application/problem+json; charset=utf-8');
      }
      assert.equal((await scene.row()).state, 'running');
    });

    it('changes nothing when the URL is called while BBB says the meeting still runs (the URL is in its metadata)', async () => {
      const url = fake.meeting(scene.meetingID)!.params.meta_endCallbackUrl!;
      const res = await fetch(`${url}?meetingID=${scene.meetingID}&recordingmarks=false`);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { status: 'ok', ignored: 'meeting-running' });
      assert.equal((await scene.row()).state, 'running');
    });

    it('refuses an end callback naming another meeting', async () => {
      const url = fake.meeting(scene.meetingID)!.params.meta_endCallbackUrl!;
      const problem = await problemOf(await fetch(`${url}?meetingID=amphi-someone-else&recordingmarks=false`));
      assert.deepEqual([problem.status, problem.code], [400, 'callback-meeting-mismatch']);
      assert.equal((await scene.row()).state, 'running');
    });
  });

  describe('recording ready', () => {
    let recordID: string;
    beforeEach(async () => {
      await fake.endMeeting(scene.meetingID);
      recordID = fake.addRecording({ meetingID: scene.meetingID, formats: ['presentation'] });
    });

    for (const [which, method] of [['bbb', 'POST'], ['bbb', 'GET'], ['bn', 'POST']] as const) {
      it(`records the recording (meta_${which}-recording-ready-url, ${method})`, async () => {
        const res = await fake.fireRecordingReady(recordID, { which, method });
        assert.equal(res.status, 200, await res.clone().text());
        assert.deepEqual(await res.json(), { status: 'ok', recordId: recordID });
        const rows = await recordings();
        assert.deepEqual(rows.map((r) => [r.platform_id, r.record_id, r.meeting_row_id]), [[scene.teacher.platformId, recordID, (await scene.row()).id]]);
      });
    }

    it('answers a replayed token "already-processed" without a second effect; a new token for the same recording adds nothing', async () => {
      const url = fake.recording(recordID)!.metadata['bbb-recording-ready-url']!;
      const jwt = await new SignJWT({ meeting_id: scene.meetingID, record_id: recordID }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(fake.secret));
      const post = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `signed_parameters=${jwt}` });
      assert.deepEqual(await (await post()).json(), { status: 'ok', recordId: recordID });
      const replay = await post();
      assert.equal(replay.status, 200);
      assert.deepEqual(await replay.json(), { status: 'already-processed' });
      assert.equal((await fake.fireRecordingReady(recordID)).status, 200);
      assert.equal((await recordings()).length, 1);
    });

    it('refuses a token signed with another secret (401), a missing one (401), an unsigned one (401)', async () => {
      const wrong = await problemOf(await fake.fireRecordingReady(recordID, { secret: 'not-the-secret-of-this-server-0123' }));
      assert.deepEqual([wrong.status, wrong.code], [401, 'callback-jwt-invalid']);
      assert.match(wrong.detail, /signature/);
      const url = fake.recording(recordID)!.metadata['bbb-recording-ready-url']!;
      const missing = await problemOf(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'x=1' }));
      assert.deepEqual([missing.status, missing.code], [401, 'callback-jwt-missing']);
      const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ meeting_id: scene.meetingID, record_id: recordID })).toString('base64url')}.`;
      const none = await problemOf(await fetch(`${url}?signed_parameters=${unsigned}`));
      assert.deepEqual([none.status, none.code], [401, 'callback-jwt-invalid']);
      const garbage = await problemOf(await fetch(`${url}?signed_parameters=garbage`));
      assert.deepEqual([garbage.status, garbage.code], [401, 'callback-jwt-invalid']);
      assert.equal((await recordings()).length, 0);
      assert.equal((await tokens()).length, 0, 'a refused token is not remembered');
    });

    it('refuses a correctly signed token about another meeting or another recording', async () => {
      for (const payload of [{ meeting_id: 'amphi-other', record_id: recordID }, { meeting_id: scene.meetingID, record_id: 'another-internal-id-1700000000000' }]) {
        const problem = await problemOf(await fake.fireRecordingReady(recordID, { payload }));
        assert.deepEqual([problem.status, problem.code], [400, 'callback-meeting-mismatch'], JSON.stringify(payload));
      }
      const incomplete = await problemOf(await fake.fireRecordingReady(recordID, { payload: { meeting_id: scene.meetingID } }));
      assert.deepEqual([incomplete.status, incomplete.code], [400, 'callback-body-invalid']);
      assert.equal((await recordings()).length, 0);
    });
  });

  describe('learning analytics', () => {
    beforeEach(async () => {
      await fake.endMeeting(scene.meetingID);
    });

    it('accepts the report signed HS512 with exp, once; a replay is "already-processed"', async () => {
      const token = await new SignJWT({ exp: Math.floor(Date.now() / 1000) + 3600 }).setProtectedHeader({ alg: 'HS512', typ: 'JWT' }).sign(new TextEncoder().encode(fake.secret));
      const first = await fake.fireAnalytics(scene.meetingID, undefined, { token });
      assert.equal(first.status, 200, await first.clone().text());
      assert.deepEqual(await first.json(), { status: 'ok', attendees: 2, guests: 0 });
      const reported = await t.app.ctx.db.selectFrom('classroom_attendance').select(['user_id', 'reported_at']).where('resource_id', '=', scene.classroom.id).execute();
      assert.equal(reported.length, 2);
      assert.ok(reported.every((r) => r.reported_at));
      const stamp = reported.map((r) => r.reported_at!.getTime());

      const replay = await fake.fireAnalytics(scene.meetingID, undefined, { token });
      assert.equal(replay.status, 200);
      assert.deepEqual(await replay.json(), { status: 'already-processed' });
      const after = await t.app.ctx.db.selectFrom('classroom_attendance').select(['reported_at']).where('resource_id', '=', scene.classroom.id).execute();
      assert.deepEqual(after.map((r) => r.reported_at!.getTime()), stamp);
    });

    it('refuses a wrong secret, an expired token, a token without exp, an HS256 token and no token, with 401s', async () => {
      const key = new TextEncoder().encode(fake.secret);
      const cases: [string | undefined, object, string, RegExp?][] = [
        [undefined, { secret: 'another-secret-another-secret-0123' }, 'callback-jwt-invalid', /signature/],
        [undefined, { expiresInSeconds: -3600 }, 'callback-jwt-expired', /expired/],
        [await new SignJWT({}).setProtectedHeader({ alg: 'HS512' }).sign(key), {}, 'callback-jwt-invalid', /exp/],
        [await new SignJWT({ exp: Math.floor(Date.now() / 1000) + 60 }).setProtectedHeader({ alg: 'HS256' }).sign(key), {}, 'callback-jwt-invalid', /algorithm/],
      ];
      for (const [token, opts, code, detail] of cases) {
        const problem = await problemOf(await fake.fireAnalytics(scene.meetingID, undefined, { ...opts, ...(token ? { token } : {}) }));
        assert.deepEqual([problem.status, problem.code], [401, code], JSON.stringify(opts));
        if (detail) assert.match(problem.detail, detail);
      }
      const url = fake.meeting(scene.meetingID)!.metadata['analytics-callback-url']!;
      const none = await problemOf(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
      assert.deepEqual([none.status, none.code], [401, 'callback-jwt-missing']);
      const rows = await t.app.ctx.db.selectFrom('classroom_attendance').select('reported_at').where('resource_id', '=', scene.classroom.id).execute();
      assert.ok(rows.every((r) => r.reported_at === null), 'nothing reported');
    });

    it('refuses garbage with a 400: not JSON, missing fields, bad dates, another meeting', async () => {
      const url = fake.meeting(scene.meetingID)!.metadata['analytics-callback-url']!;
      const token = await new SignJWT({ exp: Math.floor(Date.now() / 1000) + 3600 }).setProtectedHeader({ alg: 'HS512' }).sign(new TextEncoder().encode(fake.secret));
      const notJson = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{"meeting_id": ' });
      assert.equal(notJson.status, 400);
      const m = fake.meeting(scene.meetingID)!;
      const bodies: [unknown, string, RegExp][] = [
        [{ meeting_id: scene.meetingID }, 'callback-body-invalid', /internal_meeting_id/],
        [{ meeting_id: scene.meetingID, internal_meeting_id: m.internalMeetingID, data: { attendees: 'all' } }, 'callback-body-invalid', /attendees/],
        [{ meeting_id: scene.meetingID, internal_meeting_id: m.internalMeetingID, data: { attendees: [{ ext_user_id: 'learner-1', joins: ['yesterday'] }] } }, 'callback-body-invalid', /not a date/],
        [{ meeting_id: 'amphi-other', internal_meeting_id: m.internalMeetingID, data: { attendees: [] } }, 'callback-meeting-mismatch', /amphi-other/],
        [{ meeting_id: scene.meetingID, internal_meeting_id: 'other-internal-1', data: { attendees: [] } }, 'callback-meeting-mismatch', /./],
      ];
      for (const [body, code, detail] of bodies) {
        const problem = await problemOf(await fake.fireAnalytics(scene.meetingID, undefined, { body }));
        assert.deepEqual([problem.status, problem.code], [400, code], JSON.stringify(body));
        assert.match(problem.detail, detail);
      }
      assert.equal((await tokens()).length, 0, 'a refused report does not spend its token');
    });
  });

  it('never lets a callback of another platform’s meeting touch this one', async () => {
    // Another platform, its own BBB (same software, another secret), its own classroom and meeting.
    const other = await TestPlatform.start();
    const otherFake = await startFakeBbb({ secret: 'the-other-universitys-secret-0123456789' });
    try {
      await t.app.register(other);
      const otherTeacher = await launchPerson(t.app.ctx.db, other, t.app.url, { sub: 'teacher-1', name: 'Autre', roles: [ROLE.instructor] });
      const otherRoom = await createClassroom(t.app.ctx.db, { platform_id: otherTeacher.platformId, context_id: otherTeacher.contextId, created_by: otherTeacher.userId });
      const { useFakeBbbFor } = await import('../../../support/bbb-fixture.js');
      await useFakeBbbFor(t.app.ctx, otherTeacher.platformId, otherFake);
      await joinAndEnter(otherFake, otherTeacher, otherRoom.id);
      const otherMeeting = `amphi-${otherRoom.id}`;

      // Their end URL ends their meeting only; signed with their secret, a report to our URL is refused.
      await otherFake.endMeeting(otherMeeting);
      assert.equal((await scene.row()).state, 'running');
      const ourUrl = fake.meeting(scene.meetingID)!.metadata['analytics-callback-url']!;
      const theirToken = await new SignJWT({ exp: Math.floor(Date.now() / 1000) + 60 }).setProtectedHeader({ alg: 'HS512' }).sign(new TextEncoder().encode(otherFake.secret));
      const crossed = await problemOf(await fake.fireAnalytics(scene.meetingID, undefined, { token: theirToken }));
      assert.deepEqual([crossed.status, crossed.code], [401, 'callback-jwt-invalid']);
      assert.ok(ourUrl);
      // Our BBB's correctly signed report of their meeting, sent to our URL: refused too.
      const m = otherFake.meeting(otherMeeting)!;
      const mismatch = await problemOf(await fake.fireAnalytics(scene.meetingID, undefined, { body: { meeting_id: m.meetingID, internal_meeting_id: m.internalMeetingID, data: { attendees: [] } } }));
      assert.deepEqual([mismatch.status, mismatch.code], [400, 'callback-meeting-mismatch']);
      const ours = await t.app.ctx.db.selectFrom('classroom_attendance').select('reported_at').where('resource_id', '=', scene.classroom.id).execute();
      assert.ok(ours.every((r) => r.reported_at === null));
    } finally {
      await otherFake.close();
      await other.close();
    }
  });
});
