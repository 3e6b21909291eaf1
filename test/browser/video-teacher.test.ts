/**
 * The teacher's video page in Chromium, framed by a course page as Moodle shows it: upload a real
 * clip (tus, resumable) and watch it convert until the preview plays; a refused file; pause and
 * resume; chapters and settings saved and read back; accessibility in light and dark.
 */
import assert from 'node:assert/strict';
import { basename } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { MessageKey } from '../../tool/src/i18n/en.js';
import { t as translate } from '../../tool/src/i18n/i18n.js';
import { launchPage, type LaunchedPage } from '../support/api-client.js';
import { eventually } from '../support/factories.js';
import { useRegisteredPlatform } from '../support/lti-fixture.js';
import { generateClip } from '../support/media-fixtures.js';
import { ROLE, type LaunchSpec, type TestPlatform } from '../support/test-platform.js';
import type { TestApp } from '../support/test-app.js';
import { CHROMIUM_PATH, formatViolations, isChromiumAvailable, launchChromium } from './chromium.js';
import { checkFrameAccessibility, COOKIE_CONTROLS, launchWithCookieControls, openCoursePage, visibleText } from './lms-browser.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;

const COURSE = { id: 'bio201', title: 'Cell Biology', label: 'BIO201' };
const TEACHER = { sub: 'teacher-ines', name: 'Inès Martin', roles: [ROLE.instructor], context: COURSE };
/** Conversion of a tiny clip on a busy 2-core machine: generous, the test still fails if it never ends. */
const PROCESSING_TIMEOUT = 120_000;

function ui(locale: 'fr' | 'en', key: MessageKey, params: Record<string, string> = {}): string {
  return translate(locale, key, params);
}

