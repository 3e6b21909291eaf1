/**
 * The README's pictures, made again by anyone:
 *
 *   npm run bench:ui:screenshots
 *
 * writes docs/screenshots/<page>-<light|dark>.png (1280x800, deflated again losslessly: see
 * png-recompress.ts) for the deep-linking picker, the teacher's video page, the student's
 * player, a classroom and a teachers' dashboard. Each page is a real LTI launch of the course of
 * bench/ui/ui-scene.ts, opened in a window of its own so the picture is Amphi alone; dark is the
 * system preference (prefers-color-scheme), which Amphi follows until a person picks a theme.
 * Needs Chromium (or CHROMIUM_PATH) and ffmpeg, and the front end built (`npm run build:tool`).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { CHROMIUM_PATH, isChromiumAvailable, launchChromium } from '../../test/browser/chromium.js';
import { recompressPng } from './png-recompress.js';
import { startUiScene, type PageKind } from './ui-scene.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'docs', 'screenshots');
const VIEWPORT = { width: 1280, height: 800 };
const log = (line: string) => process.stderr.write(`[screenshots] ${line}\n`);

/** What shows that each page is ready to be pictured (data loaded, media ready, charts drawn). */
const READY: Record<PageKind, string> = {
  picker: '[data-testid="picker-create-title"]',
  'video-teacher': '[data-testid="video-badge"][data-state="ready"]',
  player: '[data-testid="player-play"]',
  classroom: '[data-testid="join-session"]',
  dashboard: '[data-chart-ready="true"]',
};

/** Where the picture is centred when the page is taller than the window (the player's controls, the charts). */
const SCROLL_TO: Partial<Record<PageKind, { selector: string; block: ScrollLogicalPosition }>> = {
  'video-teacher': { selector: '[data-testid="video-player"]', block: 'end' },
  player: { selector: '[data-testid="video-player"]', block: 'end' },
  dashboard: { selector: '[data-chart-ready="true"]', block: 'center' },
};

async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // Two frames: what the last state change painted is on screen.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

async function main(): Promise<void> {
  if (!isChromiumAvailable()) throw new Error(`Chromium not found at ${CHROMIUM_PATH}`);
  if (!fs.existsSync(path.join(ROOT, 'public', 'app', 'index.html'))) execFileSync('npm', ['run', 'build:tool'], { cwd: ROOT, stdio: 'inherit' });
  fs.mkdirSync(OUT, { recursive: true });
  const scene = await startUiScene(log);
  const browser = await launchChromium();
  try {
    for (const theme of ['light', 'dark'] as const) {
      for (const kind of Object.keys(READY) as PageKind[]) {
        const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Paris', colorScheme: theme, reducedMotion: 'reduce', viewport: VIEWPORT });
        try {
          const page = await context.newPage();
          await page.goto(scene.windowUrl(kind));
          await page.locator(READY[kind]).first().waitFor({ timeout: 30_000 });
          if (kind === 'player') await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2, undefined, { timeout: 30_000 });
          const scroll = SCROLL_TO[kind];
          if (scroll) await page.locator(scroll.selector).first().evaluate((el, block) => el.scrollIntoView({ block }), scroll.block);
          await settle(page);
          const file = path.join(OUT, `${kind}-${theme}.png`);
          fs.writeFileSync(file, recompressPng(await page.screenshot()));
          log(`${path.relative(ROOT, file)} ${Math.round(fs.statSync(file).size / 1024)} KiB`);
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    await scene.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
