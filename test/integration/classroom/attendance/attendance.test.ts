import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { SignJWT } from 'jose';
import type { AttendanceResponse } from '../../../../src/classroom/attendance/attendance.view.js';
import { eventually, launchPerson } from '../../../support/factories.js';
import { rubyTime, type FakeAnalyticsAttendee } from '../../../support/fake-bbb/fake-bbb-callbacks.js';
import { startFakeBbb, type FakeBbb } from '../../../support/fake-bbb/index.js';
import { createLrsClient } from '../../../support/lrs-client.js';
import { useRegisteredPlatform } from '../../../support/lti-fixture.js';
import { ROLE, TestPlatform } from '../../../support/test-platform.js';
import { joinAndEnter, setUpClassroom, type ClassroomScene } from '../callbacks/classroom-session.js';

const T0 = Date.parse('2026-11-20T09:00:00.000Z');
const minute = 60_000;

/** An attendee of BBB's analytics body, as bbbevents writes it. */
function attendee(sub: string, name: string, spans: [number, number][], extra: Partial<FakeAnalyticsAttendee> = {}): FakeAnalyticsAttendee {
  return {
    ext_user_id: sub,
    name,
    moderator: false,
    joins: spans.map(([from]) => rubyTime(T0 + from * minute)),
    leaves: spans.map(([, to]) => rubyTime(T0 + to * minute)),
    duration: spans.reduce((s, [from, to]) => s + (to - from) * 60, 0),
    recent_talking_time: '',
    engagement: { chats: 3, talks: 2, raisehand: 1, emojis: 4, poll_votes: 2, talk_time: 95 },
    ...extra,
  };
}

