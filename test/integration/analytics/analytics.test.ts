import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ADMIN_COMMANDS } from '../../../src/admin/admin-commands.js';
import { rebuildAnalytics, refreshAnalytics } from '../../../src/analytics/analytics.service.js';
import { warmReadViews } from '../../../src/analytics/view-warming.js';
import type { AppError } from '../../../src/http/errors.js';
import type { ClassroomAnalyticsResponse, CohortResponse, CourseOverviewResponse, LearnerAnalyticsResponse, RiskResponse, VideoAnalyticsResponse } from '../../../src/analytics/analytics.view.js';
import type { ResourceRow } from '../../../src/content/resource.table.js';
import type { Db } from '../../../src/db/database.js';
import { recordStatements } from '../../../src/lrs/lrs.service.js';
import { REUSE_MS } from '../../../src/lrs/statements/consistent-through.js';
import { courseActivityId, resourceActivityId } from '../../../src/lrs/traces/launch-trace.service.js';
import type { Statement } from '../../../src/lrs/xapi/xapi.types.js';
import { createResource, launchPerson, type LaunchedPerson } from '../../support/factories.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { ROLE } from '../../support/test-platform.js';

const BBB = 'https://bbb.example.edu';
const VIDEO_TYPE = 'https://w3id.org/xapi/video/activity-type/video';
const VERB = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  viewed: 'http://id.tincanapi.com/verb/viewed',
  join: 'http://activitystrea.ms/join',
  posted: 'https://w3id.org/xapi/acrossx/verbs/posted',
  voided: 'http://adlnet.gov/expapi/verbs/voided',
};

