/**
 * The classroom page's tabs in Chromium, framed as Moodle shows it, for the widest tab set (a
 * Moodle administrator's graded classroom): at 320 px and 1280 px, in French and English, every
 * tab is entirely visible (none clipped or scrolled away) and reachable with the mouse and the
 * keyboard (arrows, Home, End). At 1280 px each tab's panel passes axe, light and dark, with no
 * violation of any impact; the same for the learner's page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchPage } from '../support/api-client.js';
import { useFakeBbbFor } from '../support/bbb-fixture.js';
import { startFakeBbb, type FakeBbb } from '../support/fake-bbb/index.js';
import { useRegisteredPlatform } from '../support/lti-fixture.js';
import { ROLE, type LaunchSpec } from '../support/test-platform.js';
import { CHROMIUM_PATH, formatViolations, isChromiumAvailable, launchChromium } from './chromium.js';
import { checkFrameAccessibility, openCoursePage, visibleText } from './lms-browser.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;
const COURSE = { id: 'geo110', title: 'Géographie', label: 'GEO110' };
const ADMIN = { sub: 'moodle-admin', name: 'Ada Admin', roles: [ROLE.admin, ROLE.instructor], context: COURSE };
const LEARNER = { sub: 'learner-lise', name: 'Lise Meitner', roles: [ROLE.learner], context: COURSE };

/** What a person sees of each tab, scrolled to: its box against the viewport and the strip, and what is drawn at its centre. */
interface TabView {
  id: string;
  label: string;
  inViewport: boolean;
  inStrip: boolean;
  onTop: boolean;
}

/** Run in the frame as a string: the test's TypeScript is compiled with helpers the page does not have. */
const READ_TABS = `(() => {
  const list = document.querySelector('[role="tablist"]');
  const fits = list.scrollWidth <= list.clientWidth + 1;
  return [...list.querySelectorAll('[role="tab"]')].map((tab) => {
    // Below the fold at 320 px is fine (a person scrolls down); covered, clipped or off to a side is not.
    const before = tab.getBoundingClientRect();
    if (before.top < 0 || before.bottom > window.innerHeight) window.scrollBy(0, before.top - (window.innerHeight - before.height) / 2);
    const box = tab.getBoundingClientRect();
    const strip = list.getBoundingClientRect();
    const within = (o) => box.width > 0 && box.height > 0 && box.left >= o.left - 0.5 && box.right <= o.right + 0.5 && box.top >= o.top - 0.5 && box.bottom <= o.bottom + 0.5;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return {
      id: tab.id,
      label: tab.textContent || '',
      inViewport: within({ left: 0, top: 0, right: document.documentElement.clientWidth, bottom: Infinity }),
      inStrip: within(strip) && fits,
      onTop: hit !== null && tab.contains(hit),
    };
  });
})()`;

function readTabs(frame: Frame): Promise<TabView[]> {
  return frame.evaluate(READ_TABS) as Promise<TabView[]>;
}

