/**
 * One course as the UI figures and the README pictures need it: a real Amphi (the tests' app:
 * PGlite, temp dir, the built front end in public/app) registered with the Moodle-like test platform, a strict fake BigBlueButton, and in the course a
 * graded video converted by the real pipeline (with chapters), a classroom open at any time (no sessions) and
 * a teachers' dashboard whose figures come from learners' views. Each page is opened by a real
 * LTI launch: `courseUrl` frames it in a course page (as Moodle's "Embed"), `windowUrl` opens it
 * in a window of its own (as Moodle's "New window").
 */
import crypto from 'node:crypto';
import { refreshAnalytics } from '../../src/analytics/analytics.service.js';
import { recordStatements } from '../../src/lrs/lrs.service.js';
import { REUSE_MS } from '../../src/lrs/statements/consistent-through.js';
import type { Statement } from '../../src/lrs/xapi/xapi.types.js';
import { launchPage } from '../../test/support/api-client.js';
import { useFakeBbbFor } from '../../test/support/bbb-fixture.js';
import { launchPerson } from '../../test/support/factories.js';
import { startFakeBbb, type FakeBbb } from '../../test/support/fake-bbb/index.js';
import { generateClip } from '../../test/support/media-fixtures.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../../test/support/test-platform.js';
import { uploadVideo, waitForVideo } from '../../test/support/video-client.js';
import { startTestApp, type TestApp } from '../../test/support/test-app.js';

export const COURSE = { id: 'stat101', title: 'Introduction to Statistics', label: 'STAT101' };
export const TEACHER = { sub: 'teacher-claire', name: 'Claire Dupont', roles: [ROLE.instructor], context: COURSE };
export const STUDENT = { sub: 'student-sam', name: 'Sam Taylor', roles: [ROLE.learner], context: COURSE };
const LEARNERS = [
  { sub: 'student-ada', name: 'Ada Lovelace', share: 1, days: [6, 3, 1] },
  { sub: 'student-bob', name: 'Bob Martin', share: 0.4, days: [4, 2] },
  { sub: 'student-zoe', name: 'Zoé Bernard', share: 0.8, days: [5, 1] },
];

export type PageKind = 'picker' | 'video-teacher' | 'player' | 'classroom' | 'dashboard';

export interface UiScene {
  app: TestApp;
  platform: TestPlatform;
  ids: { video: string; classroom: string; dashboard: string };
  /** A course page framing the launch of that page, in `locale`. */
  courseUrl(kind: PageKind, locale?: string): string;
  /** The launch of that page in a window of its own (the platform's launch.php, top-level). */
  windowUrl(kind: PageKind, locale?: string): string;
  close(): Promise<void>;
}

