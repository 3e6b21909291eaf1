/**
 * The transcript under the learner's player in Chromium, inside the LMS iframe: a video with a
 * French and an English track (imported by the teacher through the API). The panel follows
 * playback, searches without accents or case, seeks when a sentence is chosen, switches
 * language, downloads as text; the captions menu shows the chosen track; axe in light and dark.
 * One app, one browser, one launch.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { MessageKey } from '../../tool/src/i18n/en.js';
import { t as translate } from '../../tool/src/i18n/i18n.js';
import { createResource, eventually, launchPerson } from '../support/factories.js';
import { speechClip } from '../support/media-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../support/test-platform.js';
import { uploadVideo, waitForVideo } from '../support/video-client.js';
import { CHROMIUM_PATH, formatViolations, isChromiumAvailable, launchChromium } from './chromium.js';
import { assertAppShown, checkFrameAccessibility, openCoursePage, visibleText } from './lms-browser.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;

const COURSE = { id: 'lit102', title: 'Lectures', label: 'LIT102' };
const TEACHER = { sub: 'teacher-rose', name: 'Rose Martin', roles: [ROLE.instructor], context: COURSE };
const ui = (key: MessageKey, params: Record<string, string> = {}) => translate('fr', key, params);

const vtt = (lines: string[]) => ['WEBVTT', '', ...lines.flatMap((text, i) => [`00:0${i}.${i ? '100' : '000'} --> 00:0${i + 1}.100`, text, ''])].join('\n');
const FRENCH = vtt(['Il aurait même pu', 'devenir aimable,', 'lui-même, cet été.']);
const ENGLISH = vtt(['He might even', 'have been made', 'amiable himself.']);

describe('the transcript under the learner’s player, in the LMS iframe (Chromium)', { skip }, () => {
  let app: TestApp;
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let frame: Frame;
  const tracks: Record<string, string> = {};

  before(async () => {
    let clip: string;
    [app, platform, browser, clip] = await Promise.all([
      startTestApp(),
      TestPlatform.start(),
      launchChromium({ args: ['--autoplay-policy=no-user-gesture-required'] }),
      speechClip(),
    ]);
    await app.register(platform);
    const teacher = await launchPerson(app.ctx.db, platform, app.url, TEACHER);
    const resource = await createResource(app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId, title: 'Raison et sentiments' });
    const up = await uploadVideo(app.url, teacher.token, resource.id, clip);
    assert.equal(up.status, 204, JSON.stringify(up.body));
    await waitForVideo(app.url, teacher.token, resource.id, (v) => v.status === 'ready' && v.processing === null, 120_000);
    for (const [lang, body] of [['fr', FRENCH], ['en', ENGLISH]] as const) {
      const res = await fetch(`${app.url}/api/videos/${resource.id}/captions/import?lang=${lang}&kind=subtitles&fileName=${lang}.vtt`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${teacher.token}`, 'Content-Type': 'application/octet-stream' },
        body,
      });
      const answer = (await res.json()) as { track: { id: string } };
      assert.equal(res.status, 201, JSON.stringify(answer));
      tracks[lang] = answer.track.id;
    }
    context = await browser.newContext({ locale: 'fr-FR', colorScheme: 'light', viewport: { width: 1100, height: 1400 } });
    page = await context.newPage();
    const spec: LaunchSpec = { sub: 'student-lea', name: 'Léa Petit', roles: [ROLE.learner], context: COURSE, locale: 'fr-FR', resourceLink: { id: 'rl-transcript', title: 'Semaine 2' }, custom: { amphi_resource_id: resource.id } };
    frame = await openCoursePage(page, platform.prepareLaunch(app.url, spec, { loginMethod: 'POST' }));
    await assertAppShown(frame);
    await frame.getByTestId('video-player').waitFor({ timeout: 15_000 }).catch(async () => assert.fail(`no player; the page reads: ${await visibleText(frame)}`));
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await platform?.close();
  });

  const video = (js: string) => frame.evaluate(`(() => { const v = document.querySelector('[data-testid="player-video"]'); return ${js}; })()`);
  const cues = () => frame.getByTestId('transcript-cue');
  const currentIndex = async () => Number(await frame.locator('[data-testid="transcript-cue"][aria-current="true"]').getAttribute('data-index'));
  const marks = () => frame.getByTestId('transcript-match').allTextContents();
  async function search(query: string): Promise<void> {
    await frame.getByTestId('transcript-search').fill(query);
  }
  async function display(theme: 'light' | 'dark'): Promise<void> {
    await frame.getByRole('button', { name: ui(theme === 'dark' ? 'display.theme.dark' : 'display.theme.light') }).click();
    await frame.locator(`html[data-theme="${theme}"]`).waitFor();
  }

  it('opens in the page’s language and follows playback', async () => {
    const toggle = frame.getByTestId('transcript-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const panel = frame.getByTestId('transcript-panel');
    await panel.waitFor();
    assert.equal(await toggle.getAttribute('aria-controls'), await panel.getAttribute('id'));
    assert.equal(await panel.getAttribute('data-track-id'), tracks.fr, 'French, the page’s language');
    await eventually('three sentences', async () => (await cues().count()) === 3);
    assert.equal(await currentIndex(), 0);

    await frame.getByTestId('player-play').click();
    await eventually('the last sentence marked as it is said', async () => (await currentIndex()) === 2, 15_000);
    await frame.getByTestId('player-play').click();
  });

  it('searches without accents or case, and highlights the words as written', async () => {
    await search('ETE');
    await frame.locator('[data-testid="transcript-count"][data-total="1"]').waitFor();
    assert.equal(await frame.getByTestId('transcript-count').textContent(), ui('transcript.results', { current: '1', total: '1' }));
    assert.deepEqual(await marks(), ['été']);

    await search('e');
    await frame.locator('[data-testid="transcript-count"][data-total="10"]').waitFor();
    const found = await marks();
    assert.ok(found.includes('é') && found.includes('ê') && found.includes('e'), `e, é and ê: ${found.join(' ')}`);
    await frame.getByTestId('transcript-next').click();
    assert.equal(await frame.getByTestId('transcript-count').textContent(), ui('transcript.results', { current: '2', total: '10' }));
    await search('zzz');
    await frame.locator('[data-testid="transcript-count"][data-total="0"]').waitFor();
    assert.equal(await frame.getByTestId('transcript-count').textContent(), ui('transcript.results.none'));

    await frame.getByTestId('transcript-language').selectOption(tracks.en!);
    await eventually('the English transcript', async () => (await cues().first().textContent())?.includes('He might even'));
    await search('AMIABLE');
    await frame.locator('[data-testid="transcript-count"][data-total="1"]').waitFor();
    assert.deepEqual(await marks(), ['amiable']);
    await search('');
  });

  it('plays from a chosen sentence, and downloads the transcript as text', async () => {
    await cues().nth(1).click();
    await eventually('the seek to 1.1 s', async () => Math.abs(Number(await video('v.currentTime')) - 1.1) < 0.05);
    await eventually('the chosen sentence marked', async () => (await currentIndex()) === 1);

    const download = page.waitForEvent('download');
    await frame.getByTestId('transcript-download-text').click();
    const file = await download;
    assert.equal(file.suggestedFilename(), 'raison-et-sentiments-en.txt');
    assert.equal(fs.readFileSync((await file.path())!, 'utf8'), 'He might even have been made amiable himself.\n');
  });

  it('shows the chosen captions track by its id, and is accessible in light and dark', async () => {
    await frame.getByTestId('player-captions').click();
    await frame.getByRole('menuitemradio', { name: 'Français' }).click();
    const modes = () => video(`Object.fromEntries(Array.from(v.textTracks).map((t) => [t.id, t.mode]))`) as Promise<Record<string, string>>;
    await eventually('the French track showing', async () => (await modes())[`amphi-track-${tracks.fr}`] === 'showing').catch(async (err) => assert.fail(`${err}: ${JSON.stringify(await modes())}`));
    assert.equal((await modes())[`amphi-track-${tracks.en}`], 'disabled');
    await search('him');
    await frame.getByTestId('transcript-match').first().waitFor();
    for (const theme of ['light', 'dark'] as const) {
      await display(theme);
      const violations = await checkFrameAccessibility(frame);
      assert.deepEqual(violations, [], `${theme}:\n${formatViolations(violations)}`);
    }
  });
});