describe('classroom attendance: BBB’s analytics, xAPI statements, the attendance grade, the teacher’s view', () => {
  const t = useRegisteredPlatform({ CLASSROOM_BBB_TIMEOUT_MS: '2000', GRADES_RETRY_BASE_MS: '50' });
  let fake: FakeBbb;
  let scene: ClassroomScene;

  afterEach(async () => {
    await fake.close();
  });

  async function playSession(spans: { learner: [number, number][]; teacher?: [number, number][] }, extra: FakeAnalyticsAttendee[] = [], token?: string) {
    await joinAndEnter(fake, scene.teacher, scene.classroom.id);
    await joinAndEnter(fake, scene.learners[0]!, scene.classroom.id);
    await fake.endMeeting(scene.meetingID);
    const res = await fake.fireAnalytics(scene.meetingID, [
      attendee('teacher-1', 'Marie Curie', spans.teacher ?? [[0, 90]], { moderator: true }),
      attendee('learner-1', 'Ada Lovelace', spans.learner),
      ...extra,
    ], token ? { token } : {});
    assert.equal(res.status, 200, await res.clone().text());
    const answer = await res.json();
    assert.equal(answer.status, 'ok');
    return answer;
  }
  const attendance = (person = scene.teacher, query = '') => person.api<AttendanceResponse & { code?: string }>('GET', `/api/classrooms/${scene.classroom.id}/attendance${query}`);

  describe('a graded classroom, rule "present"', () => {
    beforeEach(async () => {
      fake = await startFakeBbb();
      scene = await setUpClassroom(t, fake, { gradable: true, scoreMaximum: 20, settings: { attendanceRule: { kind: 'present' } } });
    });

    it('stores each person’s metrics, counts guests without storing them, and shows it all to the teacher', async () => {
      const answer = await playSession({ learner: [[5, 35], [40, 70]] }, [attendee('w_guest42', 'Visiteur', [[0, 10]])]);
      assert.deepEqual(answer, { status: 'ok', attendees: 2, guests: 1 });

      const rows = await t.app.ctx.db.selectFrom('classroom_attendance').selectAll().where('resource_id', '=', scene.classroom.id).execute();
      assert.equal(rows.length, 2, 'the guest is not stored');
      const ada = rows.find((r) => r.user_id === scene.learners[0]!.userId)!;
      assert.deepEqual(
        [ada.role, ada.first_joined_at.toISOString(), ada.left_at!.toISOString(), ada.join_count, ada.duration_seconds, ada.talk_time_seconds, ada.chats, ada.raised_hands, ada.poll_votes, ada.emojis],
        ['viewer', new Date(T0 + 5 * minute).toISOString(), new Date(T0 + 70 * minute).toISOString(), 2, 3600, 95, 3, 1, 2, 4],
      );
      assert.equal(ada.resource_link_id, scene.learners[0]!.resourceLinkId, 'the activity of the join stays');

      const { status, body } = await attendance();
      assert.equal(status, 200, JSON.stringify(body));
      assert.deepEqual(body.rule, { kind: 'present' });
      assert.equal(body.sessions.length, 1);
      const [session] = body.sessions;
      assert.equal(session!.state, 'ended');
      assert.ok(session!.reportedAt);
      assert.deepEqual(
        session!.attendees.map((a) => [a.name, a.role, a.durationSeconds, a.talkTimeSeconds, a.chats, a.raisedHands, a.pollVotes]),
        [
          ['Ada Lovelace', 'viewer', 3600, 95, 3, 1, 2],
          ['Marie Curie', 'moderator', 5400, 95, 3, 1, 2],
        ],
      );
      const learner = body.people.find((p) => p.name === 'Ada Lovelace')!;
      assert.deepEqual([learner.minutes, learner.sessionsAttended, learner.score, learner.moderatorOnly], [60, 1, 20, false]);
      assert.equal(body.people.find((p) => p.name === 'Marie Curie')!.score, null, 'teachers get no grade');
    });

    it('sends full marks to the learner’s gradebook column once, and nothing to the teacher', async () => {
      await playSession({ learner: [[0, 5]] });
      await eventually('the attendance grade', () => t.platform.receivedScores.length === 1);
      const [score] = t.platform.receivedScores;
      assert.equal(score!.userId, 'learner-1');
      assert.deepEqual([score!.body.scoreGiven, score!.body.scoreMaximum, score!.body.gradingProgress], [20, 20, 'FullyGraded']);
      const sent = await t.app.ctx.db.selectFrom('grade_scores').select(['resource_link_id', 'score_given']).execute();
      assert.deepEqual(sent, [{ resource_link_id: scene.learners[0]!.resourceLinkId, score_given: 20 }]);

      // A second session: the grade does not rise, nothing more is sent.
      await playSession({ learner: [[0, 50]] });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal((await t.app.ctx.db.selectFrom('grade_scores').select('id').execute()).length, 1);
      assert.equal((await attendance()).body.people.find((p) => p.name === 'Ada Lovelace')!.scoreSent, 20);
    });

    it('records the session and each person’s joins and leaves as xAPI virtual-classroom statements, once', async () => {
      await playSession({ learner: [[5, 35], [40, 70]] });
      const lrs = await createLrsClient(t.app, scene.teacher.platformId, ['statements/read']);
      const read = async () =>
        ((await lrs.request('GET', '/statements', { params: { activity: `${t.app.url}/xapi/activities/resources/${scene.classroom.id}`, ascending: 'true', limit: '100' } })).json.statements as any[]).filter(
          (s) => s.verb.id !== 'http://adlnet.gov/expapi/verbs/launched',
        );
      const statements = await read();
      const row = await scene.row();
      const of = (sub: string) =>
        statements
          .filter((s) => s.actor.account?.name === sub)
          .map((s) => [s.verb.id, s.timestamp] as [string, string])
          .sort((a, b) => a[1].localeCompare(b[1]));
      const at = (m: number) => new Date(T0 + m * minute).toISOString();
      assert.deepEqual(of('learner-1'), [
        ['http://activitystrea.ms/join', at(5)],
        ['http://activitystrea.ms/leave', at(35)],
        ['http://activitystrea.ms/join', at(40)],
        ['http://activitystrea.ms/leave', at(70)],
      ]);
      const teacherVerbs = of('teacher-1').map(([verb]) => verb);
      assert.ok(teacherVerbs.includes('http://adlnet.gov/expapi/verbs/initialized'), teacherVerbs.join());
      assert.ok(teacherVerbs.includes('http://adlnet.gov/expapi/verbs/terminated'), teacherVerbs.join());
      for (const s of statements) {
        assert.equal(s.object.definition.type, 'https://w3id.org/xapi/virtual-classroom/activity-types/virtual-classroom');
        assert.equal(s.context.registration, row.id);
        assert.equal(s.context.extensions['https://w3id.org/xapi/cmi5/context/extensions/sessionid'], row.id);
        assert.deepEqual(s.context.contextActivities.category.map((c: { id: string }) => c.id), ['https://w3id.org/xapi/virtual-classroom']);
        assert.equal(s.context.contextActivities.parent[0].definition.type, 'http://adlnet.gov/expapi/activities/course');
      }
      const terminated = statements.find((s) => s.verb.id === 'http://adlnet.gov/expapi/verbs/terminated');
      assert.match(terminated.result.duration, /^PT/);

      // BBB reprocesses the meeting and calls again with a new token: nothing is stored twice.
      const token = await new SignJWT({ exp: Math.floor(Date.now() / 1000) + 7200 }).setProtectedHeader({ alg: 'HS512' }).sign(new TextEncoder().encode(fake.secret));
      const again = await fake.fireAnalytics(scene.meetingID, [attendee('teacher-1', 'Marie Curie', [[0, 90]], { moderator: true }), attendee('learner-1', 'Ada Lovelace', [[5, 35], [40, 70]])], { token });
      assert.deepEqual(await again.json(), { status: 'ok', attendees: 2, guests: 0 });
      assert.equal((await read()).length, statements.length);
    });

    it('shows the attendance to teachers only: learners 403, another platform 404, CSV on request', async () => {
      await playSession({ learner: [[0, 30]] });
      const refused = await attendance(scene.learners[0]!);
      assert.equal(refused.status, 403);

      const csv = await fetch(`${t.app.url}/api/classrooms/${scene.classroom.id}/attendance?format=csv`, { headers: { authorization: `Bearer ${scene.teacher.token}` } });
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
      const lines = (await csv.text()).trim().split('\r\n');
      assert.equal(lines[0], 'session_started_at,session_title,name,role,joined_at,left_at,duration_seconds,talk_time_seconds,chats,raised_hands,poll_votes,emojis');
      assert.equal(lines.length, 3);
      assert.ok(lines.some((l) => l.includes(',Ada Lovelace,viewer,') && l.includes(',1800,95,3,1,2,4')));

      const other = await TestPlatform.start();
      try {
        await t.app.register(other);
        const stranger = await launchPerson(t.app.ctx.db, other, t.app.url, { sub: 'teacher-9', roles: [ROLE.instructor] });
        const hidden = await attendance(stranger);
        assert.equal(hidden.status, 404);
      } finally {
        await other.close();
      }
      const notClassroom = await scene.teacher.api('GET', `/api/classrooms/${scene.learners[0]!.userId}/attendance`);
      assert.equal(notClassroom.status, 404);
    });

    it('shows an empty attendance before BBB reported anything', async () => {
      const { status, body } = await attendance();
      assert.equal(status, 200);
      assert.deepEqual([body.sessions, body.people], [[], []]);
    });
  });

  describe('a graded classroom, rule "minutes"', () => {
    beforeEach(async () => {
      fake = await startFakeBbb();
      scene = await setUpClassroom(t, fake, { gradable: true, scoreMaximum: 20, settings: { attendanceRule: { kind: 'minutes', minutes: 60 } } });
    });

    it('grades the minutes attended over all sessions, in proportion, and only when the grade rises', async () => {
      // BBB's analytics JWT holds only {exp}: two meetings ending in the same second share it, and both count.
      const token = await new SignJWT({ exp: Math.floor(Date.now() / 1000) + 3600 }).setProtectedHeader({ alg: 'HS512', typ: 'JWT' }).sign(new TextEncoder().encode(fake.secret));
      await playSession({ learner: [[0, 30]] }, [], token);
      await eventually('the first grade', () => t.platform.receivedScores.length === 1);
      assert.deepEqual([t.platform.receivedScores[0]!.body.scoreGiven, t.platform.receivedScores[0]!.body.activityProgress], [10, 'InProgress']);

      await playSession({ learner: [[0, 45]] }, [], token);
      await eventually('the second grade', () => t.platform.receivedScores.length === 2);
      assert.deepEqual([t.platform.receivedScores[1]!.body.scoreGiven, t.platform.receivedScores[1]!.body.activityProgress], [20, 'Completed']);
      const { body } = await attendance();
      assert.equal(body.sessions.length, 2);
      const ada = body.people.find((p) => p.name === 'Ada Lovelace')!;
      assert.deepEqual([ada.minutes, ada.sessionsAttended, ada.score, ada.scoreSent], [75, 2, 20, 20]);
    });

    it('sends nothing for a learner BBB reports with no time', async () => {
      await playSession({ learner: [] });
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(t.platform.receivedScores.length, 0);
    });
  });

  describe('a classroom without grade', () => {
    beforeEach(async () => {
      fake = await startFakeBbb();
      scene = await setUpClassroom(t, fake);
    });

    it('records attendance but sends no grade; an expired token changes nothing', async () => {
      await joinAndEnter(fake, scene.teacher, scene.classroom.id);
      await fake.endMeeting(scene.meetingID);
      const expired = await fake.fireAnalytics(scene.meetingID, undefined, { expiresInSeconds: -600 });
      assert.equal(expired.status, 401);
      assert.equal((await attendance()).body.sessions[0]!.reportedAt, null);
      const token = await new SignJWT({ exp: Math.floor(Date.now() / 1000) + 60 }).setProtectedHeader({ alg: 'HS512' }).sign(new TextEncoder().encode(fake.secret));
      assert.equal((await fake.fireAnalytics(scene.meetingID, undefined, { token })).status, 200);
      assert.ok((await attendance()).body.sessions[0]!.reportedAt);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(t.platform.receivedScores.length, 0);
    });
  });
});
