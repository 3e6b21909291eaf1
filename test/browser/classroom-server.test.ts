/**
 * The classroom's "Server" tab in Chromium, framed as Moodle shows it: a teacher learns only that
 * no server is set up and whom to ask; a Moodle site administrator fills the form (errors at the
 * fields), saves, tests the connection against the strict fake BBB (the result announced in a
 * live region) and removes the server after confirming. French UI, accessibility checked.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { MessageKey } from '../../tool/src/i18n/en.js';
import { t as translate } from '../../tool/src/i18n/i18n.js';
import { launchPage } from '../support/api-client.js';
import { startFakeBbb, type FakeBbb } from '../support/fake-bbb/index.js';
import { useRegisteredPlatform } from '../support/lti-fixture.js';
import { ROLE, type LaunchSpec } from '../support/test-platform.js';
import { CHROMIUM_PATH, formatViolations, isChromiumAvailable, launchChromium } from './chromium.js';
import { checkFrameAccessibility, openCoursePage, visibleText } from './lms-browser.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;
const COURSE = { id: 'info101', title: 'Informatique', label: 'INFO101' };
const TEACHER = { sub: 'teacher-alan', name: 'Alan Turing', roles: [ROLE.instructor], context: COURSE };
const ADMIN = { sub: 'moodle-admin', name: 'Admin Moodle', roles: [ROLE.admin, ROLE.instructor], context: COURSE };

const ui = (key: MessageKey, params: Record<string, string> = {}) => translate('fr', key, params);

describe('the classroom’s server tab (Chromium)', { skip }, () => {
  const fixture = useRegisteredPlatform();
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let fake: FakeBbb;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    fake = await startFakeBbb();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    await fake.close();
  });

  async function classroomLink(): Promise<Pick<LaunchSpec, 'resourceLink' | 'custom'>> {
    const teacher = await launchPage(fixture.platform, fixture.app.url, { ...TEACHER, messageType: 'LtiDeepLinkingRequest' });
    const created = await teacher.api('POST', '/api/resources', { kind: 'classroom', title: 'TD d’algorithmique' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return { resourceLink: { id: `rl-${created.body.id}`, title: 'TD' }, custom: { amphi_resource_id: created.body.id } };
  }

  async function openServerTab(spec: LaunchSpec): Promise<{ page: Page; frame: Frame; panel: ReturnType<Frame['getByTestId']> }> {
    context = await browser!.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 1400 } });
    const page = await context.newPage();
    const frame = await openCoursePage(page, fixture.platform.prepareLaunch(fixture.app.url, { ...spec, locale: 'fr-FR' }, { loginMethod: 'POST' }));
    await frame.getByTestId('resource-tab-server').click();
    // The tab's own setting: an administrator's page has the same one in its Administration area.
    const panel = frame.getByTestId('bbb-server-panel');
    await panel.waitFor().catch(async () => assert.fail(`no server panel; the page reads: ${await visibleText(frame)}`));
    return { page, frame, panel };
  }

  /** axe in light then dark (the app follows the system's scheme until a person chooses one): nothing, whatever the impact. */
  async function checkAccessibility(page: Page, frame: Frame) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await frame.locator(`html[data-theme="${scheme}"]`).waitFor({ state: 'attached' });
      const violations = await checkFrameAccessibility(frame);
      assert.deepEqual(violations, [], `${scheme}:\n${formatViolations(violations)}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }

  it('tells a teacher, before any click, whom to ask; Start is disabled and there is no Server tab', async () => {
    const link = await classroomLink();
    context = await browser!.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 1400 } });
    const page = await context.newPage();
    const frame = await openCoursePage(page, fixture.platform.prepareLaunch(fixture.app.url, { ...TEACHER, ...link, locale: 'fr-FR' }, { loginMethod: 'POST' }));
    const notice = frame.getByTestId('classroom-server-missing');
    await notice.waitFor().catch(async () => assert.fail(`no notice; the page reads: ${await visibleText(frame)}`));
    assert.equal(await notice.textContent(), ui('join.server.missing.teacher'));
    const start = frame.getByTestId('join-button');
    assert.equal(await start.getAttribute('aria-disabled'), 'true');
    assert.equal(await start.getAttribute('aria-describedby'), await notice.getAttribute('id'));
    // Playwright waits for an aria-disabled button to be enabled: the click is sent as the browser would.
    await start.dispatchEvent('click');
    assert.equal(await frame.getByTestId('join-status').getAttribute('data-phase'), 'idle', 'a click does nothing');
    assert.equal(fake.calls.length, 0);
    assert.equal(await frame.getByTestId('resource-tab-server').count(), 0);
    assert.equal(await frame.getByTestId('bbb-server-form').count(), 0);
    await checkAccessibility(page, frame);
  });

  it('lets an administrator save, test and remove the server', async () => {
    const link = await classroomLink();
    const { page, frame, panel } = await openServerTab({ ...ADMIN, ...link });
    assert.equal(await panel.getByTestId('bbb-server-state').textContent(), ui('servers.state.missing.admin'));
    await checkAccessibility(page, frame);

    // Nothing typed: both errors at their fields, focus on the first.
    await panel.getByTestId('bbb-server-save').click();
    const url = panel.getByTestId('bbb-server-url');
    const secret = panel.getByTestId('bbb-server-secret');
    assert.equal(await url.getAttribute('aria-invalid'), 'true');
    assert.equal(await secret.getAttribute('aria-invalid'), 'true');
    assert.equal(await url.evaluate((el) => el === document.activeElement), true);
    assert.equal(await panel.getByLabel(ui('servers.form.url')).evaluate((el) => el.getAttribute('data-testid')), 'bbb-server-url', 'the label names the field');

    // A URL with credentials: the server's refusal lands under the URL field, in French.
    await url.fill('http://admin:pw@127.0.0.1/');
    await secret.fill(fake.secret);
    await panel.getByTestId('bbb-server-save').click();
    await panel.getByText(ui('servers.error.bbb-server-url-credentials')).waitFor();

    await url.fill(fake.origin);
    await panel.getByTestId('bbb-server-algorithm').selectOption('sha256');
    await panel.getByTestId('bbb-server-save').click();
    await panel.getByText(ui('servers.saved')).waitFor();
    assert.equal(await panel.getByTestId('bbb-server-state').textContent(), ui('servers.state.configured'));
    assert.equal(await url.inputValue(), fake.url, 'the normalised API address');
    assert.equal(await secret.inputValue(), '', 'the secret is never shown again');
    assert.equal(await secret.getAttribute('type'), 'password');
    assert.ok(!(await visibleText(frame)).includes(fake.secret));

    const result = panel.getByTestId('bbb-server-test-result');
    assert.equal(await result.getAttribute('aria-live'), 'polite');
    await panel.getByTestId('bbb-server-test').click();
    await panel.locator('[data-testid="bbb-server-test-result"].is-ok').waitFor();
    assert.match((await result.textContent()) ?? '', /^Connexion réussie/);

    // A wrong secret typed in the form is tested before being saved.
    await secret.fill('pas-le-bon-secret-du-tout');
    await panel.getByTestId('bbb-server-test').click();
    await panel.locator('[data-testid="bbb-server-test-result"].is-failed').waitFor();
    assert.match((await result.textContent()) ?? '', /le secret ne correspond pas à celui du serveur/);
    await checkAccessibility(page, frame);

    await panel.getByTestId('bbb-server-remove').click();
    assert.equal(await panel.getByTestId('bbb-server-remove-cancel').evaluate((el) => el === document.activeElement), true);
    await panel.getByTestId('bbb-server-remove-cancel').click();
    assert.equal(await panel.getByTestId('bbb-server-remove-confirm').count(), 0);
    await panel.getByTestId('bbb-server-remove').click();
    await panel.getByTestId('bbb-server-remove-confirm').click();
    await panel.getByText(ui('servers.removed')).waitFor();
    assert.equal(await panel.getByTestId('bbb-server-state').textContent(), ui('servers.state.missing.admin'));
    const admin = await launchPage(fixture.platform, fixture.app.url, { ...ADMIN, ...link });
    assert.equal((await admin.api('GET', '/api/platform/bbb-server')).body.configured, false);
  });
});
