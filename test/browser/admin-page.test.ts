/**
 * The administration page in Chromium, framed as Moodle shows it, for a Moodle site administrator
 * launching any Amphi link: opened from the Administration area, one setting changed, an LRS
 * credential created (its secret shown once) and revoked after confirming. French UI; axe in
 * light mode on each view (the accessibility sweep covers the other display modes).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import type { MessageKey } from '../../tool/src/i18n/en.js';
import { t as translate } from '../../tool/src/i18n/i18n.js';
import { launchPage } from '../support/api-client.js';
import { useRegisteredPlatform } from '../support/lti-fixture.js';
import { ROLE } from '../support/test-platform.js';
import { CHROMIUM_PATH, formatViolations, isChromiumAvailable, launchChromium } from './chromium.js';
import { checkFrameAccessibility, openCoursePage, visibleText } from './lms-browser.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;
const ADMIN = { sub: 'moodle-admin', name: 'Admin Moodle', roles: [ROLE.admin], context: { id: 'info101', title: 'Informatique', label: 'INFO101' } };

const ui = (key: MessageKey, params: Record<string, string> = {}) => translate('fr', key, params);

describe('the administration page (Chromium)', { skip }, () => {
  const fixture = useRegisteredPlatform();
  let browser: Browser | undefined;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  async function checkLight(page: Page, frame: Frame, view: string) {
    await page.emulateMedia({ colorScheme: 'light' });
    await frame.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], `${view}:\n${formatViolations(violations)}`);
  }

  it('lets a Moodle administrator change a setting, create and revoke an LRS credential', async () => {
    const context = await browser!.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 1400 } });
    try {
      const page = await context.newPage();
      const frame = await openCoursePage(page, fixture.platform.prepareLaunch(fixture.app.url, { ...ADMIN, locale: 'fr-FR' }, { loginMethod: 'POST' }));
      const open = frame.getByTestId('admin-page-open');
      await open.waitFor().catch(async () => assert.fail(`no way to the administration page; the page reads: ${await visibleText(frame)}`));
      assert.equal(await frame.getByTestId('admin-header-entry').textContent(), ui('admin.headerEntry'));
      await open.click();

      const adminPage = frame.getByTestId('admin-page');
      await adminPage.waitFor();
      const heading = frame.getByRole('heading', { level: 1 });
      assert.equal(await heading.textContent(), ui('admin.heading', { platform: await fixture.app.ctx.db.selectFrom('platforms').select('name').executeTakeFirstOrThrow().then((p) => p.name) }));
      assert.equal(await heading.evaluate((h) => h === document.activeElement), true, 'focus moves to the page’s heading');
      assert.equal(await frame.getByTestId('route').count(), 0, 'the page takes the launch content’s place');

      // Platform: pseudonymous → email, saved and announced.
      await frame.getByTestId('admin-platform').waitFor();
      await checkLight(page, frame, 'platform');
      await frame.getByLabel(ui('admin.platform.identity.email'), { exact: true }).check();
      await frame.getByTestId('admin-lrs-identity-save').click();
      await frame.getByTestId('admin-lrs-identity-status').filter({ hasText: ui('admin.saved') }).waitFor();
      const platform = await fixture.app.ctx.db.selectFrom('platforms').select('lrs_identity').executeTakeFirstOrThrow();
      assert.equal(platform.lrs_identity, 'email');

      // Credentials: create one, its secret shown once, then revoke it after confirming.
      await frame.getByTestId('admin-tab-credentials').click();
      await frame.getByTestId('admin-credentials-empty').waitFor();
      await frame.getByTestId('admin-credential-name').fill('Ralph');
      await frame.getByLabel('state', { exact: true }).check();
      await frame.getByTestId('admin-credential-create').click();
      const secret = await frame.getByTestId('admin-new-credential-secret').inputValue();
      const key = await frame.getByTestId('admin-new-credential-key').inputValue();
      const stored = await fixture.app.ctx.db.selectFrom('lrs_credentials').select(['key', 'name', 'scopes', 'secret_hash']).executeTakeFirstOrThrow();
      assert.deepEqual([stored.key, stored.name, [...stored.scopes].sort()], [key, 'Ralph', ['state', 'statements/write']]);
      assert.ok(secret.length >= 20 && !stored.secret_hash.includes(secret), 'the secret is shown, only its hash is kept');
      assert.equal(await frame.getByTestId('admin-new-credential-endpoint').inputValue(), `${fixture.app.url}/xapi/`);
      await checkLight(page, frame, 'credential created');
      await frame.getByTestId('admin-new-credential-done').click();
      assert.equal(await frame.getByTestId('admin-new-credential').count(), 0, 'the secret is gone from the page');
      assert.ok(!(await visibleText(frame)).includes(secret));

      const row = frame.getByTestId('admin-credential-row').filter({ hasText: 'Ralph' });
      await row.getByTestId('admin-credential-revoke').click();
      await row.getByTestId('admin-credential-revoke-cancel').waitFor();
      assert.equal(await row.getByTestId('admin-credential-revoke-cancel').evaluate((b) => b === document.activeElement), true, 'focus on the safe choice');
      await row.getByTestId('admin-credential-revoke-confirm').click();
      await frame.getByTestId('admin-credentials-status').filter({ hasText: ui('admin.credentials.revoked', { name: 'Ralph' }) }).waitFor();
      await row.getByTestId('admin-credential-revoked').waitFor();
      const revoked = await fixture.app.ctx.db.selectFrom('lrs_credentials').select('revoked_at').executeTakeFirstOrThrow();
      assert.ok(revoked.revoked_at, 'revoked in the database');
      await checkLight(page, frame, 'credentials');

      // BigBlueButton's xAPI: a tab only when the server answers for it.
      const bbbXapi = await (await launchPage(fixture.platform, fixture.app.url, ADMIN)).api('GET', '/api/admin/bbb-xapi');
      assert.equal(await frame.getByTestId('admin-tab-bbb-xapi').count(), bbbXapi.status === 200 ? 1 : 0);
      if (bbbXapi.status === 200) {
        await frame.getByTestId('admin-tab-bbb-xapi').click();
        await frame.getByTestId('admin-bbb-xapi-state').filter({ hasText: ui('admin.bbbXapi.disabled') }).waitFor();
      }

      // Back to the launch: focus on the Administration area's button again.
      await frame.getByTestId('admin-page-close').click();
      await frame.getByTestId('admin-page-open').waitFor();
      assert.equal(await frame.getByTestId('admin-page-open').evaluate((b) => b === document.activeElement), true, 'focus back on the way in');
      // The header's entry opens it too.
      await frame.getByTestId('admin-header-entry').click();
      await adminPage.waitFor();
    } finally {
      await context.close();
    }
  });
});
