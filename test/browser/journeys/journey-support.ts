/**
 * What the whole-journey tests share: where their screenshots go (test/artifacts/<journey>/,
 * ignored by git, kept for a person to look at after a CI run), and the strict accessibility
 * check every step of a journey passes (no axe-core violation of any impact).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Frame, Page } from 'playwright-core';
import type { MessageKey } from '../../../tool/src/i18n/en.js';
import { t as translate } from '../../../tool/src/i18n/i18n.js';
import { formatViolations } from '../chromium.js';
import { checkFrameAccessibility } from '../lms-browser.js';

const ARTIFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../artifacts');

/** A string of the front end's catalogue, with its parameters. */
export function ui(locale: 'fr' | 'en', key: MessageKey, params: Record<string, string> = {}): string {
  return translate(locale, key, params);
}

/** Numbered PNG screenshots of one journey, in the order its steps happen. */
export function screenshots(journey: string): (page: Page, step: string) => Promise<void> {
  const dir = path.join(ARTIFACTS, journey);
  // Last run's pictures go: a step that no longer happens must not leave an old picture behind.
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let count = 0;
  return async (page, step) => {
    count += 1;
    await page.screenshot({ path: path.join(dir, `${String(count).padStart(2, '0')}-${step}.png`), fullPage: true });
  };
}

/** No axe-core violation at all (minor and moderate included) in Amphi's framed document. */
export async function assertAccessible(frame: Frame, where: string): Promise<void> {
  const violations = await checkFrameAccessibility(frame);
  assert.deepEqual(violations, [], `${where}:\n${formatViolations(violations)}`);
}

/**
 * Switches Amphi to its dark theme with its own toolbar, then checks the page again: a journey's
 * last screen is judged in both themes. The pointer moves off the toolbar first (a hovered button
 * is not what axe should judge) and two frames pass so the new colours are painted.
 */
export async function assertAccessibleInDark(page: Page, frame: Frame, locale: 'fr' | 'en', where: string): Promise<void> {
  await frame.getByRole('button', { name: ui(locale, 'display.theme.dark') }).click();
  await frame.locator('html[data-theme="dark"]').waitFor();
  await page.mouse.move(0, 0);
  await frame.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await assertAccessible(frame, `${where} (dark)`);
}
