/**
 * The learner's video player in Chromium, inside the LMS iframe, on a video made ready by the
 * real pipeline (tus upload → ffmpeg → HLS): hls.js plays it, the keyboard drives every control,
 * the xAPI video profile statements reach Amphi's LRS (the last ones by sendBeacon when the page
 * goes away), the watched share is kept and graded, and the next launch offers to resume.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { ResourceRow } from '../../src/content/resource.table.js';
import { findVideoProgress } from '../../src/video/tracking/video-progress.repository.js';
import type { MessageKey } from '../../tool/src/i18n/en.js';
import { t as translate } from '../../tool/src/i18n/i18n.js';
import { createResource, eventually, launchPerson, type LaunchedPerson } from '../support/factories.js';
import { useRegisteredPlatform } from '../support/lti-fixture.js';
import { generateClip } from '../support/media-fixtures.js';
import { ROLE, type LaunchSpec, type TestPlatform } from '../support/test-platform.js';
import type { TestApp } from '../support/test-app.js';
import { uploadVideo, waitForVideo } from '../support/video-client.js';
import { CHROMIUM_PATH, formatViolations, isChromiumAvailable, launchChromium } from './chromium.js';
import { assertAppShown, checkFrameAccessibility, collectConsole, isCspViolation, openCoursePage, visibleText } from './lms-browser.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;

const COURSE = { id: 'stat101', title: 'Introduction to Statistics', label: 'STAT101' };
const TEACHER = { sub: 'teacher-claire', name: 'Claire Dupont', roles: [ROLE.instructor], context: COURSE };
const CLIP_SECONDS = 12;

const ui = (key: MessageKey, params: Record<string, string> = {}) => translate('fr', key, params);

const EXT = 'https://w3id.org/xapi/video/extensions/';
const VERB = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  played: 'https://w3id.org/xapi/video/verbs/played',
  paused: 'https://w3id.org/xapi/video/verbs/paused',
  seeked: 'https://w3id.org/xapi/video/verbs/seeked',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  interacted: 'http://adlnet.gov/expapi/verbs/interacted',
};

/** The profile's rules a stored statement must meet (required extensions, JSON types). */
function assertVideoProfile(s: any): void {
  const verb = Object.entries(VERB).find(([, id]) => id === s.verb.id)?.[0];
  assert.ok(verb, `unexpected verb ${s.verb.id}`);
  const context = s.context?.extensions ?? {};
  const result = s.result?.extensions ?? {};
  const what = `${verb} ${JSON.stringify(s.result ?? {})} ${JSON.stringify(context)}`;
  assert.match(String(context[`${EXT}session-id`]), /^[0-9a-f-]{36}$/, what);
  assert.equal(s.object.definition.type, 'https://w3id.org/xapi/video/activity-type/video');
  assert.ok(s.context.contextActivities.category.some((c: any) => c.id === 'https://w3id.org/xapi/video'), what);
  const num = (v: unknown) => assert.equal(typeof v, 'number', `${what}: ${String(v)} is a number`);
  if (verb === 'initialized') {
    num(context[`${EXT}length`]);
    num(context[`${EXT}completion-threshold`]);
    num(context[`${EXT}volume`]);
    for (const k of ['full-screen', 'cc-subtitle-enabled']) assert.equal(typeof context[`${EXT}${k}`], 'boolean', what);
    for (const k of ['screen-size', 'video-playback-size']) assert.match(String(context[`${EXT}${k}`]), /^\d+x\d+$/, what);
    assert.match(String(context[`${EXT}speed`]), /^\d+(\.\d+)?x$/, what);
  }
  if (['played', 'paused', 'interacted', 'completed', 'terminated'].includes(verb!)) num(result[`${EXT}time`]);
  if (verb === 'seeked') {
    num(result[`${EXT}time-from`]);
    num(result[`${EXT}time-to`]);
  }
  if (['paused', 'completed', 'terminated'].includes(verb!)) {
    num(result[`${EXT}progress`]);
    assert.match(String(result[`${EXT}played-segments`]), /^(\d+(\.\d+)?\[\.\]\d+(\.\d+)?(\[,\]|$))*$/, what);
  }
  if (verb === 'completed') {
    assert.equal(s.result.completion, true);
    assert.match(s.result.duration, /^PT/);
  }
}

