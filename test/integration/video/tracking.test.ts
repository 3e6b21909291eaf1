import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { ResourceRow } from '../../../src/content/resource.table.js';
import type { Db } from '../../../src/db/database.js';
import { findVideoProgress } from '../../../src/video/tracking/video-progress.repository.js';
import { createResource, eventually, launchPerson, type LaunchedPerson } from '../../support/factories.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { createLrsClient, type LrsClient } from '../../support/lrs-client.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../../support/test-platform.js';
import { videoStatement, VERB } from '../../unit/video/tracking/video-statements.js';

/**
 * A published media of `seconds`, as the transcoding job leaves it (only what tracking reads:
 * the duration), replacing the one published before.
 */
async function publishMedia(db: Db, resource: ResourceRow, seconds: number): Promise<void> {
  await db.updateTable('video_media').set({ state: 'retired', retired_at: new Date() }).where('resource_id', '=', resource.id).where('state', '=', 'published').execute();
  await db
    .insertInto('video_media')
    .values({
      id: crypto.randomUUID(),
      platform_id: resource.platform_id,
      resource_id: resource.id,
      status: 'ready',
      state: 'published',
      file_name: 'cours-1.mp4',
      mime: 'video/mp4',
      size_bytes: 1_000_000,
      output: JSON.stringify({ master: 'master.m3u8', renditions: [], audioOnly: false, download: null, poster: 'poster.jpg', thumbnails: [], storyboard: null, durationSeconds: seconds }),
      first_rendition_ready: true,
      ready_at: new Date(),
    })
    .execute();
}

/**
 * Time passing for a person on the page, without waiting: what the server dated (their launch
 * sessions, their watching budget's start) moves `seconds` into the past.
 */
async function elapse(db: Db, person: LaunchedPerson, seconds: number): Promise<void> {
  await sql`update lti_sessions set created_at = created_at - make_interval(secs => ${seconds}) where user_id = ${person.userId}`.execute(db);
  await sql`
    update watch_budgets set budget_from = budget_from - make_interval(secs => ${seconds}),
      session_started_at = session_started_at - make_interval(secs => ${seconds})
    where user_id = ${person.userId}`.execute(db);
}

const LAUNCHED = 'http://adlnet.gov/expapi/verbs/launched';
const PLAYED_SEGMENTS = 'https://w3id.org/xapi/video/extensions/played-segments';
const PROGRESS = 'https://w3id.org/xapi/video/extensions/progress';
const SESSION_1 = '0b7f3c52-8d4e-4a71-9c1f-2e3d4c5b6a70';
const SESSION_2 = '7c1a9e04-2b3d-4f5e-8a6b-9c0d1e2f3a4b';
const at = (second: number) => new Date(Date.now() - 120_000 + second * 1000);

/** A learner's first sitting: starts, watches 0–5 s, pauses. */
function firstSitting() {
  return [
    videoStatement('initialized', { sessionId: SESSION_1, at: at(0) }),
    videoStatement('played', { sessionId: SESSION_1, at: at(1), result: { time: 0 } }),
    videoStatement('paused', { sessionId: SESSION_1, at: at(6), result: { time: 5, progress: 0.25, 'played-segments': '0[.]5' } }),
  ];
}

/** The second: resumes at 5, skips 12 → 14, watches to the end (18 of 20 s watched: the 0.9 threshold). */
function secondSitting() {
  const segments = '0[.]12[,]14[.]20';
  return [
    videoStatement('initialized', { sessionId: SESSION_2, at: at(20) }),
    videoStatement('played', { sessionId: SESSION_2, at: at(21), result: { time: 5 } }),
    videoStatement('seeked', { sessionId: SESSION_2, at: at(28), result: { 'time-from': 12, 'time-to': 14 } }),
    videoStatement('interacted', { sessionId: SESSION_2, at: at(29), result: { time: 14 }, context: { speed: '1.5x' } }),
    videoStatement('completed', { sessionId: SESSION_2, at: at(33), result: { time: 20, progress: 0.9, 'played-segments': segments } }),
    videoStatement('terminated', { sessionId: SESSION_2, at: at(34), result: { time: 20, progress: 0.9, 'played-segments': segments } }),
  ];
}

