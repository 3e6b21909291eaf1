/**
 * The display modes in Chromium, framed as Moodle shows Amphi: light/dark and high contrast
 * follow the system (prefers-color-scheme, prefers-contrast, forced colours) until the person
 * chooses with the toolbar, and the choice is remembered; reduced motion stops every animation;
 * the dyslexia-friendly font keeps headings and tab labels inside a 320 px wide screen.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Frame, Page } from 'playwright-core';
import type { MessageKey } from '../../tool/src/i18n/en.js';
import { t as translate } from '../../tool/src/i18n/i18n.js';
import { launchPage } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../support/test-platform.js';
import { CHROMIUM_PATH, emulatePreferences, isChromiumAvailable, launchChromium } from './chromium.js';
import { openCoursePage } from './lms-browser.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;
const COURSE = { id: 'display101', title: 'Affichage', label: 'AFF101' };
const TEACHER: LaunchSpec = { sub: 'teacher-display', name: 'Marie-Thérèse Dupont-Aignan', roles: [ROLE.instructor], context: COURSE };
const ui = (key: MessageKey) => translate('fr', key);

/** The longest of a computed list of durations ("0.8s, 10ms"), in seconds. */
function seconds(value: string): number {
  return Math.max(...value.split(',').map((v) => parseFloat(v) * (v.trim().endsWith('ms') ? 0.001 : 1)));
}