describe('video player for learners, in the LMS iframe (Chromium)', { skip }, () => {
  const fixture = useRegisteredPlatform({ GRADES_RETRY_BASE_MS: '50' });
  let app: TestApp;
  let platform: TestPlatform;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let clip: string;
  let teacher: LaunchedPerson;
  let resource: ResourceRow;

  before(async () => {
    browser = await launchChromium({ args: ['--autoplay-policy=no-user-gesture-required'] });
    clip = await generateClip({ width: 320, height: 180, seconds: CLIP_SECONDS });
  });
  after(async () => {
    await context?.close();
    await browser?.close();
  });
  beforeEach(async () => {
    ({ app, platform } = fixture);
    teacher = await launchPerson(app.ctx.db, platform, app.url, TEACHER);
    resource = await createResource(app.ctx.db, {
      platform_id: teacher.platformId,
      context_id: teacher.contextId,
      created_by: teacher.userId,
      title: 'Cours 1 : les moyennes',
      score_maximum: 10,
    });
  });

  async function newPage(colorScheme: 'light' | 'dark'): Promise<Page> {
    await context?.close();
    context = await browser!.newContext({ locale: 'fr-FR', colorScheme, viewport: { width: 1100, height: 1200 } });
    return context.newPage();
  }

  async function openAsLearner(page: Page): Promise<Frame> {
    const spec: LaunchSpec = {
      sub: 'student-sam',
      name: 'Sam Taylor',
      roles: [ROLE.learner],
      context: COURSE,
      locale: 'fr-FR',
      resourceLink: { id: 'rl-video-1', title: 'Semaine 1' },
      custom: { amphi_resource_id: resource.id },
    };
    const frame = await openCoursePage(page, platform.prepareLaunch(app.url, spec, { loginMethod: 'POST' }));
    await assertAppShown(frame);
    await frame
      .getByTestId('video-player')
      .waitFor({ timeout: 15_000 })
      .catch(async () => assert.fail(`no player; the page reads: ${await visibleText(frame)}`));
    return frame;
  }

  /** Polls an expression in the frame (waitForFunction's string form would need 'unsafe-eval', which the CSP forbids). */
  const waitUntil = (frame: Frame, js: string, what: string, timeoutMs = 10_000) =>
    eventually(what, async () => Boolean(await frame.evaluate(`(() => { const v = document.querySelector('[data-testid="player-video"]'); return ${js}; })()`)), timeoutMs);
  /** A menu opened and its chosen item took focus (keys pressed earlier would go to the button). */
  const menuFocused = (frame: Frame) =>
    eventually('focus in the open menu', async () => (await frame.evaluate('document.activeElement && document.activeElement.getAttribute("role")')) === 'menuitemradio');
  const videoProp = (frame: Frame, js: string) => frame.evaluate(`(() => { const v = document.querySelector('[data-testid="player-video"]'); return ${js}; })()`);
  const currentTime = async (frame: Frame) => Number(await videoProp(frame, 'v.currentTime'));
  const focused = (frame: Frame) => frame.evaluate('document.activeElement && document.activeElement.getAttribute("data-testid")');
  const storedVideoStatements = async () =>
    (await app.ctx.db.selectFrom('lrs_statements').select(['statement', 'verb_id']).orderBy('seq').execute())
      .map((r) => (typeof r.statement === 'string' ? JSON.parse(r.statement) : r.statement) as any)
      .filter((s) => Object.values(VERB).includes(s.verb.id) && s.object?.id?.includes(resource.id));

  it('plays the HLS stream, works from the keyboard, tracks the session, grades it and offers to resume', async () => {
    // The teacher's upload, through tus and the transcoding job, with two chapters.
    const up = await uploadVideo(app.url, teacher.token, resource.id, clip);
    assert.equal(up.status, 204, JSON.stringify(up.body));
    const ready = await waitForVideo(app.url, teacher.token, resource.id, (v) => v.status === 'ready' && v.processing === null, 120_000);
    assert.ok(ready.media?.storyboardVttUrl, 'the pipeline made a storyboard');
    const chapters = [
      { startSeconds: 0, title: 'Introduction' },
      { startSeconds: 4, title: 'Exemple' },
    ];
    const patched = await teacher.api('PATCH', `/api/videos/${resource.id}`, { chapters });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));

    const page = await newPage('light');
    const consoleLines = collectConsole(page);
    const frame = await openAsLearner(page);
    assert.equal(await frame.getByTestId('player-resume').count(), 0, 'nothing to resume on a first visit');
    assert.equal(await frame.getByTestId('player-chapter').count(), 2);
    assert.equal(await frame.getByTestId('player-current-chapter').textContent(), ui('player.chapters.current', { title: 'Introduction' }));

    // Play: hls.js loads a level and the time advances.
    await frame.getByTestId('player-play').click();
    await waitUntil(frame, 'v.currentTime > 0.5', 'playback', 20_000);
    const player = frame.getByTestId('video-player');

    // The watched share grows while the video plays, without a pause: the page adds what it plays
    // to the server's figure. The server, which has no segment yet (no pause), still credits none.
    const shownProgress = frame.getByTestId('video-progress');
    await shownProgress.waitFor();
    const startShare = Number(await shownProgress.getAttribute('data-watched'));
    await eventually('the shown share grows while playing', async () => Number(await shownProgress.getAttribute('data-watched')) >= startShare + 0.1, 15_000);
    assert.equal(await videoProp(frame, 'v.paused'), false, 'no pause was needed');
    assert.match((await shownProgress.textContent()) ?? '', /^Visionné[\u00a0\u202f]: \d+[\u00a0\u202f]%$/, 'a French percentage');
    const learnerRow = await app.ctx.db.selectFrom('lti_users').select('id').where('sub', '=', 'student-sam').executeTakeFirstOrThrow();
    const credited = await findVideoProgress(app.ctx.db, { platformId: teacher.platformId, resourceId: resource.id, userId: learnerRow.id });
    assert.equal(credited?.watchedShare ?? 0, 0, 'what the page shows is not what the server credits');

    assert.equal(await player.getAttribute('data-engine'), 'hls.js');
    assert.ok(Number(await player.getAttribute('data-level')) >= 0, 'hls.js switched to a level');

    // Keyboard: Space pauses (from the seek slider), → goes 5 s forward, C says there are no captions.
    await frame.getByTestId('player-seek').focus();
    await page.keyboard.press('Space');
    await waitUntil(frame, 'v.paused', 'paused');
    assert.equal(await frame.getByTestId('player-status').textContent(), ui('player.status.paused'));
    const before = await currentTime(frame);
    await page.keyboard.press('ArrowRight');
    await eventually('the seek', async () => Math.abs((await currentTime(frame)) - (before + 5)) < 0.3);
    // Seeking by keyboard shows the storyboard thumbnail of the target time.
    const preview = frame.getByTestId('player-seek-preview');
    await preview.waitFor();
    assert.match((await preview.locator('.amphi-seek-preview-image').getAttribute('style')) ?? '', /storyboard\.jpg/);
    // The slider and the chapter follow once the seek completes.
    await frame.getByTestId('player-current-chapter').filter({ hasText: ui('player.chapters.current', { title: 'Exemple' }) }).waitFor();
    assert.match((await frame.getByTestId('player-seek').getAttribute('aria-valuetext')) ?? '', /^\d s sur 12 s$/);
    await page.keyboard.press('c');
    assert.equal(await frame.getByTestId('player-status').textContent(), ui('player.status.noCaptions'));
    assert.equal(await frame.getByTestId('player-captions').count(), 0, 'no captions menu without captions');

    // Speed menu: Enter opens it on the current speed, End + Enter choose 2×, focus comes back.
    await frame.getByTestId('player-speed').focus();
    await page.keyboard.press('Enter');
    await menuFocused(frame);
    assert.equal(await frame.getByRole('menuitemradio', { checked: true }).textContent(), ui('player.speed.normal'));
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    assert.equal(await videoProp(frame, 'v.playbackRate'), 2);
    assert.equal(await frame.getByTestId('player-speed-menu').count(), 0);
    assert.equal(await focused(frame), 'player-speed', 'focus comes back to the menu button');

    // Quality menu: Auto by default; ↓ opens it, a rendition is chosen, then Auto again.
    await frame.getByTestId('player-quality').focus();
    await page.keyboard.press('ArrowDown');
    await menuFocused(frame);
    assert.equal(await frame.getByRole('menuitemradio', { checked: true }).textContent(), ui('player.quality.auto'));
    await page.keyboard.press('End');
    const rendition = (await frame.getByRole('menuitemradio').last().textContent())!;
    await page.keyboard.press('Enter');
    assert.equal(await frame.getByTestId('player-quality').getAttribute('aria-label'), ui('player.quality.current', { name: rendition }));
    await page.keyboard.press('ArrowDown');
    await menuFocused(frame);
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    assert.match((await frame.getByTestId('player-quality').getAttribute('aria-label')) ?? '', new RegExp(ui('player.quality.auto')));
    await page.keyboard.press('Escape');

    // The whole clip from the start at 2×: completion comes from watched segments.
    await frame.getByTestId('player-seek').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('k');
    await waitUntil(frame, 'v.ended', 'ended', 30_000);
    await frame.locator('[data-testid="video-progress"][data-completed="true"]').waitFor({ timeout: 15_000 });
    // Screen readers hear the share at its quarters and the completion, not at every second.
    await frame.getByTestId('video-progress-news').filter({ hasText: /^Visionné[\u00a0\u202f]: \d+[\u00a0\u202f]%\. Terminé\.$/ }).waitFor();
    assert.equal(await frame.getByTestId('player-status').textContent(), ui('player.status.ended'));

    // Stop at 6 s (key 5 = 50 %) and leave the page: terminated goes by sendBeacon.
    await page.keyboard.press('5');
    await eventually('the jump to 50 %', async () => Math.abs((await currentTime(frame)) - CLIP_SECONDS / 2) < 0.3);
    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], formatViolations(violations));
    assert.deepEqual(consoleLines.filter(isCspViolation), [], 'the player breaks no CSP rule');
    await page.goto('about:blank');

    const statements = await eventually('the terminated statement', async () => {
      const all = await storedVideoStatements();
      return all.some((s) => s.verb.id === VERB.terminated) ? all : undefined;
    }, 15_000);
    const verbs = statements.map((s) => Object.entries(VERB).find(([, id]) => id === s.verb.id)![0]);
    for (const verb of ['initialized', 'played', 'paused', 'seeked', 'interacted', 'completed', 'terminated']) assert.ok(verbs.includes(verb), `${verb} in ${verbs}`);
    assert.equal(verbs[0], 'initialized');
    assert.equal(verbs.filter((v) => v === 'completed').length, 1);
    assert.equal(new Set(statements.map((s) => s.context.extensions[`${EXT}session-id`])).size, 1, 'one session');
    assert.ok(statements.every((s) => s.actor.account.name === 'student-sam'));
    statements.forEach(assertVideoProfile);
    const speed = statements.find((s) => s.verb.id === VERB.interacted && s.context.extensions[`${EXT}speed`]);
    assert.equal(speed?.context.extensions[`${EXT}speed`], '2x');

    // Progress kept, grade sent.
    const learner = await app.ctx.db.selectFrom('lti_users').select('id').where('sub', '=', 'student-sam').executeTakeFirstOrThrow();
    const progress = await findVideoProgress(app.ctx.db, { platformId: teacher.platformId, resourceId: resource.id, userId: learner.id });
    assert.equal(progress?.completed, true);
    assert.ok(progress!.watchedShare >= 0.9, `watched ${progress!.watchedShare}`);
    const score = await eventually('a score at the platform', () => platform.receivedScores.find((s) => s.body.activityProgress === 'Completed'));
    assert.equal(score.userId, 'student-sam');
    assert.ok(Number(score.body.scoreGiven) >= 9, `score ${score.body.scoreGiven}`);
    assert.equal(score.body.scoreMaximum, 10);

    // Next launch (dark theme): resume at 0:06 is offered and works.
    const second = await newPage('dark');
    const again = await openAsLearner(second);
    await again.getByTestId('player-resume').waitFor();
    assert.equal(await again.getByTestId('player-resume-at').textContent(), ui('player.resume.at', { time: '0:06' }));
    const darkViolations = await checkFrameAccessibility(again);
    assert.deepEqual(darkViolations, [], formatViolations(darkViolations));
    await again.getByTestId('player-resume-at').click();
    await waitUntil(again, '!v.paused', '!paused');
    assert.ok((await currentTime(again)) >= 5.5, 'resumed where the learner stopped');
    assert.equal(await again.getByTestId('player-resume').count(), 0);
  });

  it('plays an audio-only media with its poster as artwork and no picture controls', async () => {
    const audio = await generateClip({ container: 'm4a', seconds: 4 });
    const up = await uploadVideo(app.url, teacher.token, resource.id, audio, { fileType: 'audio/mp4' });
    assert.equal(up.status, 204, JSON.stringify(up.body));
    const ready = await waitForVideo(app.url, teacher.token, resource.id, (v) => v.status === 'ready' && v.processing === null, 120_000);
    assert.equal(ready.media?.audioOnly, true);

    const page = await newPage('light');
    const frame = await openAsLearner(page);
    const player = frame.getByTestId('video-player');
    assert.equal(await player.getAttribute('aria-label'), ui('player.regionAudio', { title: 'Cours 1 : les moyennes' }));
    // The artwork is shown once its image (the waveform poster, through its signed URL) has loaded.
    const artwork = frame.locator('.amphi-player-artwork');
    await artwork.waitFor({ state: 'visible', timeout: 15_000 });
    await frame.waitForFunction(() => ((document.querySelector('.amphi-player-artwork') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0, undefined, { timeout: 15_000 });
    assert.ok((await artwork.evaluate((img: HTMLImageElement) => img.naturalWidth)) > 0, 'the poster is shown as artwork');
    assert.equal(await frame.getByTestId('player-fullscreen').count(), 0);
    assert.equal(await frame.getByTestId('player-quality').count(), 0);
    await frame.getByTestId('player-play').focus();
    await page.keyboard.press('k');
    await waitUntil(frame, 'v.currentTime > 0.5', 'audio playback', 20_000);
    await page.keyboard.press('m');
    assert.equal(await videoProp(frame, 'v.muted'), true);
    assert.equal(await frame.getByTestId('player-status').textContent(), ui('player.status.muted'));
    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], formatViolations(violations));
  });
});