export async function startUiScene(log: (line: string) => void = () => undefined): Promise<UiScene> {
  const app = await startTestApp();
  const platform = await TestPlatform.start();
  let fake: FakeBbb | undefined;
  try {
    await app.register(platform);
    platform.setMembers(COURSE.id, [TEACHER, STUDENT, ...LEARNERS.map((l) => ({ ...l, roles: [ROLE.learner] }))].map((p) => ({ user_id: p.sub, name: p.name, roles: p.roles, status: 'Active' as const })));
    const teacher = await launchPage(platform, app.url, { ...TEACHER, messageType: 'LtiDeepLinkingRequest' });
    const create = async (body: object): Promise<string> => {
      const created = await teacher.api('POST', '/api/resources', body);
      if (created.status !== 201) throw new Error(`resource not created: ${JSON.stringify(created.body)}`);
      return created.body.id as string;
    };
    const ids = {
      video: await create({ kind: 'video', title: 'Lecture 1: mean, median and spread', description: 'Watch before Monday’s tutorial.', gradable: true, scoreMaximum: 10 }),
      classroom: await create({ kind: 'classroom', title: 'Weekly tutorial', settings: { welcomeMessage: 'Welcome to the tutorial!' } }),
      dashboard: await create({ kind: 'dashboard', title: 'Class progress', settings: { audience: 'instructors' } }),
    };

    log('converting a 4 s clip');
    const clip = await generateClip({ width: 640, height: 360, seconds: 4 });
    const up = await uploadVideo(app.url, teacher.token, ids.video, clip);
    if (up.status !== 204) throw new Error(`upload refused: ${JSON.stringify(up.body)}`);
    await waitForVideo(app.url, teacher.token, ids.video, (v) => v.status === 'ready' && v.processing === null, 180_000);
    await teacher.api('PATCH', `/api/videos/${ids.video}`, { chapters: [{ startSeconds: 0, title: 'The mean' }, { startSeconds: 2, title: 'The median' }] });

    fake = await startFakeBbb();
    const platformId = (await app.ctx.db.selectFrom('resources').select('platform_id').where('id', '=', ids.video).executeTakeFirstOrThrow()).platform_id;
    await useFakeBbbFor(app.ctx, platformId, fake);
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000);

    // The dashboard's figures: learners who launched the video, their views and their statements.
    log('seeding the dashboard');
    const object = { objectType: 'Activity', id: `${app.url}/xapi/activities/resources/${ids.video}`, definition: { type: 'https://w3id.org/xapi/video/activity-type/video' } };
    const statements: Statement[] = [];
    for (const learner of LEARNERS) {
      const launched = await launchPerson(app.ctx.db, platform, app.url, { ...learner, roles: [ROLE.learner], context: COURSE, ...linkTo(ids.video, 'Week 1: lecture') });
      await app.ctx.db
        .insertInto('video_views')
        .values({ platform_id: platformId, resource_id: ids.video, user_id: launched.userId, played_segments: JSON.stringify([[0, learner.share * 4]]), watched_share: learner.share, completed_at: learner.share === 1 ? new Date() : null })
        .execute();
      const actor = { objectType: 'Agent', account: { homePage: platform.issuer, name: learner.sub } };
      for (const ago of learner.days) {
        for (const verb of ['http://adlnet.gov/expapi/verbs/launched', 'http://adlnet.gov/expapi/verbs/initialized', 'https://w3id.org/xapi/video/verbs/played']) {
          statements.push({ id: crypto.randomUUID(), actor, verb: { id: verb }, object, timestamp: day(ago).toISOString() } as unknown as Statement);
        }
      }
      if (learner.share === 1) statements.push({ id: crypto.randomUUID(), actor, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' }, object, timestamp: day(1).toISOString() } as unknown as Statement);
    }
    await recordStatements(app.ctx, platformId, statements);
    // What was just stored is read by a refresh that waits past the consistent-through reuse window.
    await new Promise((r) => setTimeout(r, REUSE_MS + 20));
    await refreshAnalytics(app.ctx, platformId, { settleMs: 0 });

    const specFor = (kind: PageKind, locale: string): LaunchSpec => {
      switch (kind) {
        case 'picker':
          return { ...TEACHER, locale, messageType: 'LtiDeepLinkingRequest' };
        case 'video-teacher':
          return { ...TEACHER, locale, ...linkTo(ids.video, 'Week 1: lecture') };
        case 'player':
          return { ...STUDENT, locale, ...linkTo(ids.video, 'Week 1: lecture') };
        case 'classroom':
          return { ...STUDENT, locale, ...linkTo(ids.classroom, 'Week 1: tutorial') };
        case 'dashboard':
          return { ...TEACHER, locale, ...linkTo(ids.dashboard, 'Class progress') };
      }
    };
    const courseUrl = (kind: PageKind, locale = 'en-GB') => platform.prepareLaunch(app.url, specFor(kind, locale), { loginMethod: 'POST' });
    return {
      app,
      platform,
      ids,
      courseUrl,
      windowUrl: (kind, locale = 'en-GB') => courseUrl(kind, locale).replace('/course/view.php?', '/mod/lti/launch.php?'),
      async close() {
        await fake?.close();
        await app.close();
        await platform.close();
      },
    };
  } catch (err) {
    await fake?.close();
    await app.close();
    await platform.close();
    throw err;
  }
}

function linkTo(resourceId: string, title = 'Week 1'): Pick<LaunchSpec, 'resourceLink' | 'custom'> {
  return { resourceLink: { id: `rl-${resourceId}`, title }, custom: { amphi_resource_id: resourceId } };
}