describe('the classroom page’s tabs (Chromium)', { skip }, () => {
  const fixture = useRegisteredPlatform();
  let browser: Browser | undefined;
  let fake: FakeBbb;

  before(async () => {
    browser = await launchChromium();
    fake = await startFakeBbb();
  });

  /** The database is emptied before each test: a graded classroom (the Grades tab too) on a platform with a server. */
  async function classroomLink(): Promise<Pick<LaunchSpec, 'resourceLink' | 'custom'>> {
    const teacher = await launchPage(fixture.platform, fixture.app.url, { ...ADMIN, messageType: 'LtiDeepLinkingRequest' });
    const created = await teacher.api('POST', '/api/resources', { kind: 'classroom', title: 'Cartographie en ligne', gradable: true, scoreMaximum: 20 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const platformId = (await fixture.app.ctx.db.selectFrom('platforms').select('id').executeTakeFirstOrThrow()).id;
    await useFakeBbbFor(fixture.app.ctx, platformId, fake);
    return { resourceLink: { id: `rl-${created.body.id}`, title: 'Cartographie' }, custom: { amphi_resource_id: created.body.id } };
  }
  after(async () => {
    await browser?.close();
    await fake?.close();
  });

  async function open(spec: LaunchSpec, locale: 'fr-FR' | 'en-GB', width: number): Promise<{ page: Page; frame: Frame; close: () => Promise<void> }> {
    const context = await browser!.newContext({ locale, colorScheme: 'light', viewport: { width, height: 900 } });
    const page = await context.newPage();
    const frame = await openCoursePage(page, fixture.platform.prepareLaunch(fixture.app.url, { ...spec, locale }, { loginMethod: 'POST' }));
    return { page, frame, close: () => context.close() };
  }

  /** axe in light then dark (the app follows the system's scheme until a person chooses one): nothing, whatever the impact. */
  async function assertAccessible(page: Page, frame: Frame, what: string): Promise<void> {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await frame.locator(`html[data-theme="${scheme}"]`).waitFor({ state: 'attached' });
      const violations = await checkFrameAccessibility(frame);
      assert.deepEqual(violations, [], `${what} (${scheme}):\n${formatViolations(violations)}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }

  for (const locale of ['fr-FR', 'en-GB'] as const) {
    for (const width of [320, 1280]) {
      it(`shows and reaches every tab at ${width} px in ${locale}`, async () => {
        const { page, frame, close } = await open({ ...ADMIN, ...(await classroomLink()) }, locale, width);
        try {
          // The Server tab comes once the page knows this is an administrator: the widest set.
          const server = frame.getByTestId('resource-tab-server');
          await server.waitFor().catch(async () => assert.fail(`no Server tab; the page reads: ${await visibleText(frame)}`));
          const tabs = await readTabs(frame);
          assert.deepEqual(
            tabs.map((tab) => tab.id.replace('amphi-resource-tab-', '')),
            ['room', 'sessions', 'recordings', 'attendance', 'server', 'overview', 'settings', 'content', 'grades'],
          );
          for (const tab of tabs) {
            assert.ok(tab.inViewport && tab.inStrip && tab.onTop, `tab “${tab.label}” is not entirely visible: ${JSON.stringify(tab)}`);
          }
          // The keyboard reaches every tab in order and back; each click selects its tab.
          const first = frame.getByRole('tab', { selected: true });
          await first.focus();
          for (let i = 1; i < tabs.length; i++) {
            await page.keyboard.press('ArrowRight');
            const focused = await frame.evaluate(() => document.activeElement?.id);
            assert.equal(focused, tabs[i]!.id, `ArrowRight reaches “${tabs[i]!.label}”`);
            assert.equal(await frame.locator(`#${tabs[i]!.id}`).getAttribute('aria-selected'), 'true');
          }
          await page.keyboard.press('Home');
          assert.equal(await frame.evaluate(() => document.activeElement?.id), tabs[0]!.id);
          await page.keyboard.press('End');
          assert.equal(await frame.evaluate(() => document.activeElement?.id), tabs.at(-1)!.id);
          for (const tab of tabs) {
            await frame.locator(`#${tab.id}`).click();
            assert.equal(await frame.locator(`#${tab.id}`).getAttribute('aria-selected'), 'true', `a click selects “${tab.label}”`);
          }

          if (width === 1280 && locale === 'en-GB') {
            // Every classroom tab, in English, light and dark (the French ones are checked by each area's test).
            const panels: [string, string][] = [
              ['room', 'classroom-room-panel'],
              ['sessions', 'schedule-form'],
              ['recordings', 'recordings-panel'],
              ['attendance', 'attendance-panel'],
              ['server', 'bbb-server-form'],
            ];
            for (const [id, testId] of panels) {
              await frame.getByTestId(`resource-tab-${id}`).click();
              // Inside the tab's panel: an administrator's page also has the server setting in its Administration area.
              await frame.locator('[role="tabpanel"]').getByTestId(testId).waitFor();
              await frame.waitForFunction(() => !document.querySelector('.amphi-loading'));
              await assertAccessible(page, frame, `the ${id} tab`);
            }
          }
        } finally {
          await close();
        }
      });
    }
  }

  it('gives a learner an accessible page in English, light and dark', async () => {
    const { page, frame, close } = await open({ ...LEARNER, ...(await classroomLink()) }, 'en-GB', 1280);
    try {
      await frame.getByTestId('join-button').waitFor().catch(async () => assert.fail(`no join button; the page reads: ${await visibleText(frame)}`));
      await frame.getByTestId('recordings-panel').waitFor();
      await assertAccessible(page, frame, 'the learner’s classroom');
    } finally {
      await close();
    }
  });
});
