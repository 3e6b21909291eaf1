/**
 * Helpers for the real-browser launch tests: open an LMS course page that frames Amphi, read
 * what Amphi shows inside the (cross-site) iframe, watch the console, and run Chromium with an
 * explicit third-party cookie setting.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, checkAccessibility, type AccessibilityViolation } from './chromium.js';

/** Everything the page and its frames (out-of-process iframes included) print to the console. */
export function collectConsole(page: Page): string[] {
  const lines: string[] = [];
  page.on('console', (message) => lines.push(`${message.type()}: ${message.text()}`));
  return lines;
}

/**
 * Chromium's console error when the framed page's CSP frame-ancestors refuses its embedder.
 * Chromium 156 words it "Framing '<origin>/' violates the following Content Security Policy
 * directive: "frame-ancestors …". The request has been blocked." (older versions: "Refused to frame …").
 */
export function isFrameAncestorsRefusal(line: string): boolean {
  return /frame-ancestors/.test(line) && /Content Security Policy/i.test(line);
}

/** Any CSP report (blocked script, style, frame, connection…). */
export function isCspViolation(line: string): boolean {
  return /Content Security Policy/i.test(line);
}

/** What Amphi shows first, whichever way the launch went: the app, an error alert, a server page. */
const FIRST_CONTENT = '[data-testid="user-name"], [role="alert"], main.amphi-page h1';

/**
 * Opens the LMS course page and waits until Amphi, inside the course page's iframe, shows either
 * the launch summary or a page of its own (error, cookies blocked). Returns the iframe's frame.
 */
export async function openCoursePage(page: Page, courseUrl: string): Promise<Frame> {
  await page.goto(courseUrl);
  await page.frameLocator('#contentframe').locator(FIRST_CONTENT).first().waitFor();
  return toolFrame(page);
}

/**
 * A waiter started before the action it waits for, awaited after it: if the test fails in
 * between, its later rejection (timeout, page closed) must not surface as an unhandled rejection.
 */
export function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Fails with what the page shows instead when Amphi's launch summary is not there. */
export async function assertAppShown(target: Page | Frame): Promise<void> {
  if ((await target.getByTestId('user-name').count()) === 0) {
    assert.fail(`Amphi did not show the launch summary; the page reads: ${await visibleText(target)}`);
  }
}

/** Waits until Amphi, in a window of its own, shows the launch summary or a page of its own. */
export async function waitForAmphi(target: Page | Frame): Promise<void> {
  await target.locator(FIRST_CONTENT).first().waitFor();
}

export async function toolFrame(page: Page): Promise<Frame> {
  const frame = await (await page.locator('#contentframe').elementHandle())?.contentFrame();
  if (!frame) throw new Error('The course page has no #contentframe iframe');
  return frame;
}

export interface LaunchSummaryView {
  lang: string;
  userName: string | null;
  role: string | null;
  roleValue: string | null;
  courseTitle: string | null;
  courseLabel: string | null;
  locale: string | null;
  localeValue: string | null;
  routeName: string | null;
  routeHeading: string | null;
  routeText: string | null;
}

/** The launch summary and route message as Amphi rendered them (in a frame or a window). */
export async function readLaunchSummary(target: Page | Frame): Promise<LaunchSummaryView> {
  // Read what is there without waiting: an absent element reads as null at once.
  const text = async (testId: string) => (await target.getByTestId(testId).allTextContents())[0]?.trim() ?? null;
  const attr = async (testId: string, name: string) => {
    const element = target.getByTestId(testId);
    return (await element.count()) ? element.first().getAttribute(name) : null;
  };
  return {
    lang: String(await target.evaluate('document.documentElement.lang')),
    userName: await text('user-name'),
    role: await text('user-role'),
    roleValue: await attr('user-role', 'data-value'),
    courseTitle: await text('course-title'),
    courseLabel: await text('course-label'),
    locale: await text('locale'),
    localeValue: await attr('locale', 'data-value'),
    routeName: await attr('route', 'data-route'),
    routeHeading: (await target.locator('#amphi-route-heading').allTextContents())[0]?.trim() ?? null,
    routeText: (await target.getByTestId('route').locator('p').allTextContents()).join(' ').trim(),
  };
}

