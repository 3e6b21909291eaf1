/**
 * The administrator's journey, in Chromium: Amphi's operator opens a registration code; the Moodle
 * site administrator pastes the registration URL in Moodle's "Manage tools", which opens Amphi's
 * registration page in a frame (LTI Dynamic Registration: openid-configuration, registration
 * token, the tool's registration request); Amphi answers that it is registered and tells Moodle to
 * close the frame (postMessage org.imsglobal.lti.close). The administrator then adds a classroom
 * with the picker and sets the platform's BigBlueButton server on its Server tab, tested against
 * the strict fake BBB. French UI. Screenshots in test/artifacts/registration/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { translate as serverText } from '../../../src/http/messages.js';
import { startFakeBbb, type FakeBbb } from '../../support/fake-bbb/index.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../../support/test-platform.js';
import { CHROMIUM_PATH, isChromiumAvailable, launchChromium } from '../chromium.js';
import { assertAppShown, openCoursePage, toolFrame, visibleText } from '../lms-browser.js';
import { assertAccessible, assertAccessibleInDark, screenshots, ui } from './journey-support.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;

const COURSE = { id: 'site-admin', title: 'Espace des enseignant·es', label: 'ENS' };

describe('journey of an administrator: dynamic registration, then the BigBlueButton server (Chromium)', { skip }, () => {
  let app: TestApp;
  let platform: TestPlatform;
  let fake: FakeBbb;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  before(async () => {
    // As an operator runs it: registration needs a code the operator hands out.
    app = await startTestApp({ LTI_DYNAMIC_REGISTRATION: 'code' });
    platform = await TestPlatform.start();
    fake = await startFakeBbb();
    browser = await launchChromium();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await fake?.close();
    await app?.close();
    await platform?.close();
  });

  async function newPage(): Promise<Page> {
    await context?.close();
    context = await browser!.newContext({ locale: 'fr-FR', colorScheme: 'light', viewport: { width: 1280, height: 1000 } });
    return context.newPage();
  }

  it('registers Amphi with Moodle by dynamic registration, then sets and tests the BigBlueButton server', async () => {
    const snap = screenshots('registration');

    // The operator's registration URL (amphi registration open), handed to the Moodle administrator.
    const opened = await fetch(`${app.url}/admin/api/commands/registration-open`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ttlSeconds: 3600 }),
    });
    assert.equal(opened.status, 200, await opened.clone().text());
    const { url: registrationUrl } = ((await opened.json()) as { result: { url: string } }).result;

    // Moodle frames the registration URL with its openid-configuration and a registration token, and listens for "close".
    const page = await newPage();
    await page.addInitScript(() => {
      const seen: unknown[] = [];
      (window as unknown as { ltiMessages: unknown[] }).ltiMessages = seen;
      window.addEventListener('message', (event) => seen.push(event.data));
    });
    await page.goto(platform.embedPageUrl(await platform.startDynamicRegistration(registrationUrl)));
    const registration = await toolFrame(page);
    await registration.locator('h1').filter({ hasText: serverText('fr', 'page.registered.title') }).waitFor().catch(async () => assert.fail(`not registered; the frame reads: ${await visibleText(registration)}`));
    assert.equal(await registration.getByRole('button', { name: serverText('fr', 'page.registered.close') }).count(), 1);
    const closeAsked = await page.evaluate(() => (window as unknown as { ltiMessages: { subject?: string }[] }).ltiMessages.some((m) => m?.subject === 'org.imsglobal.lti.close'));
    assert.equal(closeAsked, true, 'Moodle is told to close the registration frame');
    await snap(page, 'registered');
    await assertAccessible(registration, 'the registration page');
    // A server-rendered page, without Amphi's toolbar: it follows the system's colour scheme.
    await page.emulateMedia({ colorScheme: 'dark' });
    await assertAccessible(registration, 'the registration page (dark)');
    await snap(page, 'registered-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    const [stored] = await app.ctx.db.selectFrom('platforms').selectAll().execute();
    assert.equal(stored?.registered_via, 'dynamic');
    assert.equal(stored?.client_id, platform.clientId);
    const [deploymentId] = [...platform.toolTypes.keys()];
    assert.ok(deploymentId, 'Moodle made a tool type, whose id is the deployment id');
    // Moodle keeps the keyset URL the registration gave it (its services verify the tool's signatures with it).
    platform.toolJwksUrl = String(platform.registrations[0]!.jwks_uri);

    // The administrator adds a classroom with the picker, through the new tool.
    const admin: LaunchSpec = { sub: 'moodle-admin', name: 'Admin Moodle', roles: [ROLE.admin, ROLE.instructor], context: COURSE, deploymentId, locale: 'fr-FR' };
    const picker = await openCoursePage(page, platform.prepareLaunch(app.url, { ...admin, messageType: 'LtiDeepLinkingRequest' }, { loginMethod: 'POST' }));
    await assertAppShown(picker);
    await picker.getByTestId('picker-tab-classroom').click();
    await picker.getByTestId('picker-create-title').fill('Permanence en ligne');
    await picker.getByTestId('picker-create-submit').click();
    await picker.locator('[data-testid="picker-selected-count"][data-count="1"]').waitFor();
    await snap(page, 'picker-classroom');
    await picker.getByTestId('picker-submit').click();
    await picker.waitForURL(/\/mod\/lti\/contentitem_return\.php/);
    const [activity] = platform.activities(COURSE.id);
    assert.ok(activity, `the platform made the activity; rejections: ${platform.deepLinkRejections.join('; ')}`);

    // The Server tab: no server yet; the administrator fills the form, saves, then tests the connection.
    const frame = await openCoursePage(page, platform.prepareLaunch(app.url, platform.launchSpecForActivity(activity, admin), { loginMethod: 'POST' }));
    await frame.getByTestId('resource-tab-server').click();
    // Within the tab's panel: an administrator's page may show the same setting again in its Administration area.
    const panel = frame.getByRole('tabpanel');
    const state = panel.getByTestId('bbb-server-state');
    await state.waitFor().catch(async () => {
      await snap(page, 'failure');
      assert.fail(`no server panel; the page reads: ${await visibleText(frame)}`);
    });
    assert.equal(await state.textContent(), ui('fr', 'servers.state.missing.admin'));
    await snap(page, 'server-missing');
    await assertAccessible(frame, 'the empty server form');
    await panel.getByLabel(ui('fr', 'servers.form.url')).fill(fake.origin);
    await panel.getByTestId('bbb-server-secret').fill(fake.secret);
    await panel.getByTestId('bbb-server-algorithm').selectOption(fake.algorithm);
    await panel.getByTestId('bbb-server-save').click();
    await panel.getByText(ui('fr', 'servers.saved')).waitFor();
    await state.filter({ hasText: ui('fr', 'servers.state.configured') }).waitFor();
    await panel.getByTestId('bbb-server-test').click();
    await panel.locator('[data-testid="bbb-server-test-result"].is-ok').waitFor();
    assert.equal(await panel.getByTestId('bbb-server-test-result').getAttribute('aria-live'), 'polite');
    await snap(page, 'server-tested');
    await assertAccessible(frame, 'the saved and tested server');
    await assertAccessibleInDark(page, frame, 'fr', 'the saved and tested server');
    await snap(page, 'server-tested-dark');
    assert.ok(fake.calls.length > 0, 'Amphi asked the BBB server');
  });
});