describe('video tracking: the player’s statements, progress and grade', () => {
  const t = useRegisteredPlatform({ GRADES_RETRY_BASE_MS: '50' });
  let teacher: LaunchedPerson;
  let learner: LaunchedPerson;
  let video: ResourceRow;
  let lrs: LrsClient;
  let activity: LaunchSpec;

  beforeEach(async () => {
    teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
    video = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId, settings: JSON.stringify({ allowDownload: false }) });
    await publishMedia(t.app.ctx.db, video, 20);
    activity = { sub: 'learner-1', roles: [ROLE.learner], resourceLink: { id: 'link-1', title: 'Semaine 1' }, custom: { amphi_resource_id: video.id } };
    learner = await launchPerson(t.app.ctx.db, t.platform, t.app.url, activity);
    // The learner has been on the page for a minute: the sittings below could have been watched.
    await elapse(t.app.ctx.db, learner, 60);
    lrs = await createLrsClient(t.app, teacher.platformId, ['statements/read']);
  });

  const post = (page: LaunchedPerson, statements: unknown[], id = video.id) => page.api('POST', `/api/videos/${id}/statements`, { statements });
  // Launch traces ("launched", recorded in the background) are about the video too: left out.
  const videoStatements = async () =>
    ((await lrs.request('GET', '/statements', { params: { activity: `${t.app.url}/xapi/activities/resources/${video.id}`, ascending: 'true' } })).json.statements as any[]).filter((s) => s.verb.id !== LAUNCHED);
  const progressOf = (person: LaunchedPerson) => findVideoProgress(t.app.ctx.db, { platformId: person.platformId, resourceId: video.id, userId: person.userId });
  /** Every statement of every activity in the store, but launch traces. */
  const storedCount = async () =>
    Number((await t.app.ctx.db.selectFrom('lrs_statements').select((eb) => eb.fn.countAll().as('n')).where('verb_id', '!=', LAUNCHED).executeTakeFirstOrThrow()).n);

  it('stores a learner’s session in the LRS as the learner, about the video, in the course', async () => {
    const sitting = firstSitting();
    const first = await post(learner, sitting);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    // The credited segments come with the share: the page adds what plays next to show it grow.
    assert.deepEqual(first.body, { stored: 3, progress: { positionSeconds: 5, watchedShare: 0.25, completed: false, playedSegments: [[0, 5]] } });

    const stored = await videoStatements();
    assert.deepEqual(stored.map((s) => s.verb.id), [VERB.initialized, VERB.played, VERB.paused]);
    for (const s of stored) {
      assert.deepEqual(s.actor, { objectType: 'Agent', account: { homePage: t.platform.issuer, name: 'learner-1' } });
      assert.equal(s.object.id, `${t.app.url}/xapi/activities/resources/${video.id}`);
      assert.deepEqual(s.object.definition, { type: 'https://w3id.org/xapi/video/activity-type/video', name: { und: video.title } });
      assert.equal(s.context.contextActivities.parent[0].definition.type, 'http://adlnet.gov/expapi/activities/course');
      assert.equal(s.context.contextActivities.category[0].id, 'https://w3id.org/xapi/video');
      assert.equal(s.context.extensions['https://w3id.org/xapi/video/extensions/session-id'], SESSION_1);
      assert.equal(s.authority.account.name, 'amphi-page', 'stored as a page’s statements: no define');
      assert.equal(s.context.contextActivities.grouping, undefined);
    }
    assert.equal(stored[2].result.extensions['https://w3id.org/xapi/video/extensions/played-segments'], '0[.]5');
    assert.deepEqual(stored.map((s) => [s.id, Date.parse(s.timestamp)]), sitting.map((s) => [s.id, Date.parse(s.timestamp)]), 'the client’s ids and timestamps are kept');
  });

  it('keeps the progress, completes at the threshold, and grades the watched share without ever lowering it', async () => {
    await post(learner, firstSitting());
    await eventually('the first grade', () => t.platform.receivedScores.length === 1);
    assert.deepEqual([t.platform.receivedScores[0]!.body.scoreGiven, t.platform.receivedScores[0]!.body.activityProgress], [5, 'InProgress']);

    const second = await post(learner, secondSitting());
    assert.equal(second.status, 200, JSON.stringify(second.body));
    const sat: [number, number][] = [[0, 12], [14, 20]];
    assert.deepEqual(second.body, { stored: 6, progress: { positionSeconds: 20, watchedShare: 0.9, completed: true, playedSegments: sat } });
    assert.deepEqual(await progressOf(learner), { positionSeconds: 20, watchedShare: 0.9, completed: true, playedSegments: sat });
    const shown = await learner.api('GET', `/api/videos/${video.id}`);
    assert.deepEqual(shown.body.progress, { positionSeconds: 20, watchedShare: 0.9, completed: true, playedSegments: sat }, 'the player resumes from it');
    assert.equal(shown.body.tracking.activityId, `${t.app.url}/xapi/activities/resources/${video.id}`);
    assert.equal(shown.body.tracking.maxPlaybackRate, 2, 'the player offers no speed faster than the server credits');
    await eventually('the completion grade', () => t.platform.receivedScores.length === 2);
    const last = t.platform.receivedScores[1]!.body;
    assert.deepEqual([last.scoreGiven, last.scoreMaximum, last.activityProgress, last.gradingProgress], [18, 20, 'Completed', 'FullyGraded']);
    assert.equal(t.platform.receivedScores[1]!.userId, 'learner-1');

    // The teacher replaces the media with a longer one: the share drops, the grade does not.
    await publishMedia(t.app.ctx.db, video, 40);
    const after = await post(learner, [videoStatement('played', { at: at(50), result: { time: 0 } })]);
    assert.deepEqual(after.body.progress, { positionSeconds: 0, watchedShare: 0.45, completed: true, playedSegments: sat });
    const scores = await t.app.ctx.db.selectFrom('grade_scores').select(['score_given']).orderBy('seq').execute();
    assert.deepEqual(scores.map((s) => s.score_given), [5, 18]);
  });

  it('leaves staff traces but no grade', async () => {
    const inActivity = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { ...activity, sub: 'teacher-1', roles: [ROLE.instructor] });
    await elapse(t.app.ctx.db, inActivity, 60);
    const answer = await post(inActivity, secondSitting());
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal((await videoStatements()).length, 6);
    assert.equal(await t.app.ctx.db.selectFrom('grade_scores').select('id').executeTakeFirst(), undefined);
  });

  it('takes the beacon form (text/plain with the token inside) and refuses a bad token', async () => {
    const beacon = (body: string) => fetch(`${t.app.url}/api/videos/${video.id}/statements`, { method: 'POST', headers: { 'Content-Type': 'text/plain;charset=UTF-8' }, body });
    const ok = await beacon(JSON.stringify({ token: learner.token, statements: firstSitting() }));
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.equal((await ok.json()).stored, 3);
    assert.equal((await videoStatements()).length, 3);

    for (const body of [JSON.stringify({ token: `${learner.token}x`, statements: firstSitting() }), JSON.stringify({ statements: firstSitting() })]) {
      const refused = await beacon(body);
      assert.equal(refused.status, 401);
      assert.equal((await refused.json()).code, 'session-required');
    }
    const garbled = await beacon('{"token": ');
    assert.equal(garbled.status, 400);
    assert.equal((await garbled.json()).code, 'malformed-body');
    // The cookie is no session for a POST, and other types are not read.
    const anonymous = await fetch(`${t.app.url}/api/videos/${video.id}/statements`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ statements: firstSitting() }) });
    assert.equal(anonymous.status, 401);
    const form = await fetch(`${t.app.url}/api/videos/${video.id}/statements`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    assert.equal(form.status, 415);
    assert.equal((await videoStatements()).length, 3);
  });

  it('stores a statement sent twice once, and counts its segments once', async () => {
    const batch = firstSitting();
    assert.equal((await post(learner, batch)).status, 200);
    const again = await post(learner, [...batch, batch[2]]);
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.deepEqual(again.body.progress, { positionSeconds: 5, watchedShare: 0.25, completed: false, playedSegments: [[0, 5]] });
    assert.equal((await videoStatements()).length, 3);
    assert.equal(await storedCount(), 3);
    await eventually('the grade', () => t.platform.receivedScores.length === 1);
    assert.equal((await t.app.ctx.db.selectFrom('grade_scores').select('id').execute()).length, 1, 'one grade for one share');
  });

  it('takes the same statements from a beacon and a fetch at once: stored once, graded once', async () => {
    const batch = secondSitting();
    const [viaFetch, viaBeacon] = await Promise.all([
      post(learner, batch),
      fetch(`${t.app.url}/api/videos/${video.id}/statements`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ token: learner.token, statements: batch }) }),
    ]);
    assert.equal(viaFetch.status, 200, JSON.stringify(viaFetch.body));
    assert.equal(viaBeacon.status, 200, await viaBeacon.clone().text());
    assert.deepEqual((await viaBeacon.json()).progress, viaFetch.body.progress);
    assert.equal(await storedCount(), 6);
    const scores = await t.app.ctx.db.selectFrom('grade_scores').select(['score_given', 'activity_progress']).execute();
    assert.deepEqual(scores, [{ score_given: 18, activity_progress: 'Completed' }]);
  });

  it('refuses a batch with a bad statement, saying which and why, and stores nothing of it', async () => {
    const cases: [unknown[], number, RegExp][] = [
      [[...firstSitting(), videoStatement('paused', { result: { progress: '0.5' } })], 3, /progress.*expected number, received string/],
      [[videoStatement('played', { result: { time: 1 } }), { ...videoStatement('played'), verb: { id: 'http://adlnet.gov/expapi/verbs/answered' } }], 1, /not a verb of the video profile/],
      [[videoStatement('played', { at: new Date(Date.now() + 3_600_000) })], 0, /timestamp: is in the future/],
      [[videoStatement('seeked', { result: { 'time-to': undefined } })], 0, /time-to/],
      // Beyond the media's end (20 s, and the tolerance of 1 s).
      [[videoStatement('played', { result: { time: 0 } }), videoStatement('paused', { result: { time: 5, progress: 1, 'played-segments': '0[.]100000' } })], 1, /played-segments: the segment 0\[\.\]100000 is past the end of the video \(20 s\)/],
      [[videoStatement('seeked', { result: { 'time-from': 2, 'time-to': 21.5 } })], 0, /time-to: 21.5 is past the end/],
    ];
    for (const [statements, index, reason] of cases) {
      const answer = await post(learner, statements);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.equal(answer.body.code, 'video-statement-refused');
      assert.match(answer.body.detail, new RegExp(`^Statement ${index} of the batch was refused`));
      assert.match(answer.body.detail, reason);
    }
    // Every refused statement is listed (the player drops those and sends the rest again): after
    // the media was replaced by a shorter one, a backlog's honest statements are not lost with the rest.
    const backlog = [videoStatement('played', { result: { time: 0 } }), videoStatement('paused', { result: { time: 30, progress: 1, 'played-segments': '0[.]30' } }), videoStatement('seeked', { result: { 'time-from': 30, 'time-to': 2 } }), videoStatement('paused', { result: { time: 4, progress: 0.2, 'played-segments': '0[.]4' } })];
    const listed = await post(learner, backlog);
    assert.equal(listed.status, 400);
    assert.match(listed.body.detail, /^Statement 1 of the batch was refused/);
    assert.deepEqual(listed.body.issues.map((i: { path: string }) => i.path), ['body.statements.1', 'body.statements.2']);
    assert.match(listed.body.issues[1].message, /time-from: 30 is past the end/);
    const tooMany = await post(learner, Array.from({ length: 101 }, () => videoStatement('played')));
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.body.code, 'invalid-request');
    const huge = await post(learner, [videoStatement('played', { context: { 'user-agent': 'x'.repeat(300_000) } })]);
    assert.equal(huge.status, 413);
    assert.equal(huge.body.code, 'body-too-large');
    assert.equal(await storedCount(), 0);
    assert.equal(await progressOf(learner), null);
  });

  /** Another learner of the activity, just launched (nothing elapsed). */
  const newLearner = (sub: string) => launchPerson(t.app.ctx.db, t.platform, t.app.url, { ...activity, sub });
  const pausedAt = (segments: string, sessionId = SESSION_1) => videoStatement('paused', { sessionId, result: { time: 1, progress: 1, 'played-segments': segments } });
  const scoresRecorded = async () => (await t.app.ctx.db.selectFrom('grade_scores').select(['user_id', 'score_given', 'activity_progress']).execute()).length;

  it('credits only what could have been watched: a full claim right after launch gives nothing to grade', async () => {
    // A 10-minute lecture: what the first second allows (2× speed, the small grace) is well under 1 % of it.
    await publishMedia(t.app.ctx.db, video, 600);
    const cheat = await newLearner('learner-cheat');
    const forged = [
      videoStatement('played', { at: at(0), result: { time: 0 } }),
      videoStatement('paused', { at: at(1), result: { time: 600, progress: 1, 'played-segments': '0[.]600' } }),
      videoStatement('completed', { at: at(2), result: { time: 600, progress: 1, 'played-segments': '0[.]600' } }),
    ];
    // What sinks and dashboards read: a pause that says the video is completed, after ten hours.
    Object.assign(forged[1]!.result, { completion: true, duration: 'PT10H' });
    const answer = await post(cheat, forged);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.progress.completed, false);
    assert.ok(answer.body.progress.watchedShare < 0.01, `credited ${answer.body.progress.watchedShare}`);
    assert.equal(answer.body.stored, 2, 'the claim of completion is not stored');
    assert.equal(await scoresRecorded(), 0, 'nothing for the gradebook');
    assert.deepEqual(t.platform.receivedScores, []);

    // The LRS holds what was credited, not what the page claimed.
    const [, paused] = await videoStatements();
    assert.equal(paused.verb.id, VERB.paused);
    const [[start, end]] = paused.result.extensions[PLAYED_SEGMENTS].split('[,]').map((p: string) => p.split('[.]').map(Number));
    assert.ok(start === 0 && end < 6, paused.result.extensions[PLAYED_SEGMENTS]);
    assert.equal(paused.result.extensions[PROGRESS], answer.body.progress.watchedShare);
    assert.equal(paused.result.completion, undefined, 'only a credited completed statement says completion');
    assert.equal(paused.result.duration, undefined, 'a duration only on completed');
    assert.equal((await videoStatements()).filter((s) => s.verb.id === VERB.completed).length, 0);
  });

  it('gives a learner one budget across tabs: two sessions claiming both halves at once', async () => {
    await publishMedia(t.app.ctx.db, video, 600);
    const tab1 = await newLearner('learner-tabs');
    const tab2 = await newLearner('learner-tabs');
    assert.notEqual(tab1.sessionId, tab2.sessionId);
    await elapse(t.app.ctx.db, tab1, 15);
    const [a, b] = await Promise.all([post(tab1, [pausedAt('0[.]300', SESSION_1)]), post(tab2, [pausedAt('300[.]600', SESSION_2)])]);
    assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.equal(b.status, 200, JSON.stringify(b.body));
    const progress = await progressOf(tab1);
    // 15 s on the page at 2× (and the grace): about 30 s of 600, whichever tab spent it.
    assert.ok(progress!.watchedShare >= 0.05 && progress!.watchedShare < 0.06, `credited ${progress!.watchedShare}`);
    assert.equal(progress!.completed, false);
  });

  /** Another video of the same course, published (`seconds` long). */
  const anotherVideo = async (seconds: number) => {
    const other = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId, settings: JSON.stringify({ allowDownload: false }) });
    await publishMedia(t.app.ctx.db, other, seconds);
    return other;
  };
  /** Seconds credited to a person, all videos together (what video_views holds). */
  const creditedSeconds = async (person: LaunchedPerson) => {
    const rows = await t.app.ctx.db.selectFrom('video_views').select('played_segments').where('user_id', '=', person.userId).execute();
    return rows.flatMap((r) => r.played_segments).reduce((sum, [s, e]) => sum + (e - s), 0);
  };

  it('gives a learner one budget for all the course’s videos: forged claims on several videos at once share it', async () => {
    await publishMedia(t.app.ctx.db, video, 600);
    const others = [await anotherVideo(600), await anotherVideo(600)];
    const launchedBefore = Date.now();
    const cheat = await newLearner('learner-videos');
    // The player's first statement: the learner's budget exists (the claims below contend for its lock).
    assert.equal((await post(cheat, [videoStatement('initialized', { sessionId: SESSION_1 })])).status, 200);
    await elapse(t.app.ctx.db, cheat, 30);
    // One session (a session may view any video of its course), a forged full claim on each video, in parallel.
    const answers = await Promise.all([video, ...others].map((v) => post(cheat, [pausedAt('0[.]600')], v.id)));
    const onPage = 30 + (Date.now() - launchedBefore) / 1000;
    for (const answer of answers) assert.equal(answer.status, 200, JSON.stringify(answer.body));
    // Some 30 s on the page at 2× and the grace: about 60 s of watching, for all the videos together.
    const total = await creditedSeconds(cheat);
    assert.ok(total >= 60 && total <= onPage * 2 + 0.5, `credited ${total} s across three videos (${onPage} s on the page)`);
    assert.ok(answers.every((a) => !a.body.progress.completed));
    assert.equal(await scoresRecorded(), 1, 'one video got the budget (10 % of it): one grade');
  });

  it('credits an honest player in full in the end, at 1× and at 2×', async () => {
    await publishMedia(t.app.ctx.db, video, 60);
    const normal = await newLearner('learner-1x');
    for (const end of [20, 40, 60]) {
      await elapse(t.app.ctx.db, normal, 20);
      assert.equal((await post(normal, [pausedAt(`0[.]${end}`)])).status, 200);
    }
    assert.deepEqual(await progressOf(normal), { positionSeconds: 1, watchedShare: 1, completed: true, playedSegments: [[0, 60]] });
    // Then another video of the course, at 1× too: the one budget covers both.
    const next = await anotherVideo(60);
    for (const end of [20, 40, 60]) {
      await elapse(t.app.ctx.db, normal, 20);
      assert.equal((await post(normal, [pausedAt(`0[.]${end}`)], next.id)).status, 200);
    }
    assert.deepEqual(await findVideoProgress(t.app.ctx.db, { platformId: normal.platformId, resourceId: next.id, userId: normal.userId }), { positionSeconds: 1, watchedShare: 1, completed: true, playedSegments: [[0, 60]] });

    // At the highest speed: each request claims exactly what the time since the last one allows.
    const fast = await newLearner('learner-2x');
    for (const end of [15, 30, 45, 60]) {
      await elapse(t.app.ctx.db, fast, 7.5);
      const batch = [pausedAt(`0[.]${end}`, SESSION_2)];
      if (end === 60) {
        const completed = videoStatement('completed', { sessionId: SESSION_2, result: { time: 60, progress: 1, 'played-segments': '0[.]60' } });
        batch.push(Object.assign(completed, { result: { ...completed.result, duration: 'P1DT10H' } }));
      }
      const answer = await post(fast, batch);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    }
    assert.deepEqual(await progressOf(fast), { positionSeconds: 60, watchedShare: 1, completed: true, playedSegments: [[0, 60]] });
    const completed = (await videoStatements()).filter((s) => s.verb.id === VERB.completed);
    assert.equal(completed.length, 1, 'a credited completion is stored');
    assert.deepEqual([completed[0].result.completion, completed[0].result.duration], [true, 'PT60S'], 'its duration at most the seconds credited of its segments');
    await eventually('the full grade', () => t.platform.receivedScores.find((s) => s.userId === 'learner-2x' && s.body.activityProgress === 'Completed'));
  });

  it('builds the context activities itself: a page cannot rename the course or add activities', async () => {
    const courseId = `${t.app.url}/xapi/activities/courses/${learner.contextId}`;
    const courseName = async () => (await lrs.request('GET', '/activities', { params: { activityId: courseId } })).json?.definition?.name?.und;
    // The launch trace (recorded in the background) defines the course.
    const name = await eventually('the course defined by the launch', courseName);
    const forged = videoStatement('played', {
      extra: {
        context: {
          extensions: { 'https://w3id.org/xapi/video/extensions/session-id': SESSION_1 },
          contextActivities: {
            category: [{ id: 'https://w3id.org/xapi/video' }, { id: 'https://evil.example/category', definition: { name: { und: 'Injected' } } }],
            grouping: [{ id: courseId, definition: { type: 'http://adlnet.gov/expapi/activities/course', name: { und: 'Cours piraté' } } }],
          },
        },
      },
    });
    const answer = await post(learner, [forged]);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const [stored] = await videoStatements();
    assert.deepEqual(stored.context.contextActivities.category.map((a: any) => a.id), ['https://w3id.org/xapi/video']);
    assert.equal(stored.context.contextActivities.grouping, undefined);
    assert.deepEqual(stored.context.contextActivities.parent.map((a: any) => a.id), [courseId]);
    assert.equal(await courseName(), name, 'the course keeps its name');
    const injected = await lrs.request('GET', '/activities', { params: { activityId: 'https://evil.example/category' } });
    assert.equal(injected.json?.definition, undefined);
  });

  it('keeps each platform’s and each course’s videos to themselves', async () => {
    const elsewhere = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'learner-9', roles: [ROLE.learner], context: { id: '43', title: 'Autre cours' } });
    const otherCourse = await post(elsewhere, firstSitting());
    assert.equal(otherCourse.status, 403);
    assert.equal(otherCourse.body.code, 'resource-forbidden');

    const platform2 = await TestPlatform.start();
    try {
      await t.app.register(platform2);
      const foreigner = await launchPerson(t.app.ctx.db, platform2, t.app.url, { sub: 'learner-1', roles: [ROLE.learner] });
      const foreign = await post(foreigner, firstSitting());
      assert.equal(foreign.status, 404);
      assert.equal(foreign.body.code, 'resource-not-found');
    } finally {
      await platform2.close();
    }
    assert.equal((await videoStatements()).length, 0);
  });
});
