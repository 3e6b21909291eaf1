/**
 * Issue #2, "Done when": a teacher and a student launch Amphi from the LMS, in French and in
 * English, and see who they are on the page. In Chromium, as Moodle shows Amphi: framed by a
 * course page of another site (the platform is http://127.0.0.1:<port>, Amphi is
 * http://localhost:<port>), with the whole OIDC flow (tool login → platform auth → form_post of
 * the id_token) running inside that cross-site iframe.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page, Response } from 'playwright-core';
import { t as translate } from '../../tool/src/i18n/i18n.js';
import type { MessageKey } from '../../tool/src/i18n/en.js';
import type { TestApp } from '../support/test-app.js';
import { launchPage } from '../support/api-client.js';
import { useRegisteredPlatform } from '../support/lti-fixture.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../support/test-platform.js';
import { CHROMIUM_PATH, formatViolations, isChromiumAvailable, launchChromium } from './chromium.js';
import {
  assertAppShown,
  awaitedLater,
  checkFrameAccessibility,
  collectConsole,
  isCspViolation,
  isFrameAncestorsRefusal,
  openCoursePage,
  readLaunchSummary,
  screenshotPath,
  visibleText,
} from './lms-browser.js';
import { headingOutline, type Heading } from './page-outline.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH} (install Debian's chromium or set CHROMIUM_PATH): browser tests skipped`;

/** A string of the front end's catalog, checked to differ between languages so the assertion proves the language. */
function uiText(locale: 'fr' | 'en', key: MessageKey): string {
  const other = translate(locale === 'fr' ? 'en' : 'fr', key);
  const text = translate(locale, key);
  assert.notEqual(text, other, `${key} reads the same in French and English: it cannot prove the page's language`);
  return text;
}

