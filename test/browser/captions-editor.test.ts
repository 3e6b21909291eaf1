/**
 * The teacher's captions in Chromium, inside the LMS iframe, on a real published video whose
 * sound is a LibriVox reading: a WebVTT file imported (a script in a cue removed and reported),
 * a cue edited with accents and autosaved, read back after a reload, split and undone from the
 * keyboard, an older version restored, someone else's save meanwhile shown as a conflict, the
 * track exported, automatic English captions made by
 * pocketsphinx; axe in light and dark. One app, one browser and one page for the whole file.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { ResourceRow } from '../../src/content/resource.table.js';
import type { MessageKey } from '../../tool/src/i18n/en.js';
import { t as translate } from '../../tool/src/i18n/i18n.js';
import { createResource, eventually, launchPerson, type LaunchedPerson } from '../support/factories.js';
import { speechClip } from '../support/media-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../support/test-platform.js';
import { uploadVideo, waitForVideo } from '../support/video-client.js';
import { CHROMIUM_PATH, formatViolations, isChromiumAvailable, launchChromium } from './chromium.js';
import { checkFrameAccessibility, openCoursePage, visibleText } from './lms-browser.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;
const pocketsphinx = fs.existsSync('/usr/bin/pocketsphinx_continuous') && fs.existsSync('/usr/share/pocketsphinx/test/data/librivox');

const COURSE = { id: 'lit101', title: 'Littérature anglaise', label: 'LIT101' };
const TEACHER = { sub: 'teacher-agnes', name: 'Agnès Dufour', roles: [ROLE.instructor], context: COURSE };
const ui = (key: MessageKey, params: Record<string, string> = {}) => translate('fr', key, params);

/** Three cues over the 3.3 s reading; the second hides a script, which the import removes. */
const VTT = [
  'WEBVTT',
  '',
  '00:00.000 --> 00:01.200',
  'Il aurait même pu',
  '',
  '00:01.200 --> 00:02.400',
  'devenir <script>alert("pwned")</script>aimable',
  '',
  '00:02.400 --> 00:03.300',
  'lui-même.',
  '',
].join('\n');
const EDITED = 'Élève, où êtes-vous ? « Ça » va très bien — ß 🎓';