describe('the teacher’s video page, in the LMS iframe (Chromium)', { skip }, () => {
  const fixture = useRegisteredPlatform();
  let app: TestApp;
  let platform: TestPlatform;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
  });
  beforeEach(async () => {
    ({ app, platform } = fixture);
    await context?.close();
    context = undefined;
  });

  async function newPage(locale: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    await context?.close();
    context = await browser!.newContext({ locale, colorScheme, viewport: { width: 1280, height: 1400 } });
    return context.newPage();
  }

  /** A video activity of the course (made through the API, as the picker does) and its link's launch spec. */
  async function videoActivity(title: string, locale: string): Promise<{ id: string; spec: LaunchSpec; api: LaunchedPage }> {
    const api = await launchPage(platform, app.url, { ...TEACHER, messageType: 'LtiDeepLinkingRequest' });
    const created = await api.api('POST', '/api/resources', { kind: 'video', title });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const spec: LaunchSpec = {
      ...TEACHER,
      locale,
      resourceLink: { id: `rl-${created.body.id}`, title },
      custom: { amphi_resource_id: created.body.id },
    };
    return { id: created.body.id, spec, api };
  }

  async function openEditor(page: Page, spec: LaunchSpec): Promise<Frame> {
    const frame = await openCoursePage(page, platform.prepareLaunch(app.url, spec, { loginMethod: 'POST' }));
    await frame.getByTestId('instructor-video').waitFor().catch(async () => assert.fail(`no video editor; the page reads: ${await visibleText(frame)}`));
    return frame;
  }

  it('uploads a clip: the bar reaches 100 %, the conversion shows, then the preview plays; chapters take the player’s time', async () => {
    const { spec } = await videoActivity('Mitosis in 4 seconds', 'en-GB');
    const clip = await generateClip({ width: 320, height: 180, seconds: 4 });
    const page = await newPage('en-GB');
    const frame = await openEditor(page, spec);
    assert.equal(await frame.getByTestId('resource-tab-video').getAttribute('aria-selected'), 'true', 'a video opens on its own tab');
    assert.equal(await frame.getByTestId('video-badge').getAttribute('data-state'), 'empty');
    assert.equal(await frame.getByTestId('video-preview-empty').textContent(), ui('en', 'videoEditor.preview.empty'));

    await frame.getByTestId('upload-input').setInputFiles(clip);
    await frame.locator('[data-testid="upload-progress-bar"][value="100"]').waitFor();
    await frame.locator('[data-testid="video-processing"]').waitFor({ timeout: PROCESSING_TIMEOUT });
    await frame.locator('[data-testid="video-badge"][data-state="ready"]').waitFor({ timeout: PROCESSING_TIMEOUT });
    await frame.getByTestId('video-news').filter({ hasText: ui('en', 'videoEditor.news.ready') }).waitFor();
    assert.equal(await frame.getByTestId('video-processing').count(), 0, 'nothing left in preparation');
    assert.equal(await frame.getByTestId('upload-dropzone').count(), 1, 'a new file may replace it');
    assert.match((await frame.getByTestId('video-upload').textContent()) ?? '', new RegExp(ui('en', 'videoEditor.upload.replaceNote')));

    // The preview plays (the real player, hls.js over the signed media URLs).
    await frame.getByTestId('player-play').click();
    const played = await eventually('the preview plays past 1 s', async () => {
      const time = Number(await frame.getByTestId('player-video').evaluate((v: HTMLVideoElement) => v.currentTime));
      return time > 1 ? time : undefined;
    }, 30_000);
    assert.ok(played > 1);
    await frame.getByTestId('player-play').click();
    await frame.getByTestId('player-video').evaluate((v: HTMLVideoElement) => {
      v.pause();
      v.currentTime = 2.4;
    });

    // "Use the player's time" on a new chapter.
    await frame.getByTestId('chapter-add').click();
    await frame.getByTestId('chapter-title').last().fill('Anaphase');
    await frame.getByTestId('chapter-start').last().fill('');
    await frame.getByTestId('chapter-use-time').last().click();
    assert.equal(await frame.getByTestId('chapter-start').last().inputValue(), '0:02');
    await frame.getByTestId('chapters-save').click();
    await frame.getByTestId('chapters-status').filter({ hasText: ui('en', 'videoEditor.chapters.saved.one', { count: '1' }) }).waitFor();
    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], `with the preview player:\n${formatViolations(violations)}`);
  });

  it('shows the server’s reason for a refused file, and keeps nothing', async () => {
    const { id, spec, api } = await videoActivity('Not a video', 'fr-FR');
    const page = await newPage('fr-FR');
    const frame = await openEditor(page, spec);
    await frame.getByTestId('upload-input').setInputFiles({ name: 'cours.mp4', mimeType: 'video/mp4', buffer: Buffer.from('Notes du cours : ceci n’est pas une vidéo.\n'.repeat(20)) });
    const error = frame.getByTestId('upload-error');
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    assert.match(text, new RegExp(ui('fr', 'videoEditor.upload.refused', { name: 'cours.mp4' })));
    const code = await error.getAttribute('data-code');
    assert.ok(code && !code.startsWith('http-') && code !== 'network', `the server’s own code, not a fallback: ${code}`);
    assert.equal(await error.getByRole('alert').count(), 1, 'announced at once');

    const video = await api.api('GET', `/api/videos/${id}`);
    assert.equal(video.status, 200);
    assert.equal(video.body.processing, null, 'no media in preparation');
    assert.equal(video.body.media, null);
    assert.equal(await frame.getByTestId('upload-dropzone').count(), 1, 'another file can be chosen');
  });

  /** Slows the frame's uploads (DevTools throttling of the out-of-process iframe) so a pause lands mid-way. */
  async function throttleUploads(target: BrowserContext, frame: Frame): Promise<{ stop(): Promise<void> }> {
    const cdp = await target.newCDPSession(frame);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 40 * 1024 });
    return { stop: async () => void (await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })) };
  }

  /** The tus creations (POST /api/uploads/) the browser sends: one per upload that starts from zero. */
  function watchUploadCreations(target: BrowserContext): string[] {
    const creations: string[] = [];
    target.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/uploads/') creations.push(request.url());
    });
    return creations;
  }

  const percentOf = async (frame: Frame) => Number(await frame.getByTestId('upload-progress').getAttribute('data-percent'));

  /** Starts uploading `clip` and pauses it once a few percent are sent: the percent it paused at. */
  async function startThenPause(frame: Frame, clip: string, after = 5): Promise<number> {
    await frame.getByTestId('upload-input').setInputFiles(clip);
    await frame.locator('[data-testid="upload-progress"][data-phase="uploading"]').waitFor();
    await eventually('some bytes are sent', async () => (await percentOf(frame)) > after || undefined, 30_000);
    await frame.getByTestId('upload-pause').click();
    await frame.locator('[data-testid="upload-progress"][data-phase="paused"]').waitFor();
    return percentOf(frame);
  }

  it('pauses and resumes an upload, which goes on from where it was and completes', async () => {
    const { id, spec, api } = await videoActivity('Meiosis', 'en-GB');
    const clip = await generateClip({ width: 640, height: 360, seconds: 4 });
    const page = await newPage('en-GB');
    const creations = watchUploadCreations(context!);
    const frame = await openEditor(page, spec);
    const throttle = await throttleUploads(context!, frame);

    const pausedAt = await startThenPause(frame, clip);
    assert.ok(pausedAt > 0 && pausedAt < 100, `paused at ${pausedAt} %`);
    await frame.getByTestId('upload-news').filter({ hasText: ui('en', 'videoEditor.upload.pausedAt', { percent: `${pausedAt}%` }) }).waitFor();
    assert.equal((await api.api('GET', `/api/videos/${id}`)).body.processing, null, 'nothing is processed while paused');

    await frame.getByTestId('upload-resume').click();
    const seen: number[] = [];
    await eventually('the upload goes on past where it paused', async () => {
      seen.push(await percentOf(frame));
      return seen[seen.length - 1]! > pausedAt + 2 || undefined;
    }, 30_000);
    // The server keeps what it received; bytes still in flight at the pause are sent again, so the bar may step back a little.
    assert.ok(Math.min(...seen) > 0, `resuming does not start over: ${seen.join(', ')} after ${pausedAt}`);
    assert.equal(creations.length, 1, 'the same tus upload continues');
    await throttle.stop();
    await frame.locator('[data-testid="upload-progress-bar"][value="100"]').waitFor({ timeout: 60_000 });
    await frame.locator('[data-testid="video-badge"][data-state="ready"]').waitFor({ timeout: PROCESSING_TIMEOUT });
  });

  it('cancels an upload: the server forgets it and another file can be chosen', async () => {
    const { id, spec, api } = await videoActivity('Diffusion', 'fr-FR');
    const clip = await generateClip({ width: 640, height: 360, seconds: 4 });
    const page = await newPage('fr-FR');
    const created: string[] = [];
    context!.on('response', (response) => {
      const location = response.headers().location;
      if (response.request().method() === 'POST' && response.url().endsWith('/api/uploads/') && location) created.push(new URL(location, app.url).toString());
    });
    const frame = await openEditor(page, spec);
    await throttleUploads(context!, frame);
    await frame.getByTestId('upload-input').setInputFiles(clip);
    await frame.locator('[data-testid="upload-progress"][data-phase="uploading"]').waitFor();
    await eventually('the upload is created', () => created.length > 0 || undefined, 30_000);
    const headUpload = () => fetch(created[0]!, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${api.token}` } });
    assert.equal((await headUpload()).status, 200, 'the server holds the upload while it runs');
    await frame.getByTestId('upload-cancel').click();
    await frame.getByTestId('upload-dropzone').waitFor();
    assert.equal(await frame.getByTestId('upload-progress').count(), 0);

    // tus termination: the upload URL is gone on the server, and nothing is in preparation.
    const head = await eventually('the upload is terminated', async () => {
      const res = await headUpload();
      return res.status === 404 || res.status === 410 ? res.status : undefined;
    });
    assert.ok(head === 404 || head === 410);
    assert.equal((await api.api('GET', `/api/videos/${id}`)).body.processing, null);
  });

  it('continues an unfinished upload after the tab is reopened (a browser that keeps the frame’s storage)', async () => {
    const { spec } = await videoActivity('Osmosis', 'en-GB');
    const clip = await generateClip({ width: 640, height: 360, seconds: 4 });
    // tus remembers upload URLs in localStorage, which a framed page only has when third-party storage is allowed (Chrome's default).
    const chrome = await launchWithCookieControls(COOKIE_CONTROLS.allowAll, { locale: 'en-GB' });
    try {
      const creations = watchUploadCreations(chrome.context);
      let frame = await openEditor(chrome.page, spec);
      await throttleUploads(chrome.context, frame);
      const pausedAt = await startThenPause(frame, clip);
      assert.ok(pausedAt < 100);

      frame = await openEditor(chrome.page, spec);
      await frame.getByTestId('upload-interrupted').filter({ hasText: basename(clip) }).waitFor();
      await frame.getByTestId('upload-input').setInputFiles(clip);
      await frame.locator('[data-testid="upload-progress-bar"][value="100"]').waitFor({ timeout: 60_000 });
      await frame.locator('[data-testid="video-badge"][data-state="ready"]').waitFor({ timeout: PROCESSING_TIMEOUT });
      assert.equal(creations.length, 1, `one tus upload created, then continued: ${creations.join(', ')}`);
      assert.equal(await frame.getByTestId('upload-interrupted').count(), 0, 'forgotten once complete');
    } finally {
      await chrome.close();
    }
  });

  it('edits chapters with the keyboard: errors at the fields, saved sorted, read back on the next launch', async () => {
    const { spec } = await videoActivity('Photosynthesis', 'fr-FR');
    const page = await newPage('fr-FR');
    let frame = await openEditor(page, spec);
    assert.equal(await frame.getByTestId('chapters-empty').count(), 1);

    // Keyboard only: the add button, then the new row's fields (focus goes to its title).
    await frame.getByTestId('chapter-add').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Introduction');
    await frame.getByTestId('chapter-add').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('La phase claire');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2:75');
    await frame.getByTestId('chapter-add').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('0:45');
    await frame.getByTestId('chapters-save').focus();
    await page.keyboard.press('Enter');

    const starts = frame.getByTestId('chapter-start');
    await frame.locator('[data-testid="chapter-start"][aria-invalid="true"]').first().waitFor();
    assert.ok(await frame.getByText(ui('fr', 'videoEditor.chapters.error.time')).count());
    assert.ok(await frame.getByText(ui('fr', 'videoEditor.chapters.error.titleRequired')).count());
    // Focus moves after the errors render (an effect): wait for it rather than race it.
    await eventually('focus goes to the first field in error', async () => (await frame.evaluate('document.activeElement.getAttribute("aria-invalid")')) === 'true');

    // Fix them: the unreadable time and the missing title.
    await frame.locator('[data-testid="chapter-start"][aria-invalid="true"]').fill('2:15');
    await frame.locator('[data-testid="chapter-title"][aria-invalid="true"]').fill('Le cycle de Calvin');
    await frame.getByTestId('chapters-save').click();
    await frame.getByTestId('chapters-status').filter({ hasText: ui('fr', 'videoEditor.chapters.saved.other', { count: '3' }) }).waitFor();
    assert.deepEqual(await starts.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)), ['0:00', '0:45', '2:15']);

    // Removing one, then reading them back on a new launch.
    await frame.getByTestId('chapter-remove').nth(1).click();
    await frame.getByTestId('chapters-save').click();
    await frame.getByTestId('chapters-status').filter({ hasText: ui('fr', 'videoEditor.chapters.saved.other', { count: '2' }) }).waitFor();
    frame = await openEditor(page, spec);
    await frame.getByTestId('chapter-row').nth(1).waitFor();
    assert.deepEqual(await frame.getByTestId('chapter-title').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)), ['Introduction', 'La phase claire']);
  });

  it('keeps every setting in the Settings tab: errors at the fields, the header follows, values read back, chapters kept', async () => {
    const { id, spec, api } = await videoActivity('Respiration', 'en-GB');
    const page = await newPage('en-GB');
    let frame = await openEditor(page, spec);
    // The Video tab is for the media: upload, preview, chapters, captions; no second settings form.
    assert.equal(await frame.getByTestId('video-settings-form').count(), 0);
    assert.equal(await frame.getByLabel(ui('en', 'form.title')).count(), 0);

    await frame.getByTestId('resource-tab-settings').click();
    const threshold = frame.getByTestId('resource-settings-threshold');
    assert.equal(await threshold.inputValue(), '90', 'the server’s default');
    await threshold.fill('30');
    await frame.getByTestId('resource-settings-title').fill('');
    await frame.getByTestId('resource-save').click();
    await frame.getByText(ui('en', 'videoEditor.settings.error.threshold', { min: '50', max: '100' })).waitFor();
    assert.equal(await threshold.getAttribute('aria-invalid'), 'true');
    assert.equal(await frame.evaluate('document.activeElement && document.activeElement.getAttribute("data-testid")'), 'resource-settings-threshold', 'focus goes to the field in error');
    await threshold.fill('80');
    await frame.getByTestId('resource-save').click();
    await frame.locator('[data-testid="resource-settings-title"][aria-invalid="true"]').waitFor();

    await frame.getByTestId('resource-settings-title').fill('Cellular respiration');
    await frame.getByTestId('resource-settings-description').fill('Watch before the lab.');
    await frame.getByLabel(ui('en', 'form.video.allowDownload')).check();
    await frame.getByTestId('resource-settings-graded').check();
    await frame.getByTestId('resource-settings-max-score').fill('20');
    await frame.getByTestId('resource-save').click();
    await frame.getByTestId('resource-settings-status').filter({ hasText: ui('en', 'resource.settings.saved') }).waitFor();
    await frame.getByTestId('resource-title').filter({ hasText: 'Cellular respiration' }).waitFor();
    const video = (await api.api('GET', `/api/videos/${id}`)).body;
    assert.deepEqual([video.title, video.description, video.allowDownload, video.completionThreshold], ['Cellular respiration', 'Watch before the lab.', true, 0.8]);

    // Chapters from the Video tab, then the settings saved again: neither loses the other's values.
    await api.api('PATCH', `/api/videos/${id}`, { chapters: [{ startSeconds: 0, title: 'Glycolysis' }] });
    frame = await openEditor(page, spec);
    await frame.getByTestId('resource-tab-settings').click();
    assert.equal(await frame.getByTestId('resource-settings-title').inputValue(), 'Cellular respiration');
    assert.equal(await frame.getByTestId('resource-settings-description').inputValue(), 'Watch before the lab.');
    assert.equal(await frame.getByTestId('resource-settings-threshold').inputValue(), '80');
    assert.equal(await frame.getByLabel(ui('en', 'form.video.allowDownload')).isChecked(), true);
    assert.equal(await frame.getByTestId('resource-settings-max-score').inputValue(), '20');
    await frame.getByTestId('resource-settings-threshold').fill('75');
    await frame.getByTestId('resource-save').click();
    await frame.getByTestId('resource-settings-status').filter({ hasText: ui('en', 'resource.settings.saved') }).waitFor();
    const after = (await api.api('GET', `/api/videos/${id}`)).body;
    assert.equal(after.completionThreshold, 0.75);
    assert.deepEqual(after.chapters, [{ startSeconds: 0, title: 'Glycolysis' }]);
  });

  it('has no accessibility violation of any impact, in light and dark, French and English', async () => {
    for (const [locale, scheme] of [['fr-FR', 'light'], ['fr-FR', 'dark'], ['en-GB', 'light'], ['en-GB', 'dark']] as const) {
      const { spec } = await videoActivity(locale === 'fr-FR' ? 'Cours 3 : la membrane' : 'Lesson 3: the membrane', locale);
      const page = await newPage(locale, scheme);
      const frame = await openEditor(page, spec);
      // An error in a chapter and a refused file: the states with the most to check.
      await frame.getByTestId('chapter-add').click();
      await frame.getByTestId('chapters-save').click();
      await frame.locator('[data-testid="chapter-title"][aria-invalid="true"]').waitFor();
      await frame.getByTestId('upload-input').setInputFiles({ name: 'vide.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(0) });
      await frame.getByTestId('upload-error').waitFor();
      const violations = await checkFrameAccessibility(frame);
      assert.deepEqual(violations, [], `${locale} ${scheme}, Video tab:\n${formatViolations(violations)}`);
      // The Settings tab, with a field in error.
      await frame.getByTestId('resource-tab-settings').click();
      await frame.getByTestId('resource-settings-threshold').fill('10');
      await frame.getByTestId('resource-save').click();
      await frame.locator('[data-testid="resource-settings-threshold"][aria-invalid="true"]').waitFor();
      const settings = await checkFrameAccessibility(frame);
      assert.deepEqual(settings, [], `${locale} ${scheme}, Settings tab:\n${formatViolations(settings)}`);
    }
  });
});