describe('display modes (Chromium)', { skip }, () => {
  let app: TestApp;
  let platform: TestPlatform;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let videoId = '';

  before(async () => {
    app = await startTestApp();
    platform = await TestPlatform.start();
    await app.register(platform);
    const teacher = await launchPage(platform, app.url, { ...TEACHER, messageType: 'LtiDeepLinkingRequest' });
    const created = await teacher.api('POST', '/api/resources', {
      kind: 'video',
      title: 'Introduction à l’anticonstitutionnalité des établissements pluridisciplinaires',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    videoId = created.body.id as string;
    browser = await launchChromium();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await platform?.close();
  });

  async function open(options: BrowserContextOptions): Promise<{ page: Page; frame: Frame }> {
    await context?.close();
    context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    const spec = { ...TEACHER, resourceLink: { id: `rl-${videoId}`, title: 'Vidéo' }, custom: { amphi_resource_id: videoId }, locale: 'fr-FR' };
    const frame = await openCoursePage(page, platform.prepareLaunch(app.url, spec, { loginMethod: 'POST' }));
    await frame.getByRole('group', { name: ui('display.toolbar') }).waitFor();
    return { page, frame };
  }

  const root = (frame: Frame) =>
    frame.evaluate(() => ({ ...document.documentElement.dataset }) as { theme?: string; contrast?: string; font?: string });
  const button = (frame: Frame, key: MessageKey) => frame.getByRole('group', { name: ui('display.toolbar') }).getByRole('button', { name: ui(key), exact: true });
  const pressed = async (frame: Frame, key: MessageKey) => (await button(frame, key).getAttribute('aria-pressed')) === 'true';

  async function waitForRoot(frame: Frame, attributes: string): Promise<void> {
    await frame.locator(`html${attributes}`).waitFor({ timeout: 5_000 }).catch(async () => assert.fail(`html is ${JSON.stringify(await root(frame))}, not ${attributes}`));
  }

  it('follows the system’s colour scheme and contrast until the person chooses, then keeps the choice', async () => {
    const { page, frame } = await open({ colorScheme: 'dark', contrast: 'more' });
    await waitForRoot(frame, '[data-theme="dark"][data-contrast="more"]');
    assert.ok(await pressed(frame, 'display.theme.dark'));
    assert.ok(await pressed(frame, 'display.contrast'));

    // The system changes while the page is open: nothing chosen yet, so the page follows.
    await emulatePreferences(page, { colorScheme: 'light', contrast: 'no-preference' });
    await waitForRoot(frame, '[data-theme="light"][data-contrast="normal"]');
    assert.ok(!(await pressed(frame, 'display.contrast')));

    // Chosen with the toolbar: the system no longer decides. (The choice is kept in
    // localStorage, which a browser blocking third-party storage denies to the framed page: then
    // it lasts as long as the page.)
    await button(frame, 'display.theme.dark').click();
    await button(frame, 'display.contrast').click();
    await waitForRoot(frame, '[data-theme="dark"][data-contrast="more"]');
    await emulatePreferences(page, { colorScheme: 'light', contrast: 'no-preference' });
    // A click queued after the system's change: once it shows, the change has been handled.
    await button(frame, 'display.dyslexia').click();
    await waitForRoot(frame, '[data-font="dyslexia"]');
    assert.deepEqual(await root(frame), { theme: 'dark', contrast: 'more', font: 'dyslexia' });
  });

  it('turns high contrast on for forced colours (Windows contrast themes)', async () => {
    const { frame } = await open({ forcedColors: 'active' });
    await waitForRoot(frame, '[data-contrast="more"]');
    assert.ok(await pressed(frame, 'display.contrast'));
  });

  it('stops animations, transitions and smooth scrolling when the system asks for less motion', async () => {
    const { page, frame } = await open({ reducedMotion: 'reduce' });
    // Computed styles of a spinner given a transition and smooth scrolling of its own.
    const motion = async () => {
      const style = await frame.evaluate(() => {
        const probe = document.createElement('div');
        probe.className = 'amphi-spinner';
        probe.style.transition = 'opacity 2s';
        probe.style.scrollBehavior = 'smooth';
        document.body.append(probe);
        const computed = getComputedStyle(probe);
        const found = {
          animation: computed.animationDuration,
          transition: computed.transitionDuration,
          scroll: computed.scrollBehavior,
          rootScroll: getComputedStyle(document.documentElement).scrollBehavior,
        };
        probe.remove();
        return found;
      });
      return { ...style, animation: seconds(style.animation), transition: seconds(style.transition) };
    };
    const reduced = await motion();
    assert.ok(reduced.animation < 0.001 && reduced.transition < 0.001, JSON.stringify(reduced));
    assert.equal(reduced.scroll, 'auto');
    assert.equal(reduced.rootScroll, 'auto');

    await emulatePreferences(page, { reducedMotion: 'no-preference' });
    const moving = await motion();
    assert.ok(moving.animation > 0.1, `the spinner turns for everyone else: ${JSON.stringify(moving)}`);
  });

  it('keeps headings and tab labels inside a 320 px screen with the dyslexia-friendly font', async () => {
    const { frame } = await open({ viewport: { width: 320, height: 800 } });
    await button(frame, 'display.dyslexia').click();
    await waitForRoot(frame, '[data-font="dyslexia"]');
    // Measured with OpenDyslexic itself, not the fallback shown while it loads.
    await frame.evaluate(() => document.fonts.load('1rem OpenDyslexic').then(() => document.fonts.ready).then(() => undefined));
    await frame.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await frame.locator('[role="tab"]').first().waitFor();
    const overflowing = await frame.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const found: string[] = [];
      for (const element of document.querySelectorAll<HTMLElement>('h1, h2, h3, [role="tab"]')) {
        const box = element.getBoundingClientRect();
        if (box.width === 0) continue;
        if (element.scrollWidth > element.clientWidth + 1 || box.right > width + 1 || box.left < -1) {
          found.push(`${element.tagName.toLowerCase()} “${element.textContent?.trim()}”: ${Math.round(box.left)}–${Math.round(box.right)} of ${width}, scroll ${element.scrollWidth} > ${element.clientWidth}`);
        }
      }
      if (document.documentElement.scrollWidth > width + 1) {
        // Name the innermost elements past the right edge: they are what to fix.
        const past = [...document.body.querySelectorAll<HTMLElement>('*')].filter((e) => e.getBoundingClientRect().right > width + 1);
        const innermost = past.filter((e) => !past.some((other) => other !== e && e.contains(other)));
        found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width}): ${innermost.map((e) => `${e.tagName.toLowerCase()}.${e.className} “${(e.textContent ?? '').trim().slice(0, 30)}”`).join(', ')}`);
      }
      return found;
    });
    assert.deepEqual(overflowing, []);
    const spacing = await frame.evaluate(() => {
      const body = getComputedStyle(document.body);
      const h1 = document.querySelector('h1, h2');
      return { font: body.fontFamily, word: body.wordSpacing, heading: h1 ? parseFloat(getComputedStyle(h1).lineHeight) / parseFloat(getComputedStyle(h1).fontSize) : 0 };
    });
    assert.match(spacing.font, /OpenDyslexic/);
    assert.notEqual(spacing.word, '0px');
    assert.ok(spacing.heading > 1 && spacing.heading < 1.5, `headings keep tight lines: ${JSON.stringify(spacing)}`);
  });
});