/** Rollups from the three sources (Amphi, Moodle's logstore_xapi, BigBlueButton's webhooks), and the dashboards' API over them. */
describe('learning analytics', () => {
  const t = useRegisteredPlatform();
  let teacher: LaunchedPerson;
  let learners: LaunchedPerson[];
  let video: ResourceRow;
  let classroom: ResourceRow;
  let meetingId: string;
  const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString();

  beforeEach(async () => {
    const db = t.app.ctx.db;
    t.platform.setMembers('42', [
      { user_id: 'teacher-1', roles: [ROLE.instructor], name: 'Claire Martin' },
      { user_id: 'learner-1', roles: [ROLE.learner], name: 'Inès Dupont', email: 'ines@example.edu' },
      { user_id: 'learner-2', roles: [ROLE.learner], name: 'Hugo Petit' },
      { user_id: 'learner-3', roles: [ROLE.learner], name: 'Léa Bernard' },
      { user_id: 'learner-never', roles: [ROLE.learner], name: 'Noé Jamais' },
    ]);
    teacher = await launchPerson(db, t.platform, t.app.url, { sub: 'teacher-1', name: 'Claire Martin', roles: [ROLE.instructor] });
    video = await createResource(db, { platform_id: teacher.platformId, context_id: teacher.contextId, title: 'Les lois de probabilité' });
    classroom = await createResource(db, { platform_id: teacher.platformId, context_id: teacher.contextId, kind: 'classroom', title: 'TD du mardi', gradable: false });
    learners = [];
    for (const [sub, name] of [['learner-1', 'Inès Dupont'], ['learner-2', 'Hugo Petit'], ['learner-3', 'Léa Bernard']] as const) {
      learners.push(await launchPerson(db, t.platform, t.app.url, { sub, name, roles: [ROLE.learner], ...(sub === 'learner-1' ? { email: 'ines@example.edu' } : {}) }));
    }
    meetingId = await insertMeeting(db, teacher, classroom.id);
  });

  const account = (sub: string, homePage = t.platform.issuer) => ({ objectType: 'Agent' as const, account: { homePage, name: sub } });
  const course = () => ({ contextActivities: { parent: [{ objectType: 'Activity' as const, id: courseActivityId(t.app.url, teacher.contextId) }] } });
  const amphiVideo = (sub: string, verb: string, at: string): Statement => ({
    id: crypto.randomUUID(), actor: account(sub), verb: { id: verb }, timestamp: at, context: course(),
    object: { objectType: 'Activity', id: resourceActivityId(t.app.url, video.id), definition: { type: VIDEO_TYPE } },
  });
  const moodle = (actor: Statement['actor'], at: string, cmid = 7): Statement => ({
    id: crypto.randomUUID(), actor, verb: { id: VERB.viewed }, timestamp: at,
    object: { objectType: 'Activity', id: `${t.platform.issuer}/mod/quiz/view.php?id=${cmid}`, definition: { type: 'http://adlnet.gov/expapi/activities/assessment', name: { fr: 'Quiz 1' } } },
    context: { platform: 'Moodle', contextActivities: { parent: [{ objectType: 'Activity', id: `${t.platform.issuer}/course/view.php?id=42` }] } },
  });
  const bbb = (sub: string, verb: string, at: string): Statement => ({
    id: crypto.randomUUID(), actor: account(sub, BBB), verb: { id: verb }, timestamp: at,
    object: { objectType: 'Activity', id: `${BBB}/xapi/activities/${crypto.randomUUID()}`, definition: { type: 'https://w3id.org/xapi/virtual-classroom/activity-types/virtual-classroom' } },
    context: { registration: meetingId },
  });
  const voiding = (target: Statement): Statement => ({
    id: crypto.randomUUID(), actor: account('teacher-1'), verb: { id: VERB.voided }, object: { objectType: 'StatementRef', id: target.id! },
  });
  const store = (statements: Statement[]) => recordStatements(t.app.ctx, teacher.platformId, statements);
  // Consistent-through is strict (stored < it), and on PostgreSQL one answer serves 100 ms (REUSE_MS):
  // what was just stored waits that long before a refresh may read it.
  const refresh = async () => {
    await new Promise((r) => setTimeout(r, REUSE_MS + 20));
    return refreshAnalytics(t.app.ctx, teacher.platformId, { settleMs: 0 });
  };

  async function rollups(db: Db) {
    const daily = await db.selectFrom('analytics_daily').select(['context_id', sql<string>`day::text`.as('day'), 'learner', 'object_id', 'action', 'count']).execute().then(sorted);
    const days = await db.selectFrom('analytics_learner_days').select(['context_id', sql<string>`day::text`.as('day'), 'learner', 'count']).execute().then(sorted);
    const totals = await db.selectFrom('analytics_learners').select(['context_id', 'learner', 'count', sql<string>`first_day::text`.as('first'), sql<string>`last_day::text`.as('last')]).execute().then(sorted);
    return { daily, days, totals };
  }

  it('counts the three sources incrementally, takes voided statements back out, and a full rebuild gives the same rollups', async () => {
    const counted = amphiVideo('learner-2', VERB.completed, day(3));
    await store([amphiVideo('learner-1', VERB.initialized, day(3)), amphiVideo('learner-1', VERB.completed, day(3)), counted, moodle(account('learner-3'), day(2))]);
    assert.ok((await refresh()).statements >= 4);

    const stillborn = moodle(account('learner-2'), day(1), 8);
    await store([bbb('learner-2', VERB.join, day(1)), bbb('learner-2', VERB.posted, day(1)), moodle({ objectType: 'Agent', mbox: 'mailto:INES@example.edu' }, day(1)), stillborn]);
    await store([voiding(stillborn)]);
    await refresh();
    await store([voiding(counted), moodle(account('learner-1', 'https://elsewhere.example'), day(1))]);
    const last = await refresh();
    assert.equal(last.takenBack, 1, 'the completion counted by the first refresh is taken back');

    const incremental = await rollups(t.app.ctx.db);
    const daily = (learner: string, object: string) => incremental.daily.filter((r) => r.learner === learner && r.object_id === object).map((r) => `${r.action}×${r.count}`).sort();
    assert.deepEqual(daily('sub:learner-1', video.id), ['completed×1', 'viewed×1'], 'a player session (initialized) is a view');
    assert.deepEqual(daily('sub:learner-2', video.id), [], 'the voided completion left nothing');
    assert.deepEqual(daily('sub:learner-2', classroom.id), ['joined×1', 'posted×1'], 'BigBlueButton’s statements land on the classroom of their session, under the learner’s sub');
    assert.deepEqual(daily('mbox:mailto:ines@example.edu', `${t.platform.issuer}/mod/quiz/view.php?id=7`), ['viewed×1']);
    assert.deepEqual(daily('sub:learner-2', `${t.platform.issuer}/mod/quiz/view.php?id=8`), [], 'a statement voided before any refresh is never counted');
    assert.deepEqual(daily('account:https://elsewhere.example|learner-1', `${t.platform.issuer}/mod/quiz/view.php?id=7`), ['viewed×1'], 'an account on another site is not the platform’s learner-1');
    assert.deepEqual(daily('sub:learner-1', `${t.platform.issuer}/mod/quiz/view.php?id=7`), []);

    const rebuilt = await rebuildAnalytics(t.app.ctx, teacher.platformId, { settleMs: 0 });
    assert.equal(rebuilt.lastSeq, last.lastSeq, 'the rebuild read the same statements');
    assert.deepEqual(await rollups(t.app.ctx.db), incremental);
    const room = (await teacher.api<ClassroomAnalyticsResponse>('GET', `/api/analytics/resources/${classroom.id}`)).body;
    assert.deepEqual(room.sessions.map((x) => [x.present, x.absent]), [[0, 4]], 'nobody joined through Amphi: the four roster learners are absent');
    assert.deepEqual(room.learners.map((l) => [l.learner.id, l.chats]), [['learner-2', 1]], 'the webhooks’ chat message counts for its learner');

    // What `amphi analytics rebuild` runs: every platform, or one that exists.
    const rebuild = ADMIN_COMMANDS['analytics-rebuild'];
    await assert.rejects(rebuild.run(t.app.ctx, { platformId: 'no-such-platform' }), (err: AppError) => err.code === 'unknown-platform-id');
    const [outcome] = (await rebuild.run(t.app.ctx, { platformId: teacher.platformId })) as { platformId: string; seconds: number }[];
    assert.equal(outcome!.platformId, teacher.platformId);
    assert.ok(outcome!.seconds >= 0);
  });

  it('serves the teacher’s views: one learner across sources, never-active roster members, a video’s numbers, the cohort and the risk reasons', async () => {
    await store([amphiVideo('learner-1', VERB.initialized, day(0)), moodle({ objectType: 'Agent', mbox: 'mailto:ines@example.edu' }, day(0)), moodle(account('learner-2'), day(20))]);
    await refresh();
    const overview = (await teacher.api<CourseOverviewResponse>('GET', '/api/analytics/course')).body;
    const ines = overview.learners.find((l) => l.learner.id === 'learner-1');
    assert.ok(ines, JSON.stringify(overview.learners));
    assert.equal(ines.learner.name, 'Inès Dupont');
    assert.ok(ines.resourcesOpened >= 2, 'the video and Moodle’s quiz, the quiz named by email');
    assert.ok(!overview.learners.some((l) => l.learner.id.startsWith('mbox:')), 'the email actor is the roster’s learner');
    assert.ok(!overview.learners.some((l) => l.learner.id === 'teacher-1'), 'the teacher is no learner');
    assert.deepEqual(overview.neverActive.map((l) => l.id).sort(), ['learner-3', 'learner-never'], 'in the roster, no trace at all (learner-3 launched only a course page)');
    assert.equal(overview.activeLearnersPerDay.length, 30);
    assert.ok(overview.resources.some((r) => r.kind === 'external' && r.title === 'Quiz 1'));
    assert.ok(overview.neverOpenedResourceIds.includes(classroom.id));

    const stats = (await teacher.api<VideoAnalyticsResponse>('GET', `/api/analytics/resources/${video.id}`)).body;
    assert.equal(stats.kind, 'video');
    assert.equal(stats.views, 1);

    const risk = (await teacher.api<RiskResponse>('GET', '/api/analytics/course/risk')).body;
    const never = risk.learners.find((l) => l.learner.id === 'learner-never')!;
    assert.equal(never.level, 'high');
    assert.deepEqual(never.reasons.map((r) => r.code), ['never-active']);
    const hugo = risk.learners.find((l) => l.learner.id === 'learner-2')!;
    assert.ok(hugo.reasons.some((r) => r.code === 'inactive-days' && r.params['days']! >= 14 && /\d+ days/.test(r.text)), JSON.stringify(hugo));

    const cohort = (await teacher.api<CohortResponse>('GET', '/api/analytics/course/cohort')).body;
    assert.equal(cohort.window.days, 15);
    assert.equal(cohort.status, 'cohort-too-small', 'two learners active in the window: nobody is ranked');
    assert.deepEqual(cohort.learners, []);
    await store([moodle(account('learner-3'), day(0))]);
    await refresh();
    const again = (await teacher.api<CohortResponse>('GET', '/api/analytics/course/cohort')).body;
    assert.equal(again.cohortSize, cohort.cohortSize + 1, 'a view kept for the rollups is computed again once they moved');

    // The refresh job recomputes the views read lately: the kept cohort has the new rollups before anyone asks again.
    const db = t.app.ctx.db;
    const cohortRow = () => db.selectFrom('analytics_views').select(['key', 'version', 'value']).where('context_id', '=', teacher.contextId).where('key', 'like', '%"cohort"%').executeTakeFirstOrThrow();
    const before = await cohortRow();
    await store([moodle(account('learner-2'), day(0))]);
    await refresh();
    const warmed = await warmReadViews(t.app.ctx, teacher.platformId);
    assert.ok(warmed.views >= 3, `the overview, cohort and risk views read above (${JSON.stringify(warmed)})`);
    const after = await cohortRow();
    assert.notEqual(after.version, before.version);
    assert.equal((JSON.parse(after.value) as { cohortSize: number }).cohortSize, again.cohortSize + 1, 'recomputed on the new rollups');
    // What one process stored for these rollups is what every process serves (here: a marked copy).
    await db.updateTable('analytics_views').set({ value: JSON.stringify({ ...JSON.parse(after.value), cohortSize: 999 }) }).where('context_id', '=', teacher.contextId).where('key', '=', after.key).execute();
    assert.equal((await teacher.api<CohortResponse>('GET', '/api/analytics/course/cohort')).body.cohortSize, 999);
    assert.equal((await warmReadViews(t.app.ctx, teacher.platformId)).views, 0, 'nothing to recompute while the rollups stay');
  });

  it('sums a classroom’s attendance per session and per learner: participants only, the roster’s absentees counted', async () => {
    const db = t.app.ctx.db;
    const second = await insertMeeting(db, teacher, classroom.id);
    const [ines, hugo] = learners;
    const attend = (meeting: string, person: LaunchedPerson, role: 'viewer' | 'moderator', seconds: number, talk: number, chats: number) =>
      db.insertInto('classroom_attendance').values({
        id: crypto.randomUUID(), platform_id: teacher.platformId, resource_id: classroom.id, meeting_row_id: meeting, user_id: person.userId, role,
        duration_seconds: seconds, talk_time_seconds: talk, chats, raised_hands: 1, poll_votes: 0,
      }).execute();
    await attend(meetingId, ines!, 'viewer', 3003, 9, 2); // 50.05 min: 50.1, as a teacher would round it
    await attend(meetingId, hugo!, 'viewer', 1200, 0, 0);
    await attend(meetingId, teacher, 'moderator', 3600, 1800, 10);
    await attend(second, ines!, 'viewer', 600, 30, 1);
    const room = (await teacher.api<ClassroomAnalyticsResponse>('GET', `/api/analytics/resources/${classroom.id}`)).body;
    const sessions = new Map(room.sessions.map((x) => [x.meetingId, [x.present, x.absent, x.minutesAttended, x.talkMinutes, x.chats, x.raisedHands]]));
    assert.deepEqual(sessions.get(meetingId), [2, 2, 70.1, 0.2, 2, 2], 'the teacher (moderator) is no participant; learner-3 and learner-never are absent');
    assert.deepEqual(sessions.get(second), [1, 3, 10, 0.5, 1, 1]);
    assert.deepEqual(room.learners.map((l) => [l.learner.id, l.sessionsAttended, l.minutesAttended, l.chats]), [['learner-1', 2, 60.1, 3], ['learner-2', 1, 20, 0]]);
    assert.equal(room.rosterSize, 4);
  });

  it('refuses bad ranges, unknown and foreign resources, and teacher views to learners; a learner sees only their own data', async () => {
    const [ines] = learners;
    const problem = async (page: LaunchedPerson, path: string, status: number, code?: RegExp) => {
      const answer = await page.api<{ type: string; detail: string }>('GET', path);
      assert.equal(answer.status, status, `${path}: ${JSON.stringify(answer.body)}`);
      if (code) assert.match(answer.body.type, code);
      return answer.body;
    };
    assert.match((await problem(teacher, '/api/analytics/course?from=2026-05-02&to=2026-05-01', 400)).detail, /from/);
    assert.match((await problem(teacher, '/api/analytics/course?from=2024-01-01&to=2026-01-01', 400)).detail, /366/);
    await problem(teacher, '/api/analytics/course?from=2026-02-30', 400);
    await problem(teacher, '/api/analytics/course/cohort?window=500', 400);
    await problem(teacher, `/api/analytics/resources/${crypto.randomUUID()}`, 404, /analytics-unknown-resource/);
    const otherCourse = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor], context: { id: '77', title: 'Autre cours' } });
    await problem(otherCourse, `/api/analytics/resources/${video.id}`, 404, /analytics-unknown-resource/);
    for (const path of ['/api/analytics/course', '/api/analytics/course/cohort', '/api/analytics/course/risk', '/api/analytics/course/grades', `/api/analytics/resources/${video.id}`]) {
      await problem(ines!, path, 403);
    }
    const forTeachers = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, kind: 'dashboard', title: 'Suivi', gradable: false, settings: JSON.stringify({ audience: 'instructors' }) });
    await problem(ines!, `/api/analytics/me?dashboard=${forTeachers.id}`, 403, /dashboard-for-instructors/);
    await problem(ines!, `/api/analytics/me?dashboard=${video.id}`, 400, /analytics-not-a-dashboard/);

    await store([amphiVideo('learner-2', VERB.initialized, day(0))]);
    await refresh();
    const own = await ines!.api<LearnerAnalyticsResponse>('GET', '/api/analytics/me');
    assert.equal(own.status, 200);
    const text = JSON.stringify(own.body);
    for (const secret of ['Hugo', 'learner-2', 'Léa', 'learner-3']) assert.ok(!text.includes(secret), `no other learner (${secret}) in ${text}`);
    assert.ok(own.body.resources.some((r) => r.resourceId === video.id));
  });
});

function sorted<T>(rows: T[]): T[] {
  return rows.map((r) => [JSON.stringify(r), r] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

/** A held classroom session (what a join leaves), for BigBlueButton's statements to name by registration. */
async function insertMeeting(db: Db, teacher: LaunchedPerson, resourceId: string): Promise<string> {
  const id = crypto.randomUUID();
  await db.insertInto('classroom_meetings').values({ id, platform_id: teacher.platformId, resource_id: resourceId, meeting_id: `m-${id}`, state: 'ended', started_at: new Date(), ended_at: new Date(), created_by: teacher.userId }).execute();
  return id;
}
