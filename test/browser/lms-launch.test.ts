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
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { t as translate } from '../../tool/src/i18n/i18n.js';
import type { MessageKey } from '../../tool/src/i18n/en.js';
import type { TestApp } from '../support/test-app.js';
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
  seriousOrCritical,
  visibleText,
} from './lms-browser.js';

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

  async function newPage(locale: string): Promise<Page> {
    context = await browser!.newContext({ locale, colorScheme: 'light', viewport: { width: 1280, height: 1100 } });
    return context.newPage();
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
    assert.equal(view.courseTitle, 'Introduction aux statistiques');
    assert.equal(view.courseLabel, 'STAT101');
    assert.equal(view.localeValue, 'fr');
    assert.equal(view.locale, uiText('fr', 'language.fr'));
    assert.equal(view.routeName, 'unconfigured');
    assert.equal(view.routeHeading, uiText('fr', 'route.unconfigured.staff.heading'));
    assert.equal(view.routeText, uiText('fr', 'route.unconfigured.staff.body'));
    assert.equal(await frame.locator('h1').first().textContent(), 'Cours 1 : les moyennes');
    assert.equal(await frame.getByRole('link', { name: uiText('fr', 'app.skipToContent') }).count(), 1);

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
    assert.equal(view.courseTitle, 'Introduction to Statistics');
    assert.equal(view.localeValue, 'en');
    assert.equal(view.locale, uiText('en', 'language.en'));
    assert.equal(view.routeName, 'unconfigured');
    assert.equal(view.routeHeading, uiText('en', 'route.unconfigured.learner.heading'));
    assert.equal(view.routeText, uiText('en', 'route.unconfigured.learner.body'));
    assert.equal(await frame.getByText(uiText('en', 'route.unconfigured.staff.heading')).count(), 0, 'no set-up talk for students');

    const api = await sessionCall;
    assert.equal(api.status(), 200);
    assert.equal(((await api.json()) as { role: string }).role, 'learner');
    assert.deepEqual(consoleLines.filter(isCspViolation), []);
  });

  it('has no serious or critical accessibility violation in the framed app, in French and in English', async (t) => {
    const launches: [string, LaunchSpec][] = [
      ['fr-FR', { sub: 't-a11y', name: 'Claire Dupont', roles: [ROLE.instructor], locale: 'fr-FR' }],
      ['en-GB', { sub: 's-a11y', name: 'Sam Taylor', roles: [ROLE.learner], locale: 'en-GB' }],
    ];
    for (const [locale, spec] of launches) {
      await context?.close();
      const page = await newPage(locale);
      const frame = await openCoursePage(page, platform.prepareLaunch(app.url, spec));
      await assertAppShown(frame);
      const violations = await checkFrameAccessibility(frame);
      assert.deepEqual(seriousOrCritical(violations), [], `${locale}:\n${formatViolations(violations)}`);
      if (violations.length) t.diagnostic(`${locale}, minor or moderate: ${formatViolations(violations)}`);
    }
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
