/**
 * The deep-linking picker and the resource page, in Chromium, as Moodle shows them: framed by a
 * course page of another site. A teacher adds activities through the picker (the platform's
 * contentitem_return.php lists what it created), then opens one: the teacher manages it, a
 * student sees what it is.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { MessageKey } from '../../tool/src/i18n/en.js';
import { t as translate } from '../../tool/src/i18n/i18n.js';
import { launchPage } from '../support/api-client.js';
import { useRegisteredPlatform } from '../support/lti-fixture.js';
import { publishVideoMedia } from '../support/published-video.js';
import { ROLE, type LaunchSpec, type TestPlatform } from '../support/test-platform.js';
import type { TestApp } from '../support/test-app.js';
import { CHROMIUM_PATH, formatViolations, isChromiumAvailable, launchChromium } from './chromium.js';
import {
  assertAppShown,
  checkFrameAccessibility,
  collectConsole,
  isCspViolation,
  openCoursePage,
  visibleText,
} from './lms-browser.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH} (install Debian's chromium or set CHROMIUM_PATH): browser tests skipped`;

const COURSE = { id: 'stat101', title: 'Introduction to Statistics', label: 'STAT101' };
const TEACHER = { sub: 'teacher-claire', name: 'Claire Dupont', roles: [ROLE.instructor], context: COURSE };
const STUDENT = { sub: 'student-sam', name: 'Sam Taylor', roles: [ROLE.learner], context: COURSE };

function deepLinkingSpec(locale: string, extra: Partial<LaunchSpec> = {}): LaunchSpec {
  return { ...TEACHER, messageType: 'LtiDeepLinkingRequest', locale, ...extra };
}

/** A string of the front end's catalog, with its parameters. */
function ui(locale: 'fr' | 'en', key: MessageKey, params: Record<string, string> = {}): string {
  return translate(locale, key, params);
}

/** The data-testid of the element that has focus in the frame. */
function focusedTestId(frame: Frame): Promise<unknown> {
  return frame.evaluate('document.activeElement && document.activeElement.getAttribute("data-testid")');
}

