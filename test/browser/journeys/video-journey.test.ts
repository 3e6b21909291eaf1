/**
 * Whole journeys of a video, in Chromium, through the LMS course page that frames Amphi:
 * (a) a teacher adds a new graded video with the deep-linking picker (the platform receives the
 * deep-linking response and makes the activity), uploads a generated clip on the activity's page,
 * watches the upload and the conversion, and plays the result; (b) a student opens that activity,
 * plays, seeks and finishes the video: the xAPI statements are in Amphi's LRS and the grade
 * reached the platform's gradebook. (b) goes on from (a)'s activity, so both share one app.
 * Screenshots in test/artifacts/video-teacher/ and test/artifacts/video-student/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { eventually } from '../../support/factories.js';
import { createLrsClient } from '../../support/lrs-client.js';
import { generateClip } from '../../support/media-fixtures.js';
import type { Activity } from '../../support/platform-state.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../../support/test-platform.js';
import { CHROMIUM_PATH, isChromiumAvailable, launchChromium } from '../chromium.js';
import { assertAppShown, openCoursePage, visibleText } from '../lms-browser.js';
import { assertAccessible, assertAccessibleInDark, screenshots, ui } from './journey-support.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;

const COURSE = { id: 'bio110', title: 'Biologie cellulaire', label: 'BIO110' };
const TEACHER = { sub: 'teacher-rosalind', name: 'Rosalind Franklin', roles: [ROLE.instructor], context: COURSE };
const STUDENT = { sub: 'student-jules', name: 'Jules Martin', roles: [ROLE.learner], context: COURSE };
const TITLE = 'La mitose en 4 secondes';
/** A tiny clip's conversion on a busy 2-core machine: generous, the journey still fails if it never ends. */
const PROCESSING_TIMEOUT = 120_000;

const VERB = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  played: 'https://w3id.org/xapi/video/verbs/played',
  seeked: 'https://w3id.org/xapi/video/verbs/seeked',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
};

