/**
 * The tool's display modes, switched as a person does: with the display toolbar's toggle buttons
 * (aria-pressed), inside the page that is open, so that one launch is checked in every mode.
 */
import type { Frame, Page } from 'playwright-core';
import { t as translate, type MessageKey } from '../../tool/src/i18n/i18n.js';
import type { Lang } from './accessibility-sweep.js';

export interface ToolMode {
  name: string;
  theme: 'light' | 'dark';
  highContrast: boolean;
  dyslexia: boolean;
}

export const TOOL_MODES: readonly ToolMode[] = [
  { name: 'light', theme: 'light', highContrast: false, dyslexia: false },
  { name: 'dark', theme: 'dark', highContrast: false, dyslexia: false },
  { name: 'dyslexia', theme: 'light', highContrast: false, dyslexia: true },
  { name: 'high contrast', theme: 'light', highContrast: true, dyslexia: false },
  { name: 'high contrast dark', theme: 'dark', highContrast: true, dyslexia: false },
];

/** A catalogue string, or null when the key is not (yet) in the catalogue. */
function uiText(lang: Lang, key: string): string | null {
  try {
    return translate(lang, key as MessageKey);
  } catch {
    return null;
  }
}

/**
 * Presses the toolbar's buttons until the page shows `mode`, then moves the pointer away (a
 * hovered button is not what axe should judge) and lets two frames paint the new colours. The
 * buttons are found and pressed in one round trip to the page (real click events on the real
 * buttons: the sweep switches modes hundreds of times). Throws, naming the button, when the
 * toolbar has no such button.
 */
export async function applyToolMode(page: Page, frame: Frame, lang: Lang, mode: ToolMode): Promise<void> {
  const names = (keys: string[]) => keys.map((key) => [key, uiText(lang, key)] as const);
  const [toolbar, ...buttons] = names(['display.toolbar', mode.theme === 'light' ? 'display.theme.light' : 'display.theme.dark', 'display.contrast', 'display.dyslexia']);
  // The theme buttons form a radio-like group (pressing one releases the other); the others toggle.
  const wanted = buttons.map(([key, name], i) => ({ key, name, pressed: i === 0 ? true : i === 1 ? mode.highContrast : mode.dyslexia }));
  const missing = await frame.evaluate(
    async ({ toolbarName, wanted }) => {
      const group = [...document.querySelectorAll('[role="group"]')].find((g) => g.getAttribute('aria-label') === toolbarName);
      if (!group) return `the page has no group named ${toolbarName}`;
      for (const { key, name, pressed } of wanted) {
        const button = [...group.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
        if (!button) return `the display toolbar has no button ${key} (“${name ?? '?'}”)`;
        if ((button.getAttribute('aria-pressed') === 'true') !== pressed) button.click();
      }
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      return null;
    },
    { toolbarName: toolbar?.[1] ?? null, wanted },
  );
  if (missing) throw new Error(missing);
  // The three attributes the stylesheet keys off, all applied (not only the theme's), before axe reads colours.
  const font = mode.dyslexia ? '[data-font="dyslexia"]' : ':not([data-font])';
  const contrast = mode.highContrast ? '[data-contrast="more"]' : ':not([data-contrast="more"])';
  await frame.locator(`html[data-theme="${mode.theme}"]${contrast}${font}`).waitFor({ timeout: 5_000 });
  // Fonts swapped by the dyslexia mode load after the attribute: measure once they are in.
  await frame.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.mouse.move(0, 0);
  await frame.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}