/** Waits for `selector` in Amphi's frame, or fails with what the frame shows instead. */
export async function waitInFrame(frame: Frame, selector: string, timeout = 15_000): Promise<void> {
  await frame
    .locator(selector)
    .first()
    .waitFor({ timeout })
    .catch(async () => {
      throw new Error(`Amphi shows no ${selector}; the frame (${frame.url()}) reads: ${await visibleText(frame).catch(() => '?')}`);
    });
}

/** Text of the visible page (for assertion messages when the expected element is not there). */
export async function visibleText(target: Page | Frame): Promise<string> {
  return String(await target.evaluate('document.body ? document.body.innerText : ""')).slice(0, 600);
}

/**
 * axe-core inside a frame. `checkAccessibility` only calls `evaluate`, which a Frame has with the
 * same signature, so the frame's own document (under Amphi's CSP) is what gets checked.
 */
export function checkFrameAccessibility(frame: Frame): Promise<AccessibilityViolation[]> {
  return checkAccessibility(frame as unknown as Page);
}

export function seriousOrCritical(violations: AccessibilityViolation[]): AccessibilityViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * Whether the framed document may keep a `SameSite=None; Secure` cookie without, then with,
 * `Partitioned` (CHIPS): the two things a browser blocking third-party cookies tells apart.
 * The probe cookies are deleted again.
 */
export async function probeCookies(frame: Frame): Promise<{ unpartitioned: boolean; partitioned: boolean }> {
  const result = await frame.evaluate(`(() => {
    const id = Math.random().toString(36).slice(2);
    const plain = 'amphi-probe-plain-' + id;
    const chips = 'amphi-probe-chips-' + id;
    document.cookie = plain + '=1; Path=/; Max-Age=60; SameSite=None; Secure';
    document.cookie = chips + '=1; Path=/; Max-Age=60; SameSite=None; Secure; Partitioned';
    const jar = document.cookie.split('; ').map((c) => c.split('=')[0]);
    document.cookie = plain + '=; Path=/; Max-Age=0; SameSite=None; Secure';
    document.cookie = chips + '=; Path=/; Max-Age=0; SameSite=None; Secure; Partitioned';
    return { unpartitioned: jar.includes(plain), partitioned: jar.includes(chips) };
  })()`);
  return result as { unpartitioned: boolean; partitioned: boolean };
}

/** Chromium's `profile.cookie_controls_mode` preference (chrome://settings/cookies). */
export const COOKIE_CONTROLS = { allowAll: 0, blockThirdParty: 1 } as const;
export type CookieControlsMode = (typeof COOKIE_CONTROLS)[keyof typeof COOKIE_CONTROLS];

/**
 * A Chromium profile with an explicit third-party cookie setting, as a person sets it in
 * chrome://settings/cookies. In Chromium 156 this preference is what decides; the
 * `--test-third-party-cookie-phaseout` switch no longer changes anything, and a fresh profile
 * (or Playwright's incognito contexts) already blocks third-party cookies.
 */
export async function launchWithCookieControls(
  mode: CookieControlsMode,
  options: { locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-chromium-profile-'));
  fs.mkdirSync(path.join(profileDir, 'Default'));
  fs.writeFileSync(path.join(profileDir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: mode } }));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      locale: options.locale,
      colorScheme: 'light',
      args: CHROMIUM_ARGS,
    });
  } catch (err) {
    fs.rmSync(profileDir, { recursive: true, force: true });
    throw err;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** Where screenshots go: the OS temp dir, never the repository. */
export function screenshotPath(name: string): string {
  const dir = path.join(os.tmpdir(), 'amphi-browser-tests');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