describe('launch from the LMS course page, in a cross-site iframe (Chromium)', { skip }, () => {
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
    assert.notEqual(new URL(app.url).hostname, new URL(platform.url).hostname, 'the tool and the platform must be different sites');
    await context?.close();
    context = undefined;
  });

  async function newPage(locale: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    await context?.close();
    context = await browser!.newContext({ locale, colorScheme, viewport: { width: 1280, height: 1100 } });
    return context.newPage();
  }

  /** Zero axe violations of any impact, or a message listing them all. */
  async function assertAccessible(frame: Frame, where: string): Promise<void> {
    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], `${where}:\n${formatViolations(violations)}`);
  }

  /** The app's GET /api/session, as the front end sends it from the framed page. */
  function sessionApiResponse(page: Page): Promise<Response> {
    return awaitedLater(page.waitForResponse((r) => r.url() === `${app.url}/api/session` && r.request().method() === 'GET'));
  }

  it('a teacher launching in French sees their name, role, course and language in French, and the not-set-up message', async () => {
    const page = await newPage('fr-FR');
    const consoleLines = collectConsole(page);
    const sessionCall = sessionApiResponse(page);
    const courseUrl = platform.prepareLaunch(
      app.url,
      {
        sub: 'teacher-claire',
        name: 'Claire Dupont',
        email: 'claire.dupont@univ.example.fr',
        roles: [ROLE.instructor],
        locale: 'fr-FR',
        context: { id: 'stat101', title: 'Introduction aux statistiques', label: 'STAT101' },
        resourceLink: { id: 'rl-1', title: 'Cours 1 : les moyennes' },
      },
      // Moodle's launch.php sends the login initiation as an auto-submitted POST form.
      { loginMethod: 'POST' },
    );

    const frame = await openCoursePage(page, courseUrl);
    assert.equal(frame.url(), `${app.url}/lti/launch`, await visibleText(frame));
    assert.equal(new URL(page.url()).origin, platform.url, 'the course page stays the top-level document');
    await assertAppShown(frame);

    const view = await readLaunchSummary(frame);
    assert.equal(view.lang, 'fr');
    assert.equal(view.userName, 'Claire Dupont');
    assert.equal(view.roleValue, 'instructor');
    assert.equal(view.role, uiText('fr', 'role.instructor'));
    assert.equal(view.routeName, 'unconfigured');
    assert.equal(view.routeHeading, uiText('fr', 'route.unconfigured.staff.heading'));
    assert.equal(view.routeText, uiText('fr', 'route.unconfigured.staff.body'));
    // One h1 (the link's title), the course once under it, nothing repeated, no level skipped.
    const outline = await headingOutline(frame);
    assert.deepEqual(outline.slice(0, 3), [
      { level: 1, text: 'Cours 1 : les moyennes' },
      { level: 2, text: uiText('fr', 'route.unconfigured.staff.heading') },
      { level: 2, text: uiText('fr', 'chooser.heading') },
    ]);
    assert.equal(outline.filter((h) => h.level === 1).length, 1);
    assertNoSkippedLevel(outline);
    assert.equal(await frame.getByTestId('launch-course').textContent(), 'Introduction aux statistiques · STAT101');
    assert.equal(await frame.getByText('Introduction aux statistiques', { exact: false }).count(), 1, 'the course is shown once');
    assert.equal(await frame.evaluate('document.title'), 'Cours 1 : les moyennes · Amphi');
    assert.equal(await frame.getByRole('link', { name: uiText('fr', 'app.skipToContent') }).count(), 1);
    // The launch's details are for administrators only.
    assert.equal(await frame.getByTestId('admin-area').count(), 0);
    assert.equal(await frame.getByText(uiText('fr', 'summary.heading')).count(), 0);

    // The page confirmed its session with the API, with the Bearer token and no cookie.
    const api = await sessionCall;
    assert.equal(api.status(), 200);
    assert.equal(api.frame(), frame, 'the API call comes from the framed page');
    const apiHeaders = await api.request().allHeaders();
    assert.match(apiHeaders.authorization ?? '', /^Bearer \S+$/);
    assert.equal(apiHeaders.cookie, undefined, 'the front end calls its API without cookies');
    const body = (await api.json()) as { role: string; locale: string; user: { name: string } };
    assert.deepEqual([body.role, body.locale, body.user.name], ['instructor', 'fr', 'Claire Dupont']);

    // Framed by a registered platform: allowed, and the app page breaks none of its CSP.
    assert.deepEqual(consoleLines.filter(isCspViolation), []);

    const file = screenshotPath('teacher-fr-in-lms.png');
    await page.screenshot({ path: file, fullPage: true });
    assert.ok(fs.statSync(file).size > 10_000, `screenshot ${file}`);
  });

  it('a student launching in English sees learner words and the polite not-ready message', async () => {
    // A French browser: the language the LMS sends in the launch wins over the browser's.
    const page = await newPage('fr-FR');
    const consoleLines = collectConsole(page);
    const sessionCall = sessionApiResponse(page);
    const courseUrl = platform.prepareLaunch(app.url, {
      sub: 'student-sam',
      givenName: 'Sam',
      familyName: 'Taylor',
      roles: [ROLE.learner],
      locale: 'en-GB',
    });

    const frame = await openCoursePage(page, courseUrl);
    await assertAppShown(frame);
    const view = await readLaunchSummary(frame);
    assert.equal(view.lang, 'en');
    // No `name` claim: the page builds it from given_name and family_name.
    assert.equal(view.userName, 'Sam Taylor');
    assert.equal(view.roleValue, 'learner');
    assert.equal(view.role, uiText('en', 'role.learner'));
    assert.equal(await frame.getByTestId('launch-course').textContent(), 'Introduction to Statistics · STAT101');
    assert.equal(await frame.getByTestId('admin-area').count(), 0, 'no Administration area for students');
    assert.equal(await frame.getByText(platform.url.replace(/^https?:\/\//, '')).count(), 0, 'nothing of the platform’s host');
    assert.equal(view.routeName, 'unconfigured');
    assert.equal(view.routeHeading, uiText('en', 'route.unconfigured.learner.heading'));
    assert.equal(view.routeText, uiText('en', 'route.unconfigured.learner.body'));
    assert.equal(await frame.getByText(uiText('en', 'route.unconfigured.staff.heading')).count(), 0, 'no set-up talk for students');

    const api = await sessionCall;
    assert.equal(api.status(), 200);
    assert.equal(((await api.json()) as { role: string }).role, 'learner');
    assert.deepEqual(consoleLines.filter(isCspViolation), []);
  });

  it('gives administrators, and them only, an Administration area: the launch’s details folded, the BigBlueButton server', async () => {
    const page = await newPage('en-GB');
    const frame = await openCoursePage(
      page,
      platform.prepareLaunch(app.url, { sub: 'admin-1', name: 'Alex Admin', roles: [ROLE.admin], locale: 'en-GB', resourceLink: { id: 'rl-a', title: 'Week 1' } }),
    );
    await assertAppShown(frame);
    const area = frame.getByTestId('admin-area');
    assert.equal(await area.getByRole('heading', { level: 2 }).first().textContent(), 'Administration');
    // Last on the page, after the route.
    assert.equal(await frame.locator('#main > .amphi-stack > :last-child').getAttribute('data-testid'), 'admin-area');
    const details = frame.getByTestId('launch-details');
    assert.equal(await details.getAttribute('open'), null, 'folded at first');
    assert.equal(await frame.getByTestId('launch-summary').isVisible(), false);
    const summary = details.locator('summary');
    assert.equal(await summary.textContent(), uiText('en', 'summary.heading'));
    await summary.focus();
    await page.keyboard.press('Enter');
    await frame.getByTestId('launch-summary').waitFor();
    assert.equal(await details.getAttribute('open'), '', 'unfolded from the keyboard');
    const view = await readLaunchSummary(frame);
    assert.equal(view.courseTitle, 'Introduction to Statistics');
    assert.equal(view.courseLabel, 'STAT101');
    assert.equal(view.localeValue, 'en');
    assert.equal(view.locale, uiText('en', 'language.en'));
    assert.equal(await frame.getByTestId('summary-user-name').textContent(), 'Alex Admin');
    // The platform's BigBlueButton server, with its form for an administrator.
    await frame.getByTestId('bbb-server-admin-section').waitFor();
    assert.deepEqual(
      (await headingOutline(frame)).filter((h) => h.level <= 2).map((h) => h.text),
      ['Week 1', uiText('en', 'route.unconfigured.staff.heading'), uiText('en', 'chooser.heading'), 'Administration'],
    );
    assertNoSkippedLevel(await headingOutline(frame));
  });

  it('writes one h1 for a resource: the resource’s title, or the link’s when the LMS names it otherwise, and no level skipped', async () => {
    const teacher = await launchPage(platform, app.url, { sub: 'teacher-h', roles: [ROLE.instructor], messageType: 'LtiDeepLinkingRequest', locale: 'en-GB' });
    const created = await teacher.api('POST', '/api/resources', { kind: 'video', title: 'Lecture 2: variance', gradable: true, scoreMaximum: 20 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = (created.body as { id: string }).id;
    for (const [linkTitle, expected] of [
      ['Lecture 2: variance', ['Lecture 2: variance', uiText('en', 'kind.video')]],
      ['Week 2', ['Week 2', 'Lecture 2: variance']],
    ] as const) {
      for (const [sub, roles] of [
        ['teacher-h', [ROLE.instructor]],
        ['student-h', [ROLE.learner]],
      ] as const) {
        const page = await newPage('en-GB');
        const frame = await openCoursePage(
          page,
          platform.prepareLaunch(app.url, { sub, roles: [...roles], locale: 'en-GB', resourceLink: { id: `rl-${linkTitle}`, title: linkTitle }, custom: { amphi_resource_id: id } }),
        );
        await frame.getByTestId('resource-title').waitFor();
        const outline = await headingOutline(frame);
        assert.deepEqual(outline.slice(0, 2).map((h) => [h.level, h.text]), [[1, expected[0]], [2, expected[1]]], `${linkTitle}, ${sub}`);
        assert.equal(outline.filter((h) => h.level === 1).length, 1);
        assertNoSkippedLevel(outline);
        assert.equal(await frame.getByTestId('resource-title').textContent(), 'Lecture 2: variance');
        assert.equal(await frame.getByText('Lecture 2: variance', { exact: true }).count(), 1, 'the title is written once');
        assert.equal(await frame.getByTestId('resource-kind').getAttribute('data-value'), 'video');
        assert.equal(await frame.evaluate('document.title'), `${expected[0]} · Amphi`);
        await assertAccessible(frame, `${linkTitle}, ${sub}`);
      }
    }
  });

  it('switches the page between French and English at once, and keeps the choice for the person’s next launches', async () => {
    const spec: LaunchSpec = { sub: 'student-lang', name: 'Léa Moreau', roles: [ROLE.learner], locale: 'fr-FR' };
    const page = await newPage('fr-FR');
    let frame = await openCoursePage(page, platform.prepareLaunch(app.url, spec));
    await assertAppShown(frame);
    assert.equal((await readLaunchSummary(frame)).lang, 'fr');
    const switcher = frame.getByRole('group', { name: uiText('fr', 'shell.language') });
    const english = switcher.getByRole('button', { name: 'English' });
    assert.equal(await english.getAttribute('lang'), 'en');
    assert.equal(await english.getAttribute('aria-pressed'), 'false');
    assert.equal(await switcher.getByRole('button', { name: 'Français' }).getAttribute('aria-pressed'), 'true');

    const saved = awaitedLater(page.waitForResponse((r) => r.url() === `${app.url}/api/session/locale` && r.request().method() === 'PUT'));
    await english.click();
    // At once, without reloading: the page's language, its words, the pressed button.
    await frame.getByText(uiText('en', 'route.unconfigured.learner.heading')).waitFor();
    let view = await readLaunchSummary(frame);
    assert.equal(view.lang, 'en');
    assert.equal(view.role, uiText('en', 'role.learner'));
    assert.equal(await frame.getByRole('link', { name: uiText('en', 'app.skipToContent') }).count(), 1);
    assert.equal(await frame.getByRole('group', { name: uiText('en', 'shell.language') }).getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'true');
    assert.equal((await saved).status(), 200);
    assert.equal(await frame.getByTestId('language-status').textContent(), '');
    await assertAccessible(frame, 'after switching to English');

    // The LMS still says French: the person's choice wins on the next launch.
    frame = await openCoursePage(page, platform.prepareLaunch(app.url, spec));
    await assertAppShown(frame);
    view = await readLaunchSummary(frame);
    assert.equal(view.lang, 'en');
    assert.equal(view.routeHeading, uiText('en', 'route.unconfigured.learner.heading'));

    // Someone else launching in French still gets French.
    const other = await openCoursePage(page, platform.prepareLaunch(app.url, { sub: 'student-other', name: 'Noé', roles: [ROLE.learner], locale: 'fr-FR' }));
    await assertAppShown(other);
    assert.equal((await readLaunchSummary(other)).lang, 'fr');

    // And back to French, kept too.
    frame = await openCoursePage(page, platform.prepareLaunch(app.url, spec));
    await assertAppShown(frame);
    const back = awaitedLater(page.waitForResponse((r) => r.url() === `${app.url}/api/session/locale`));
    await frame.getByRole('button', { name: 'Français' }).click();
    await frame.getByText(uiText('fr', 'route.unconfigured.learner.heading')).waitFor();
    assert.equal((await back).status(), 200);
    frame = await openCoursePage(page, platform.prepareLaunch(app.url, { ...spec, locale: 'en-GB' }));
    await assertAppShown(frame);
    assert.equal((await readLaunchSummary(frame)).lang, 'fr');
  });

  it('says so, in the page’s language, when the choice cannot be saved, and keeps it for the page', async () => {
    const page = await newPage('fr-FR');
    const frame = await openCoursePage(page, platform.prepareLaunch(app.url, { sub: 'student-offline', name: 'Io', roles: [ROLE.learner], locale: 'fr-FR' }));
    await assertAppShown(frame);
    await page.route(`${app.url}/api/session/locale`, (route) => route.abort('connectionrefused'));
    await frame.getByRole('button', { name: 'English' }).click();
    await frame.getByTestId('language-status').filter({ hasText: uiText('en', 'shell.language.notSaved') }).waitFor();
    assert.equal((await readLaunchSummary(frame)).lang, 'en');
    assert.equal(await frame.getByTestId('language-status').getAttribute('role'), 'status');
    await assertAccessible(frame, 'choice not saved');
  });

  it('renders a launch in its platform’s iframe, and Chromium refuses it inside another platform’s page, registered or not', async () => {
    // The launching platform frames the app: it renders, no frame-ancestors refusal.
    const page = await newPage('en-GB');
    const consoleLines = collectConsole(page);
    await assertAppShown(await openCoursePage(page, platform.prepareLaunch(app.url, { sub: 'student-framed', name: 'Ada Framed' })));
    assert.deepEqual(consoleLines.filter(isFrameAncestorsRefusal), []);

    // Another registered platform's page frames the same launch (the platform's own launch page
    // in its iframe): the whole flow runs, and Chromium refuses to render Amphi's answer there.
    const stranger = await TestPlatform.start();
    try {
      await app.register(stranger);
      assert.equal(new URL(stranger.url).hostname, new URL(platform.url).hostname, 'same host, other port: a different origin');
      const hint = new URL(platform.prepareLaunch(app.url, { sub: 'student-framed', name: 'Ada Framed' })).searchParams.get('launch')!;
      const refusal = awaitedLater(page.waitForEvent('console', (m) => isFrameAncestorsRefusal(m.text())));
      const blocked = awaitedLater(page.waitForEvent('requestfailed', (r) => r.url() === `${app.url}/lti/launch`));
      await page.goto(stranger.embedPageUrl(`${platform.url}/mod/lti/launch.php?launch=${encodeURIComponent(hint)}`));
      const message = (await refusal).text();
      assert.ok(message.includes(`'${app.url}/'`), message);
      assert.ok(message.includes(`"frame-ancestors 'self' ${platform.url}"`), message);
      assert.equal((await blocked).failure()?.errorText, 'net::ERR_BLOCKED_BY_RESPONSE');
      // The frame may be swapped for Chromium's error page at any moment: look only for Amphi's content.
      assert.equal(await page.frameLocator('#contentframe').getByTestId('user-name').count(), 0, 'Amphi’s page is not shown');
    } finally {
      await stranger.close();
    }
  });

  it(
    'lets the LMS show Amphi’s icon (the logo_uri it registers) on its own pages',
    async () => {
      const config = await fetch(`${app.url}/lti/config`, { headers: { Accept: 'application/json' } });
      const { iconUrl } = (await config.json()) as { iconUrl: string };
      const page = await newPage('en-GB');
      await page.goto(platform.embedPageUrl(`${app.url}/lti/config`));
      const width = await page.evaluate(`new Promise((resolve) => {
        const img = new Image();
        img.onload = () => resolve(img.naturalWidth);
        img.onerror = () => resolve(0);
        img.src = ${JSON.stringify(iconUrl)};
      })`);
      assert.ok(Number(width) > 0, `the course page (${platform.url}) could not load ${iconUrl}`);
    },
  );
});

/** Heading levels only go down by any amount, and up one at a time (h1 → h2 → h3). */
function assertNoSkippedLevel(outline: Heading[]): void {
  outline.reduce((previous, heading) => {
    assert.ok(heading.level <= previous + 1, `h${heading.level} “${heading.text}” follows an h${previous}: ${JSON.stringify(outline)}`);
    return heading.level;
  }, 0);
}
