/**
 * Launching inside the LMS iframe when the browser blocks third-party cookies (Chromium's
 * "Block third-party cookies" setting, which a fresh Chromium 156 profile already has): Amphi's
 * state cookie is `SameSite=None; Secure; Partitioned`, so CHIPS keeps the launch working in the
 * iframe. When a browser keeps no cookie at all, Amphi says so in the user's language and offers a
 * first-party window, where the launch completes.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Page, Request, Route } from 'playwright-core';
import { translate } from '../../src/http/messages.js';
import { t as uiText } from '../../tool/src/i18n/i18n.js';
import type { TestApp } from '../support/test-app.js';
import { useRegisteredPlatform } from '../support/lti-fixture.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../support/test-platform.js';
import { CHROMIUM_PATH, checkAccessibility, formatViolations, isChromiumAvailable } from './chromium.js';
import {
  COOKIE_CONTROLS,
  type CookieControlsMode,
  assertAppShown,
  awaitedLater,
  checkFrameAccessibility,
  launchWithCookieControls,
  openCoursePage,
  probeCookies,
  readLaunchSummary,
  screenshotPath,
  seriousOrCritical,
  visibleText,
  waitForAmphi,
} from './lms-browser.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH} (install Debian's chromium or set CHROMIUM_PATH): browser tests skipped`;

describe('launch in the LMS iframe with third-party cookies blocked (Chromium)', { skip }, () => {
  const fixture = useRegisteredPlatform();
  let app: TestApp;
  let platform: TestPlatform;
  let browser: Awaited<ReturnType<typeof launchWithCookieControls>> | undefined;

  beforeEach(() => {
    ({ app, platform } = fixture);
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
  });

  /** The POST of the id_token to Amphi, with the cookies Chromium actually sent. */
  function launchPost(page: Page): Promise<Request> {
    return awaitedLater(page.waitForRequest((r) => r.url() === `${app.url}/lti/launch` && r.method() === 'POST'));
  }

  async function launchInIframe(mode: CookieControlsMode, spec: LaunchSpec) {
    browser = await launchWithCookieControls(mode, { locale: 'en-GB' });
    const { page } = browser;
    const post = launchPost(page);
    const login = awaitedLater(page.waitForResponse((r) => r.url().startsWith(`${app.url}/lti/login?`)));
    const frame = await openCoursePage(page, platform.prepareLaunch(app.url, spec));
    return { page, frame, post: await post, login: await login };
  }

  it('blocks unpartitioned third-party cookies, yet the launch succeeds in the iframe with the partitioned state cookie', async () => {
    const { frame, post, login } = await launchInIframe(COOKIE_CONTROLS.blockThirdParty, {
      sub: 'teacher-ana',
      name: 'Ana Lima',
      roles: [ROLE.instructor],
      locale: 'en-US',
    });
    // The browser really blocks third-party cookies here, and really allows partitioned ones.
    assert.deepEqual(await probeCookies(frame), { unpartitioned: false, partitioned: true });

    const setCookie = (await login.allHeaders())['set-cookie'] ?? '';
    assert.match(setCookie, /^amphi-state-[^=]+=[^;]+;.*SameSite=None; Secure; Partitioned/);
    const sent = (await post.allHeaders()).cookie ?? '';
    assert.match(sent, /amphi-state-/, 'Chromium sent the partitioned state cookie back with the form_post');

    await assertAppShown(frame);
    const view = await readLaunchSummary(frame);
    assert.deepEqual([view.userName, view.roleValue, view.lang], ['Ana Lima', 'instructor', 'en']);
  });

  it('launches the same way when the browser allows third-party cookies', async () => {
    const { frame, post } = await launchInIframe(COOKIE_CONTROLS.allowAll, { sub: 'student-kim', name: 'Kim Park', roles: [ROLE.learner], locale: 'en' });
    assert.deepEqual(await probeCookies(frame), { unpartitioned: true, partitioned: true });
    assert.match((await post.allHeaders()).cookie ?? '', /amphi-state-/);
    await assertAppShown(frame);
    assert.equal(await frame.getByTestId('user-name').textContent(), 'Kim Park');
  });

  it('when the iframe keeps no cookie at all, says so in French and completes the launch in a new window', async (t) => {
    browser = await launchWithCookieControls(COOKIE_CONTROLS.blockThirdParty, { locale: 'fr-FR' });
    const { page, context } = browser;
    // Deterministic "no cookie": the login's Set-Cookie never reaches the iframe.
    const stripped: string[] = [];
    await page.route(
      (url) => url.origin === app.url && url.pathname === '/lti/login',
      (route) => fulfillWithoutCookies(route, stripped),
    );
    // POST, as Moodle sends it: Playwright routes a navigation's first request, not a redirect's target.
    const courseUrl = platform.prepareLaunch(
      app.url,
      { sub: 'student-leo', name: 'Léo Martin', roles: [ROLE.learner], locale: 'fr-FR' },
      { loginMethod: 'POST' },
    );
    const frame = await openCoursePage(page, courseUrl);

    assert.equal(stripped.length, 1, 'one login, its cookie stripped');
    assert.match(stripped[0]!, /^amphi-state-/);
    assert.equal(frame.url(), `${app.url}/lti/launch`);
    assert.equal(await frame.evaluate('document.documentElement.lang'), 'fr');
    assert.equal(await frame.getByRole('heading', { level: 1 }).textContent(), translate('fr', 'page.cookies.title'));
    assert.equal(await frame.getByText(translate('fr', 'page.cookies.body')).count(), 1);
    const button = frame.getByRole('link', { name: translate('fr', 'page.cookies.button') });
    assert.equal(await button.getAttribute('target'), '_blank');
    await page.screenshot({ path: screenshotPath('cookies-blocked-fr-in-lms.png'), fullPage: true });
    const pageViolations = await checkFrameAccessibility(frame);
    assert.deepEqual(seriousOrCritical(pageViolations), [], formatViolations(pageViolations));
    if (pageViolations.length) t.diagnostic(`cookies page, minor or moderate: ${formatViolations(pageViolations)}`);

    const [popup] = await Promise.all([context.waitForEvent('page'), button.click()]);
    await waitForAmphi(popup);
    assert.equal(popup.url(), `${app.url}/lti/launch`, await visibleText(popup));
    await assertAppShown(popup);
    const view = await readLaunchSummary(popup);
    assert.equal(view.lang, 'fr');
    assert.equal(view.userName, 'Léo Martin');
    assert.equal(view.roleValue, 'learner');
    assert.equal(view.role, uiText('fr', 'role.learner'));
    assert.equal(view.routeHeading, uiText('fr', 'route.unconfigured.learner.heading'));
    await popup.screenshot({ path: screenshotPath('new-window-fr.png'), fullPage: true });
    const violations = await checkAccessibility(popup);
    assert.deepEqual(seriousOrCritical(violations), [], formatViolations(violations));
    if (violations.length) t.diagnostic(`app in a window, minor or moderate: ${formatViolations(violations)}`);
    assert.equal(stripped.length, 1, 'the new window is not routed: it keeps its cookie');
  });
});

/** Forwards the request to Amphi and answers the browser with the same response minus Set-Cookie. */
async function fulfillWithoutCookies(route: Route, stripped: string[]): Promise<void> {
  const request = route.request();
  const headers = await request.allHeaders();
  const response = await fetch(request.url(), {
    method: request.method(),
    headers: Object.fromEntries(Object.entries(headers).filter(([name]) => ['accept', 'accept-language', 'content-type'].includes(name))),
    body: request.postData() ?? undefined,
    redirect: 'manual',
  });
  stripped.push(...response.headers.getSetCookie());
  const kept = [...response.headers].filter(([name]) => name !== 'set-cookie');
  await route.fulfill({ status: response.status, headers: Object.fromEntries(kept), body: Buffer.from(await response.arrayBuffer()) });
}