describe('journeys of a video: the teacher adds and uploads it, a student watches it (Chromium)', { skip }, () => {
  let app: TestApp;
  let platform: TestPlatform;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  /** The activity (a) made, which (b) opens. */
  let activity: Activity | undefined;

  before(async () => {
    app = await startTestApp({ GRADES_RETRY_BASE_MS: '50' });
    platform = await TestPlatform.start();
    await app.register(platform);
    browser = await launchChromium({ args: ['--autoplay-policy=no-user-gesture-required'] });
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await platform?.close();
  });

  async function newPage(locale: string): Promise<Page> {
    await context?.close();
    context = await browser!.newContext({ locale, colorScheme: 'light', viewport: { width: 1280, height: 1000 } });
    return context.newPage();
  }

  const videoTime = (frame: Frame) => frame.getByTestId('player-video').evaluate((v: HTMLVideoElement) => v.currentTime);

  it('(a) a teacher adds a graded video with the picker, uploads a clip, follows the conversion and plays it', async () => {
    const snap = screenshots('video-teacher');
    const clip = await generateClip({ width: 320, height: 180, seconds: 4 });
    const page = await newPage('fr-FR');

    // The picker, opened by the platform's "Add an activity" (a deep-linking request).
    const picker = await openCoursePage(page, platform.prepareLaunch(app.url, { ...TEACHER, messageType: 'LtiDeepLinkingRequest', locale: 'fr-FR' }, { loginMethod: 'POST' }));
    await assertAppShown(picker);
    assert.equal(await picker.getByTestId('route').getAttribute('data-route'), 'deep-linking', await visibleText(picker));
    await snap(page, 'picker');
    await assertAccessible(picker, 'the picker');
    await picker.getByTestId('picker-create-title').fill(TITLE);
    await picker.getByTestId('picker-create-graded').check();
    await picker.getByTestId('picker-create-max-score').fill('10');
    await picker.getByTestId('picker-create-submit').click();
    await picker.locator('[data-testid="picker-selected-count"][data-count="1"]').waitFor();
    await snap(page, 'picker-created');
    await picker.getByTestId('picker-submit').click();

    // Back at the platform: the deep-linking response made the activity, with a gradebook column.
    await picker.waitForURL(/\/mod\/lti\/contentitem_return\.php/);
    await picker.getByTestId('added-activity').first().waitFor();
    assert.deepEqual(await picker.getByTestId('added-activity').allTextContents(), [TITLE]);
    assert.deepEqual(platform.deepLinkRejections, []);
    const activities = platform.activities(COURSE.id);
    assert.equal(activities.length, 1);
    activity = activities[0]!;
    assert.ok(activity.custom.amphi_resource_id, 'the activity names its Amphi resource');
    assert.ok(activity.lineItemUrl, 'the graded video has a gradebook column');
    await snap(page, 'platform-activity-added');

    // The activity's page: upload, progress, conversion, then the preview plays.
    const frame = await openCoursePage(page, platform.prepareLaunch(app.url, platform.launchSpecForActivity(activity, { ...TEACHER, locale: 'fr-FR' }), { loginMethod: 'POST' }));
    await frame.getByTestId('instructor-video').waitFor().catch(async () => assert.fail(`no video editor; the page reads: ${await visibleText(frame)}`));
    assert.equal(await frame.getByTestId('video-badge').getAttribute('data-state'), 'empty');
    await snap(page, 'video-empty');
    await assertAccessible(frame, 'the empty video page');
    await frame.getByTestId('upload-input').setInputFiles(clip);
    await frame.getByTestId('upload-progress').waitFor();
    assert.equal(await frame.getByTestId('upload-progress-bar').evaluate((bar) => bar.tagName), 'PROGRESS');
    await frame.locator('[data-testid="upload-progress-bar"][value="100"]').waitFor();
    await frame.getByTestId('video-processing').waitFor({ timeout: PROCESSING_TIMEOUT });
    await snap(page, 'video-processing');
    await frame.locator('[data-testid="video-badge"][data-state="ready"]').waitFor({ timeout: PROCESSING_TIMEOUT });
    await frame.getByTestId('video-news').filter({ hasText: ui('fr', 'videoEditor.news.ready') }).waitFor();
    await snap(page, 'video-ready');
    await assertAccessible(frame, 'the video page with its player');

    await frame.getByTestId('player-play').click();
    await eventually('the preview plays past 1 s', async () => (await videoTime(frame)) > 1 || undefined, 30_000);
    await frame.getByTestId('player-play').click();
    await snap(page, 'video-playing');
  });

  it('(b) a student plays, seeks and finishes the video: statements in the LRS, grade at the platform', async (t) => {
    if (!activity) return t.skip('needs the activity of journey (a)');
    const snap = screenshots('video-student');
    const page = await newPage('fr-FR');
    const spec: LaunchSpec = platform.launchSpecForActivity(activity, { ...STUDENT, locale: 'fr-FR' });
    const frame = await openCoursePage(page, platform.prepareLaunch(app.url, spec, { loginMethod: 'POST' }));
    await frame.getByTestId('video-player').waitFor().catch(async () => assert.fail(`no player; the page reads: ${await visibleText(frame)}`));
    assert.equal(await frame.getByTestId('resource-title').textContent(), TITLE);
    await snap(page, 'player');
    await assertAccessible(frame, 'the student’s player');

    // Play, then seek back to the start from the keyboard (the slider's Home key), then to the end.
    await frame.getByTestId('player-play').click();
    await eventually('playback past 1 s', async () => (await videoTime(frame)) > 1 || undefined, 20_000);
    await snap(page, 'playing');
    await frame.getByTestId('player-seek').focus();
    await page.keyboard.press('Home');
    await eventually('the seek to the start', async () => (await videoTime(frame)) < 0.9 || undefined);
    await frame.getByTestId('player-video').evaluate((v: HTMLVideoElement) => new Promise((resolve) => (v.ended ? resolve(true) : v.addEventListener('ended', resolve, { once: true }))));
    await frame.locator('[data-testid="video-progress"][data-completed="true"]').waitFor({ timeout: 15_000 });
    assert.equal(await frame.getByTestId('player-status').textContent(), ui('fr', 'player.status.ended'));
    await snap(page, 'finished');
    await assertAccessible(frame, 'the finished player');
    await assertAccessibleInDark(page, frame, 'fr', 'the finished player');
    await snap(page, 'finished-dark');

    // The statements, read back from Amphi's LRS by a credential of the platform (as an LMS report would).
    const resourceId = activity.custom.amphi_resource_id!;
    const platformId = (await app.ctx.db.selectFrom('platforms').select('id').executeTakeFirstOrThrow()).id;
    const lrs = await createLrsClient(app, platformId, ['all'], 'journey');
    const statements = await eventually('the completed statement in the LRS', async () => {
      const answer = await lrs.request('GET', '/statements', { params: { limit: '200' } });
      assert.equal(answer.status, 200, answer.text);
      const mine = (answer.json.statements as any[]).filter((s) => s.actor?.account?.name === STUDENT.sub && String(s.object?.id).includes(resourceId));
      return mine.some((s) => s.verb.id === VERB.completed) ? mine : undefined;
    }, 15_000);
    const verbs = new Set(statements.map((s) => s.verb.id));
    for (const [name, id] of Object.entries(VERB)) assert.ok(verbs.has(id), `${name} among ${[...verbs].join(', ')}`);

    // The grade, delivered to the platform's gradebook (AGS) on the activity's line item.
    const score = await eventually('the score at the platform', () => platform.receivedScores.find((s) => s.userId === STUDENT.sub && s.body.activityProgress === 'Completed'));
    assert.equal(score.lineItemUrl, activity.lineItemUrl);
    assert.equal(score.body.scoreMaximum, 10);
    assert.ok(Number(score.body.scoreGiven) >= 9, `score ${score.body.scoreGiven}`);
    assert.equal(score.body.gradingProgress, 'FullyGraded');
  });
});