describe('the teacher’s captions and subtitle editor, in the LMS iframe (Chromium)', { skip }, () => {
  let app: TestApp;
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let frame: Frame;
  let teacher: LaunchedPerson;
  let resource: ResourceRow;
  let spec: LaunchSpec;
  let trackId = '';

  before(async () => {
    let clip: string;
    [app, platform, browser, clip] = await Promise.all([startTestApp(), TestPlatform.start(), launchChromium(), speechClip()]);
    await app.register(platform);
    teacher = await launchPerson(app.ctx.db, platform, app.url, TEACHER);
    resource = await createResource(app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId, title: 'Sense and Sensibility, ch. 1' });
    const up = await uploadVideo(app.url, teacher.token, resource.id, clip);
    assert.equal(up.status, 204, JSON.stringify(up.body));
    await waitForVideo(app.url, teacher.token, resource.id, (v) => v.status === 'ready' && v.processing === null, 120_000);
    spec = { ...TEACHER, locale: 'fr-FR', resourceLink: { id: 'rl-captions', title: 'Chapitre 1' }, custom: { amphi_resource_id: resource.id } };
    context = await browser.newContext({ locale: 'fr-FR', colorScheme: 'light', viewport: { width: 1280, height: 1300 } });
    page = await context.newPage();
    frame = await openEditor();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await platform?.close();
  });

  async function openEditor(): Promise<Frame> {
    const opened = await openCoursePage(page, platform.prepareLaunch(app.url, spec, { loginMethod: 'POST' }));
    await opened
      .getByTestId('captions-panel')
      .waitFor({ timeout: 15_000 })
      .catch(async () => assert.fail(`no captions panel; the page reads: ${await visibleText(opened)}`));
    return opened;
  }
  const serverCues = async () => (await teacher.api('GET', `/api/captions/${trackId}`)).body.cues as { start: number; end: number; text: string }[];
  const rows = () => frame.getByTestId('cue-row');
  const saved = () => frame.locator('[data-testid="captions-save"][data-status="saved"]').waitFor({ timeout: 10_000 });
  async function display(theme: 'light' | 'dark'): Promise<void> {
    await frame.getByRole('button', { name: ui(theme === 'dark' ? 'display.theme.dark' : 'display.theme.light') }).click();
    await frame.locator(`html[data-theme="${theme}"]`).waitFor();
  }
  async function assertAccessible(what: string): Promise<void> {
    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], `${what}:\n${formatViolations(violations)}`);
  }

  it('imports a WebVTT file: the script is removed and the report says so, cue by cue', async () => {
    assert.equal(await frame.getByTestId('captions-empty').textContent(), ui('captions.tracks.empty'));
    // No engine for French here (pocketsphinx is English only): the panel says so instead of a button.
    await frame.locator('[data-testid="captions-no-engine"]').filter({ hasText: ui('captions.auto.noEngine', { language: 'Français' }) }).waitFor();

    await frame.getByTestId('captions-add-lang').selectOption('fr');
    await frame.getByTestId('captions-import-file').setInputFiles({ name: 'chapitre-1.vtt', mimeType: 'text/vtt', buffer: Buffer.from(VTT) });
    await frame.getByTestId('captions-import').click();
    const report = frame.getByTestId('captions-import-report');
    await report.waitFor();
    assert.match((await report.textContent()) ?? '', new RegExp(ui('captions.import.done.other', { name: 'chapitre-1.vtt', count: '3' })));
    const repair = frame.locator('[data-testid="captions-import-repair"][data-code="markup-removed"]');
    assert.equal(await repair.count(), 1);
    assert.equal((await repair.textContent())?.trim(), `${ui('captions.report.cue', { number: '2' })} ${ui('captions.repair.markup-removed')}`);

    const track = frame.locator('[data-testid="captions-track"][data-lang="fr"]');
    await track.waitFor();
    trackId = (await track.getAttribute('data-track-id'))!;
    assert.equal(await track.getByTestId('captions-track-source').textContent(), ui('captions.source.uploaded'));
    assert.equal(await track.getByTestId('captions-track-cues').textContent(), ui('captions.track.cues.other', { count: '3' }));
    assert.deepEqual((await serverCues()).map((c) => c.text), ['Il aurait même pu', 'devenir aimable', 'lui-même.']);
  });

  it('edits a cue with accents: autosaved, read back after a reload; split and undone from the keyboard', async () => {
    await frame.locator(`[data-track-id="${trackId}"] [data-testid="captions-track-edit"]`).click();
    await frame.getByTestId('caption-editor').waitFor();
    await eventually('focus on the editor’s heading', async () => (await frame.evaluate('document.activeElement && document.activeElement.id')) === 'amphi-captions-editor-heading');
    await eventually('three rows', async () => (await rows().count()) === 3);

    const first = rows().nth(0).getByTestId('cue-text');
    await first.fill(EDITED);
    await frame.locator('[data-testid="captions-save"][data-status="pending"], [data-testid="captions-save"][data-status="saving"]').first().waitFor();
    await saved();
    assert.match((await frame.getByTestId('captions-save-status').textContent()) ?? '', /enregistrées/);
    assert.equal((await serverCues())[0]!.text, EDITED, 'accents, guillemets, ß and emoji kept as typed');
    await assertAccessible('the editor, light');

    // Split cue 2 after "devenir" with Alt+Shift+Enter, then undo it with Ctrl+Z.
    const second = rows().nth(1).getByTestId('cue-text');
    await second.focus();
    await second.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(7, 7));
    await page.keyboard.press('Alt+Shift+Enter');
    await eventually('four rows', async () => (await rows().count()) === 4);
    assert.deepEqual(await frame.getByTestId('cue-text').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value)), [EDITED, 'devenir', 'aimable', 'lui-même.']);
    assert.equal(await frame.evaluate('document.activeElement && document.activeElement.value'), 'aimable', 'focus on the second half');
    assert.equal(await frame.getByTestId('caption-editor-news').textContent(), ui('captions.editor.news.split', { number: '2' }));
    await page.keyboard.press('ControlOrMeta+z');
    await eventually('three rows again', async () => (await rows().count()) === 3);
    await saved();
    assert.equal((await serverCues()).length, 3);

    // A real reload (a new launch): the edit is the server's.
    frame = await openEditor();
    await frame.locator(`[data-track-id="${trackId}"] [data-testid="captions-track-edit"]`).click();
    await eventually('the edit read back', async () => (await rows().nth(0).getByTestId('cue-text').inputValue()) === EDITED);
    await display('dark');
    await assertAccessible('the editor, dark');
    await display('light');
  });

  it('restores the imported version from the history', async () => {
    const facts = frame.getByTestId('caption-editor-facts');
    const before = Number(await facts.getAttribute('data-version'));
    await frame.locator('[data-testid="captions-versions"] summary').click();
    const oldest = frame.locator('[data-testid="captions-version"][data-version="1"]');
    await oldest.waitFor();
    assert.match((await oldest.textContent()) ?? '', new RegExp(ui('captions.source.uploaded')));
    await oldest.getByTestId('captions-version-restore').click();
    await oldest.getByTestId('captions-version-restore-confirm').click();
    await eventually('the imported text back', async () => (await rows().nth(0).getByTestId('cue-text').inputValue()) === 'Il aurait même pu');
    assert.ok(Number(await facts.getAttribute('data-version')) > before, 'a restore is a new version');
    assert.equal((await serverCues())[0]!.text, 'Il aurait même pu');
  });

  it('says when someone else saved meanwhile, and shows their version on request', async () => {
    const current = (await teacher.api('GET', `/api/captions/${trackId}`)).body as { track: { version: number }; cues: { start: number; end: number; text: string }[] };
    const theirs = current.cues.map((c, i) => (i === 2 ? { ...c, text: 'Leur version.' } : c));
    const put = await teacher.api('PUT', `/api/captions/${trackId}`, { baseVersion: current.track.version, cues: theirs });
    assert.equal(put.status, 200, JSON.stringify(put.body));

    await rows().nth(0).getByTestId('cue-text').fill('Ma version.');
    const conflict = frame.getByTestId('captions-conflict');
    await conflict.waitFor({ timeout: 10_000 });
    assert.equal(await conflict.getByRole('alert').textContent(), ui('captions.conflict.message'));
    assert.equal(await frame.getByTestId('captions-save').getAttribute('data-status'), 'conflict');
    await frame.getByTestId('captions-conflict-reload').click();
    await eventually('their version shown', async () => (await rows().nth(2).getByTestId('cue-text').inputValue()) === 'Leur version.');
    assert.equal(await rows().nth(0).getByTestId('cue-text').inputValue(), 'Il aurait même pu');
    assert.equal(await conflict.count(), 0);
    await frame.getByTestId('caption-editor-close').click();
    await eventually('focus back on Edit', async () => (await frame.evaluate('document.activeElement && document.activeElement.getAttribute("data-testid")')) === 'captions-track-edit');
  });

  it('exports the track as WebVTT', async () => {
    const download = page.waitForEvent('download');
    await frame.locator(`[data-track-id="${trackId}"] [data-testid="captions-export-vtt"]`).click();
    const file = await download;
    assert.equal(file.suggestedFilename(), 'Sense and Sensibility, ch. 1.fr.vtt');
    const text = fs.readFileSync((await file.path())!, 'utf8');
    assert.match(text, /^WEBVTT\n/);
    assert.match(text, /00:00:00\.000 --> 00:00:01\.200\nIl aurait même pu\n/);
    assert.doesNotMatch(text, /script|pwned/);

    // A failure that is not the captions API's own (the connection lost) reads as every API error does.
    await page.route('**/export?format=srt', (route) => route.abort('connectionfailed'));
    await frame.locator(`[data-track-id="${trackId}"] [data-testid="captions-export-srt"]`).click();
    await frame.locator('[role="alert"]').filter({ hasText: ui('error.network') }).waitFor();
    await page.unroute('**/export?format=srt');
  });

  it('makes automatic English captions: progress, then the automatic track', { skip: pocketsphinx ? false : 'pocketsphinx or its test data missing' }, async () => {
    const english = frame.locator('[data-testid="captions-auto"] [data-lang="en"]');
    await english.getByTestId('captions-generate').click();
    await frame.locator('[data-testid="captions-generation"][data-lang="en"]').waitFor();
    assert.match((await frame.getByTestId('captions-news').textContent()) ?? '', new RegExp(ui('captions.news.generationQueued', { language: 'Anglais' })));
    const automatic = frame.locator('[data-testid="captions-track"][data-lang="en"][data-source="automatic"]');
    await automatic.waitFor({ timeout: 60_000 });
    await frame.getByTestId('captions-news').filter({ hasText: ui('captions.news.generated', { language: 'Anglais' }) }).waitFor();
    const id = await automatic.getAttribute('data-track-id');
    const cues = (await teacher.api('GET', `/api/captions/${id}`)).body.cues as { text: string }[];
    const words = cues.map((c) => c.text).join(' ').toLowerCase();
    assert.match(words, /amiable|might|made|himself/, `recognised: ${words}`);
    assert.equal(await frame.getByTestId('captions-generation').count(), 0, 'nothing left in progress');
  });
});
