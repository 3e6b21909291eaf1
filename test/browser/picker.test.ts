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
import { ROLE, type LaunchSpec, type TestPlatform } from '../support/test-platform.js';
import type { TestApp } from '../support/test-app.js';
import { CHROMIUM_PATH, formatViolations, isChromiumAvailable, launchChromium } from './chromium.js';
import {
  assertAppShown,
  checkFrameAccessibility,
  collectConsole,
  isCspViolation,
  openCoursePage,
  seriousOrCritical,
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

  it('has no serious or critical accessibility violation, in light, dark and dyslexia-friendly display', async (t) => {
    await createEarlier({ kind: 'video', title: 'Cours 1 : les moyennes', gradable: true, scoreMaximum: 20 });
    const page = await newPage('fr-FR');
    const frame = await openPicker(page, deepLinkingSpec('fr-FR'));
    await frame.getByTestId('picker-item').first().waitFor();
    await frame.getByTestId('picker-item').first().getByRole('checkbox').check();
    // An error under a field too: the title is required.
    await frame.getByTestId('picker-create-submit').click();
    await frame.locator('[data-testid="picker-create-title"][aria-invalid="true"]').waitFor();
    assert.equal(await focusedTestId(frame), 'picker-create-title', 'focus goes to the field in error');

    const displays: [string, string | null][] = [
      ['light', null],
      ['dark', ui('fr', 'display.theme.dark')],
      ['dark + dyslexia', ui('fr', 'display.dyslexia')],
    ];
    for (const [name, toggle] of displays) {
      if (toggle) await frame.getByRole('button', { name: toggle }).click();
      const violations = await checkFrameAccessibility(frame);
      assert.deepEqual(seriousOrCritical(violations), [], `${name}:\n${formatViolations(violations)}`);
      if (violations.length) t.diagnostic(`${name}, minor or moderate: ${formatViolations(violations)}`);
    }
  });

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
    assert.deepEqual(seriousOrCritical(violations), [], formatViolations(violations));
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