describe('deep-linking picker and resource page, in the LMS iframe (Chromium)', { skip }, () => {
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
    platform.resetServices();
    await context?.close();
    context = undefined;
  });

  async function newPage(locale: string): Promise<Page> {
    await context?.close();
    context = await browser!.newContext({ locale, colorScheme: 'light', viewport: { width: 1280, height: 1400 } });
    return context.newPage();
  }

  /** A resource the teacher made earlier in this course (through the API, as the picker does). */
  async function createEarlier(body: Record<string, unknown>): Promise<{ id: string; title: string }> {
    const page = await launchPage(platform, app.url, deepLinkingSpec('en'));
    const created = await page.api('POST', '/api/resources', body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return created.body;
  }

  /** A video of the course whose upload was transcoded: its media published, its poster on disk. */
  async function createTranscoded(title: string, durationSeconds: number): Promise<{ id: string; title: string }> {
    const video = await createEarlier({ kind: 'video', title });
    const row = await app.ctx.db.selectFrom('resources').select(['id', 'platform_id']).where('id', '=', video.id).executeTakeFirstOrThrow();
    await publishVideoMedia(app.ctx, row, { durationSeconds });
    return video;
  }

  /** Every axe violation, whatever its impact, in the light then the dark theme. */
  async function assertAccessible(frame: Frame, locale: 'fr' | 'en', where: string): Promise<void> {
    for (const theme of ['light', 'dark'] as const) {
      await frame.getByRole('button', { name: ui(locale, `display.theme.${theme}`), exact: true }).click();
      await frame.locator(`html[data-theme="${theme}"]`).waitFor();
      const violations = await checkFrameAccessibility(frame);
      assert.deepEqual(violations, [], `${where}, ${locale}, ${theme}:\n${formatViolations(violations)}`);
    }
  }

  /**
   * Moodle shows the picker in a dialog the size of the window: the course page's frame is made
   * to fill the viewport, so the frame's window is what the teacher sees.
   */
  async function fillViewportWithFrame(page: Page, width: number, height: number): Promise<void> {
    await page.setViewportSize({ width, height });
    await page.evaluate(`(() => {
      const frame = document.getElementById('contentframe');
      frame.style.cssText = 'position:fixed;inset:0;width:100vw;height:100vh;border:0;z-index:10';
    })()`);
  }

  /** Whether the element is wholly inside the frame's window and nothing covers its centre. */
  async function inView(frame: Frame, selector: string): Promise<{ inside: boolean; onTop: boolean; top: number; bottom: number; height: number }> {
    return (await frame.evaluate(`(() => {
      const el = document.querySelector(${JSON.stringify(selector)});
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return {
        inside: r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth,
        onTop: hit !== null && (hit === el || el.contains(hit)),
        top: r.top, bottom: r.bottom, height: window.innerHeight,
      };
    })()`)) as { inside: boolean; onTop: boolean; top: number; bottom: number; height: number };
  }

  async function openPicker(page: Page, spec: LaunchSpec): Promise<Frame> {
    const frame = await openCoursePage(page, platform.prepareLaunch(app.url, spec, { loginMethod: 'POST' }));
    await assertAppShown(frame);
    assert.equal(await frame.getByTestId('route').getAttribute('data-route'), 'deep-linking', await visibleText(frame));
    return frame;
  }

  it('a teacher creates a graded video, adds an existing classroom, and the course gets both activities', async () => {
    const classroom = await createEarlier({ kind: 'classroom', title: 'Permanence du jeudi', settings: { welcomeMessage: 'Bienvenue' } });
    await createEarlier({ kind: 'classroom', title: 'Office hours' });
    const page = await newPage('en-GB');
    const consoleLines = collectConsole(page);
    const frame = await openPicker(page, deepLinkingSpec('en-GB'));
    assert.equal(await frame.getByTestId('picker-tab-video').getAttribute('aria-selected'), 'true');

    // A new video, created and selected at once.
    await frame.getByTestId('picker-create-title').fill('Lecture 1: averages');
    await frame.getByTestId('picker-create-graded').check();
    await frame.getByTestId('picker-create-max-score').fill('20');
    await frame.getByTestId('picker-create-submit').click();
    await frame.locator('[data-testid="picker-selected-count"][data-count="1"]').waitFor();
    const video = frame.getByTestId('picker-item').filter({ hasText: 'Lecture 1: averages' });
    await video.waitFor();
    assert.equal(await video.getByRole('checkbox').isChecked(), true, 'the new video is ticked');
    assert.match((await video.textContent()) ?? '', new RegExp(ui('en', 'resource.gradedOutOf', { max: '20' })));

    // An existing classroom, found by title; the result count is announced.
    await frame.getByTestId('picker-tab-classroom').click();
    await frame.getByTestId('picker-item').nth(1).waitFor();
    await frame.getByTestId('picker-search').fill('perman');
    await frame.getByTestId('picker-result-count').filter({ hasText: ui('en', 'picker.results.one', { count: '1' }) }).waitFor();
    assert.equal(await frame.getByTestId('picker-result-count').getAttribute('role'), 'status');
    const room = frame.locator(`[data-testid="picker-item"][data-resource-id="${classroom.id}"]`);
    assert.equal(await frame.getByTestId('picker-item').count(), 1);
    await room.getByRole('checkbox').check();
    await frame.locator('[data-testid="picker-selected-count"][data-count="2"]').waitFor();
    assert.equal(await frame.getByTestId('picker-selected-count').textContent(), ui('en', 'picker.selection.count.other', { count: '2' }));

    // Both open in a new window; back to the platform.
    await frame.getByLabel(ui('en', 'picker.display.window'), { exact: true }).check();
    await frame.getByTestId('picker-submit').click();
    await frame.waitForURL(/\/mod\/lti\/contentitem_return\.php/);
    await frame.getByTestId('added-activity').first().waitFor();
    assert.deepEqual(await frame.getByTestId('added-activity').allTextContents(), ['Lecture 1: averages', 'Permanence du jeudi']);

    const activities = platform.activities(COURSE.id);
    assert.equal(activities.length, 2);
    assert.equal(activities[1]!.custom.amphi_resource_id, classroom.id);
    assert.ok(activities[0]!.custom.amphi_resource_id, 'the video activity names its Amphi resource');
    assert.ok(activities[0]!.lineItemUrl, 'the graded video gets a gradebook column');
    assert.equal(activities[1]!.lineItemUrl, undefined, 'the ungraded classroom gets none');
    assert.ok(activities.every((a) => a.window && !a.iframe), 'both open in a new window');
    assert.deepEqual(platform.deepLinkRejections, []);
    assert.deepEqual(consoleLines.filter(isCspViolation), [], 'posting the JWT form to the platform breaks no CSP rule');
  });

  it('from Moodle’s text editor: says why nothing is graded, offers no grading, and shows the reopened placeholder’s resource chosen', async () => {
    const video = await createEarlier({ kind: 'video', title: 'Vidéo du chapitre 2', gradable: true, scoreMaximum: 20 });
    const page = await newPage('fr-FR');
    const frame = await openPicker(page, deepLinkingSpec('fr-FR', { custom: { amphi_placement: 'RichTextEditor', amphi_selected: video.id } }));
    assert.equal(await frame.getByTestId('picker-editor-note').textContent(), ui('fr', 'picker.editor.note'));
    await frame.locator('[data-testid="picker-selected-count"][data-count="1"]').waitFor();
    assert.match(await frame.locator('.amphi-selection-list').textContent() ?? '', /Vidéo du chapitre 2/);
    assert.equal(await frame.getByTestId('picker-create-graded').count(), 0, 'no grading offered for content in a text');
    assert.equal(await frame.getByTestId('picker-submit').textContent(), ui('fr', 'picker.submit.editor'));
  });

  it('cancel tells the platform nothing was selected', async () => {
    const page = await newPage('fr-FR');
    const frame = await openPicker(page, deepLinkingSpec('fr-FR'));
    assert.equal(await frame.getByTestId('picker-cancel').textContent(), ui('fr', 'picker.cancel'));
    await frame.getByTestId('picker-cancel').click();
    await frame.waitForURL(/\/mod\/lti\/contentitem_return\.php/);
    await frame.getByTestId('nothing-added').waitFor();
    assert.equal(platform.activities(COURSE.id).length, 0);
    assert.equal(platform.deepLinkResponses.length, 1);
  });

  it('follows the WAI-ARIA tabs pattern: arrows, Home and End move and select, one tab stop', async () => {
    const page = await newPage('en-GB');
    const frame = await openPicker(page, deepLinkingSpec('en-GB'));
    const tab = (kind: string) => frame.getByTestId(`picker-tab-${kind}`);
    const state = async () =>
      Promise.all(['video', 'classroom', 'dashboard'].map(async (kind) => [await tab(kind).getAttribute('aria-selected'), await tab(kind).getAttribute('tabindex')].join(':')));

    assert.equal(await frame.getByRole('tablist').getAttribute('aria-label'), ui('en', 'picker.kinds'));
    assert.equal(await frame.getByRole('tab').count(), 3);
    assert.deepEqual(await state(), ['true:0', 'false:-1', 'false:-1']);
    await tab('video').press('ArrowRight');
    assert.equal(await focusedTestId(frame), 'picker-tab-classroom');
    assert.deepEqual(await state(), ['false:-1', 'true:0', 'false:-1']);
    const panel = frame.getByRole('tabpanel');
    assert.equal(await panel.getAttribute('aria-labelledby'), await tab('classroom').getAttribute('id'));
    assert.equal(await tab('classroom').getAttribute('aria-controls'), await panel.getAttribute('id'));
    assert.equal(await panel.getByRole('heading', { level: 3 }).first().textContent(), ui('en', 'picker.existing.classroom'));

    await tab('classroom').press('End');
    assert.equal(await focusedTestId(frame), 'picker-tab-dashboard');
    await tab('dashboard').press('ArrowRight');
    assert.equal(await focusedTestId(frame), 'picker-tab-video', 'the arrows wrap around');
    await tab('video').press('ArrowLeft');
    assert.equal(await focusedTestId(frame), 'picker-tab-dashboard');
    await tab('dashboard').press('Home');
    assert.equal(await focusedTestId(frame), 'picker-tab-video');
    assert.deepEqual(await state(), ['true:0', 'false:-1', 'false:-1']);

    // Tab leaves the tab list for the panel's first control: the other tabs are not tab stops.
    await tab('video').press('Tab');
    assert.equal(await focusedTestId(frame), 'picker-source');
  });

  it('shows a transcoded video’s poster and length, and the other kinds’ icons, with no accessibility violation of any impact (light and dark, fr and en)', async () => {
    const video = await createTranscoded('Cours 1 : les moyennes', 754);
    const pending = await createEarlier({ kind: 'video', title: 'Cours 2 : la variance', gradable: true, scoreMaximum: 20 });
    await createEarlier({ kind: 'classroom', title: 'Permanence du jeudi' });
    for (const [tag, locale] of [['fr-FR', 'fr'], ['en-GB', 'en']] as const) {
      const page = await newPage(tag);
      const frame = await openPicker(page, deepLinkingSpec(tag));
      const item = frame.locator(`[data-testid="picker-item"][data-resource-id="${video.id}"]`);
      await item.waitFor();

      // The poster, loaded from its signed media URL; decorative (the title is next to it).
      const poster = item.getByTestId('picker-poster');
      assert.equal(await poster.getAttribute('alt'), '');
      const loadedWidth = await frame.evaluate(`(async () => {
        const img = document.querySelector('[data-resource-id="${video.id}"] [data-testid="picker-poster"]');
        await img.decode();
        return img.naturalWidth;
      })()`);
      assert.equal(loadedWidth, 320, 'the poster loaded');
      // The length, through the shared formatter (12 min 34 s), with its label for screen readers.
      const duration = item.getByTestId('picker-duration');
      assert.equal(await duration.getAttribute('data-seconds'), '754');
      const shown = (await duration.locator('[aria-hidden="true"]').last().textContent()) ?? '';
      assert.match(shown, /^12\s?mins?\s34\s?s/);
      assert.equal(await duration.locator('.amphi-visually-hidden').textContent(), ui(locale, 'picker.video.duration', { duration: shown }));
      assert.equal(await item.getByRole('checkbox', { name: /Cours 1 : les moyennes/ }).count(), 1, 'the label names the option');
      // A video with nothing uploaded says so, with the kind's icon instead of a picture.
      const empty = frame.locator(`[data-testid="picker-item"][data-resource-id="${pending.id}"]`);
      assert.equal(await empty.getByTestId('picker-poster').count(), 0);
      assert.equal(await empty.locator('.amphi-thumb-icon svg').count(), 1);
      assert.equal(await empty.getByTestId('picker-no-media').textContent(), ui(locale, 'picker.video.noMedia'));
      await item.getByRole('checkbox').check();
      await assertAccessible(frame, locale, 'videos');

      // Classrooms keep their icon; an error under a field too (the title is required).
      await frame.getByTestId('picker-tab-classroom').click();
      await frame.getByTestId('picker-item').first().waitFor();
      assert.equal(await frame.getByTestId('picker-item').first().locator('.amphi-thumb-icon svg').count(), 1);
      await frame.getByTestId('picker-create-submit').click();
      await frame.locator('[data-testid="picker-create-title"][aria-invalid="true"]').waitFor();
      assert.equal(await focusedTestId(frame), 'picker-create-title', 'focus goes to the field in error');
      await assertAccessible(frame, locale, 'classrooms, a field in error');
    }
  });

  for (const [width, height] of [[1280, 800], [320, 640]] as const) {
    it(`keeps the selection and “Add to course” in view at ${width}×${height}, and never hides the focused option behind them`, async () => {
      const setup = await launchPage(platform, app.url, deepLinkingSpec('en'));
      for (let i = 1; i <= 12; i++) assert.equal((await setup.api('POST', '/api/resources', { kind: 'video', title: `Cours ${i}` })).status, 201);
      const page = await newPage('en-GB');
      const frame = await openPicker(page, deepLinkingSpec('en-GB'));
      await fillViewportWithFrame(page, width, height);
      await frame.getByTestId('picker-item').nth(11).waitFor();

      const submit = '[data-testid="picker-submit"]';
      let seen = await inView(frame, submit);
      assert.ok(seen.inside && seen.onTop, `“Add to course” in view on arrival: ${JSON.stringify(seen)}`);

      // Tab down the list, ticking as it goes: every option reached is above the bar, the count follows.
      await frame.getByTestId('picker-search').focus();
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        await page.keyboard.press('Space');
        const focused = await inView(frame, ':focus');
        const bar = await inView(frame, '[data-testid="picker-action-bar"]');
        assert.ok(focused.inside && focused.bottom <= bar.top, `option ${i + 1} (${JSON.stringify(focused)}) above the bar (${JSON.stringify(bar)})`);
      }
      await frame.locator('[data-testid="picker-selected-count"][data-count="12"]').waitFor();
      assert.equal(await frame.getByTestId('picker-selected-count').textContent(), ui('en', 'picker.selection.count.other', { count: '12' }));
      seen = await inView(frame, submit);
      assert.ok(seen.inside && seen.onTop, `“Add to course” still in view: ${JSON.stringify(seen)}`);
      seen = await inView(frame, '[data-testid="picker-selected-count"]');
      assert.ok(seen.inside, 'and the count');

      await frame.getByTestId('picker-submit').click();
      await frame.waitForURL(/\/mod\/lti\/contentitem_return\.php/);
      assert.equal(platform.activities(COURSE.id).length, 12);
    });
  }

  it('explains, and offers nothing to add, when the platform accepts no Amphi activity here', async () => {
    const page = await newPage('en-GB');
    const frame = await openPicker(page, deepLinkingSpec('en-GB', { deepLinking: { accept_types: ['file', 'html'] } }));
    await frame.getByText(ui('en', 'picker.noLinks.heading')).waitFor();
    assert.equal(await frame.getByRole('tab').count(), 0);
    assert.equal(await frame.getByTestId('picker-submit').count(), 0);
    assert.equal(await frame.getByTestId('picker-cancel').count(), 1);
  });

  it('the added activity opens its resource page: the student sees what it is, the teacher edits and grades it', async () => {
    // The activity, as the picker adds it.
    const setup = await launchPage(platform, app.url, deepLinkingSpec('en'));
    const created = await setup.api('POST', '/api/resources', { kind: 'video', title: 'Lecture 2: variance', description: 'Watch before Monday.', gradable: true, scoreMaximum: 20 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const answer = await setup.api('POST', '/api/deep-linking/response', { items: [{ resourceId: created.body.id }] });
    const returned = await fetch(answer.body.returnUrl, { method: 'POST', body: new URLSearchParams({ JWT: answer.body.jwt }) });
    assert.equal(returned.status, 200, await returned.text());
    const [activity] = platform.activities(COURSE.id);
    assert.ok(activity);

    // The student: title, description and the player's "appears here once ready" (nothing uploaded yet); no management.
    let page = await newPage('en-GB');
    let frame = await openCoursePage(page, platform.prepareLaunch(app.url, platform.launchSpecForActivity(activity, { ...STUDENT, locale: 'en-GB' })));
    await frame.getByTestId('resource-title').waitFor();
    assert.equal(await frame.getByTestId('resource-title').textContent(), 'Lecture 2: variance');
    assert.equal(await frame.getByTestId('resource-kind').getAttribute('data-value'), 'video');
    assert.equal(await frame.getByTestId('resource-description').textContent(), 'Watch before Monday.');
    assert.equal(await frame.getByTestId('video-not-ready').textContent(), ui('en', 'player.notReady'));
    assert.equal(await frame.getByRole('tab').count(), 0, 'no management tabs for students');
    assert.equal(await frame.getByTestId('resource-readonly').count(), 0);

    // The teacher: settings (validation, then save) and grades.
    page = await newPage('fr-FR');
    frame = await openCoursePage(page, platform.prepareLaunch(app.url, platform.launchSpecForActivity(activity, { ...TEACHER, locale: 'fr-FR' })));
    await frame.getByTestId('resource-title').waitFor();
    await frame.getByTestId('resource-tab-settings').click();
    const title = frame.getByTestId('resource-settings-title');
    await title.fill('');
    await frame.getByTestId('resource-save').click();
    await frame.getByText(ui('fr', 'form.error.titleRequired')).waitFor();
    assert.equal(await title.getAttribute('aria-invalid'), 'true');
    await title.fill('Cours 2 : la variance');
    await frame.getByTestId('resource-save').click();
    await frame.getByTestId('resource-title').filter({ hasText: 'Cours 2 : la variance' }).waitFor();
    assert.equal(await title.getAttribute('aria-invalid'), null);

    await frame.getByTestId('resource-tab-grades').click();
    const row = frame.locator('[data-testid="grade-row"]', { hasText: 'Sam Taylor' });
    await row.waitFor();
    await row.getByRole('button', { name: ui('fr', 'grades.grade.for', { name: 'Sam Taylor' }) }).click();
    assert.equal(await focusedTestId(frame), 'score-given', 'the row’s button takes the teacher to the score field');
    await frame.getByTestId('score-given').fill('25');
    await frame.getByTestId('score-submit').click();
    await frame.getByText(ui('fr', 'grades.form.error.score', { max: '20' })).waitFor();
    await frame.getByTestId('score-given').fill('17.5');
    await frame.getByTestId('score-comment').fill('Bien');
    await frame.getByTestId('score-submit').click();
    await frame.getByTestId('grades-status').filter({ hasText: ui('fr', 'grades.form.recorded', { name: 'Sam Taylor' }) }).waitFor();
    await row.getByTestId('grade-score').filter({ hasText: '17,5' }).waitFor();
    const delivery = await row.getByTestId('grade-state').getAttribute('data-state');
    assert.ok(delivery === 'pending' || delivery === 'sent', `delivery state ${delivery}`);
    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], formatViolations(violations));
  });

  it('Change content marks what the link shows now, does not offer it again, and switches to another', async () => {
    const shown = await createTranscoded('Cours 4 : la corrélation', 95);
    const other = await createEarlier({ kind: 'video', title: 'Cours 5 : les tests' });
    const spec: LaunchSpec = { ...TEACHER, locale: 'fr-FR', resourceLink: { id: 'rl-change', title: 'Semaine 4' }, custom: { amphi_resource_id: shown.id } };
    const page = await newPage('fr-FR');
    const frame = await openCoursePage(page, platform.prepareLaunch(app.url, spec));
    await frame.getByTestId('resource-title').waitFor();
    await frame.getByTestId('resource-tab-content').click();

    const current = frame.locator(`[data-testid="picker-item"][data-resource-id="${shown.id}"]`);
    await current.waitFor();
    assert.equal(await current.getAttribute('aria-current'), 'true');
    assert.equal(await current.getByTestId('picker-current').textContent(), ui('fr', 'picker.current'));
    assert.equal(await current.getByRole('radio').isDisabled(), true, 'not offered again');
    assert.equal(await current.getByRole('radio', { name: new RegExp(ui('fr', 'picker.current')) }).count(), 1, 'its name says it is the current content');
    const next = frame.locator(`[data-testid="picker-item"][data-resource-id="${other.id}"]`);
    assert.equal(await next.getAttribute('aria-current'), null);
    assert.equal(await next.getByTestId('picker-current').count(), 0);
    await assertAccessible(frame, 'fr', 'change content');

    await next.getByRole('radio').check();
    assert.equal(await frame.getByTestId('picker-selected-count').textContent(), ui('fr', 'chooser.chosen', { title: 'Cours 5 : les tests' }));
    await frame.getByTestId('switch-resource').click();
    await frame.getByTestId('resource-title').filter({ hasText: 'Cours 5 : les tests' }).waitFor();
  });

  it('a teacher opening a link not set up yet chooses its content there, and the link keeps it', async () => {
    const video = await createEarlier({ kind: 'video', title: 'Lecture 3: regression' });
    const spec: LaunchSpec = { ...TEACHER, locale: 'en-GB', resourceLink: { id: 'rl-unset', title: 'Week 3' } };
    const page = await newPage('en-GB');
    let frame = await openCoursePage(page, platform.prepareLaunch(app.url, spec));
    assert.equal(await frame.getByTestId('route').getAttribute('data-route'), 'unconfigured');
    const chooser = frame.getByTestId('unconfigured-chooser');
    const item = chooser.locator(`[data-testid="picker-item"][data-resource-id="${video.id}"]`);
    await item.getByRole('radio').check();
    await chooser.getByTestId('switch-resource').click();
    await frame.getByTestId('resource-title').waitFor();
    assert.equal(await frame.getByTestId('route').getAttribute('data-route'), 'resource');
    assert.equal(await frame.getByTestId('resource-title').textContent(), 'Lecture 3: regression');
    assert.equal(await frame.getByTestId('unconfigured-chooser').count(), 0);

    frame = await openCoursePage(page, platform.prepareLaunch(app.url, spec));
    await frame.getByTestId('resource-title').waitFor();
    assert.equal(await frame.getByTestId('resource-title').textContent(), 'Lecture 3: regression', 'the next launch opens it');
  });
});
