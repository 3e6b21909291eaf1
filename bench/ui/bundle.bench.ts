/**
 * Front-end figures, in headless Chromium on loopback (npm run bench:ui):
 *
 * 1. JavaScript shipped per page: each page type is opened by a real LTI launch inside a course
 *    page (cold cache, one browser context per page) and the JavaScript files Amphi's frame
 *    actually requested are summed, raw and gzipped (zlib level 6, a web server's usual setting;
 *    Amphi itself serves them uncompressed behind the operator's proxy). Shows which pages load
 *    the hls.js chunk.
 * 2. The student's player page's time to interactive, over RUNS loads (cold cache each): from the
 *    navigation start of Amphi's document (its id_token POST, the frame's performance time
 *    origin) until the play button is on screen, and until a click on it, made at once, has the
 *    video playing (currentTime advancing). Also the whole launch seen from the course page
 *    (course page → Moodle's launch.php → login → auth → id_token POST → playing).
 *
 * Needs Chromium (or CHROMIUM_PATH), ffmpeg and the front end built (run here first). Prints a
 * Markdown table; figures for bench/RESULTS.md. No assertion: a figure, not a test.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import type { Browser, Frame, Page } from 'playwright-core';
import { CHROMIUM_PATH, isChromiumAvailable, launchChromium } from '../../test/browser/chromium.js';
import { openCoursePage, toolFrame } from '../../test/browser/lms-browser.js';
import { startUiScene, type PageKind, type UiScene } from './ui-scene.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.RUNS ?? 20);
const log = (line: string) => process.stderr.write(`[bench:ui] ${line}\n`);

/** What shows each page has done its first work (data loaded, media attached, charts drawn). */
const READY: Record<PageKind, string> = {
  picker: '[data-testid="picker-create-title"]',
  'video-teacher': '[data-testid="video-player"][data-engine]:not([data-engine=""])',
  player: '[data-testid="video-player"][data-engine]:not([data-engine=""])',
  classroom: '[data-testid="join-session"]',
  dashboard: '[data-chart-ready="true"]',
};

interface Shipped {
  kind: PageKind;
  files: { name: string; raw: number; gzip: number }[];
  /** The player's playback engine (hls.js, or the browser's own HLS) when the page has a player. */
  engine: string | null;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function javascriptOf(browser: Browser, scene: UiScene, kind: PageKind): Promise<Shipped> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 1000 } });
  try {
    const page = await context.newPage();
    const pending: Promise<{ name: string; raw: number; gzip: number } | undefined>[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin !== new URL(scene.app.url).origin || !url.pathname.endsWith('.js')) return;
      pending.push(
        response.body().then(
          (body) => ({ name: path.basename(url.pathname), raw: body.length, gzip: zlib.gzipSync(body, { level: 6 }).length }),
          () => undefined,
        ),
      );
    });
    const frame = await openCoursePage(page, scene.courseUrl(kind));
    await frame.locator(READY[kind]).first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    const files = (await Promise.all(pending)).filter((f) => f !== undefined);
    const player = frame.locator('[data-testid="video-player"]');
    const engine = (await player.count()) ? await player.first().getAttribute('data-engine') : null;
    return { kind, files, engine };
  } finally {
    await context.close();
  }
}

interface PlayerTiming {
  /** Amphi's navigation start → its launch page received (the server's id_token check and answer) (ms). */
  response: number;
  /** Amphi's navigation start → DOMContentLoaded done (the app's module script has run) (ms). */
  domReady: number;
  /** Amphi's navigation start → the play button on screen (ms). */
  button: number;
  /** Amphi's navigation start → the video playing after a click made as soon as the button showed (ms). */
  playing: number;
  /** The course page's navigation → playing, the whole launch included (ms). */
  launch: number;
}

async function timePlayer(browser: Browser, scene: UiScene): Promise<PlayerTiming> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 1000 } });
  try {
    const page: Page = await context.newPage();
    const started = Date.now();
    await page.goto(scene.courseUrl('player'));
    const play = page.frameLocator('#contentframe').getByTestId('player-play');
    await play.waitFor({ timeout: 60_000 });
    const amphi: Frame = await toolFrame(page);
    const button = await amphi.evaluate(() => performance.now());
    const navigation = await amphi.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return { response: entry.responseEnd, domReady: entry.domContentLoadedEventEnd };
    });
    await play.click();
    await amphi.waitForFunction(() => {
      const video = document.querySelector('video');
      return Boolean(video && !video.paused && video.currentTime > 0);
    }, undefined, { timeout: 30_000, polling: 'raf' });
    const playing = await amphi.evaluate(() => performance.now());
    return { ...navigation, button, playing, launch: Date.now() - started };
  } finally {
    await context.close();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  if (!isChromiumAvailable()) throw new Error(`Chromium not found at ${CHROMIUM_PATH}`);
  log('building the front end (npm run build:tool)');
  execFileSync('npm', ['run', '--silent', 'build:tool'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  log(`load average at the start: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')}`);
  const scene = await startUiScene(log);
  const browser = await launchChromium({ args: ['--autoplay-policy=no-user-gesture-required'] });
  try {
    console.log('## JavaScript shipped per page (Amphi’s frame, cold cache)\n');
    console.log('| Page | Files (gzip -6 each) | Raw | gzip -6 | hls.js chunk | Player engine |');
    console.log('|---|---|---:|---:|---|---|');
    for (const kind of Object.keys(READY) as PageKind[]) {
      const shipped = await javascriptOf(browser, scene, kind);
      const raw = shipped.files.reduce((s, f) => s + f.raw, 0);
      const gzip = shipped.files.reduce((s, f) => s + f.gzip, 0);
      const hls = shipped.files.find((f) => /^hls/.test(f.name));
      const list = shipped.files.map((f) => `${f.name} (${kib(f.gzip)})`).join(', ');
      console.log(`| ${kind} | ${list} | ${kib(raw)} | ${kib(gzip)} | ${hls ? `loaded (${kib(hls.gzip)})` : 'not loaded'} | ${shipped.engine ?? 'no player'} |`);
    }

    log(`timing the player page over ${RUNS} loads`);
    await timePlayer(browser, scene); // warm-up: the server's first launch compiles its queries
    const timings: PlayerTiming[] = [];
    let failed = 0;
    while (timings.length < RUNS) {
      // A load that never gets there (the machine is shared: another build may swap public/app) is counted, not timed.
      try {
        timings.push(await timePlayer(browser, scene));
      } catch (err) {
        if (++failed > 5) throw err;
        log(`a load failed (${failed}): ${String(err).split('\n')[0]}`);
      }
    }
    const row = (name: string, values: number[]) => `| ${name} | ${Math.round(percentile(values, 50))} ms | ${Math.round(percentile(values, 95))} ms | ${Math.round(Math.min(...values))} ms | ${Math.round(Math.max(...values))} ms |`;
    console.log(`\n## Player page, time to interactive (${RUNS} loads, cold cache each)\n`);
    console.log('| From → to | Median | p95 | Min | Max |');
    console.log('|---|---:|---:|---:|---:|');
    console.log(row('Amphi’s navigation start → its launch page received', timings.map((t) => t.response)));
    console.log(row('Amphi’s navigation start → DOMContentLoaded (app script run)', timings.map((t) => t.domReady)));
    console.log(row('Amphi’s navigation start → play button on screen', timings.map((t) => t.button)));
    console.log(row('Amphi’s navigation start → playing (click at once)', timings.map((t) => t.playing)));
    console.log(row('Course page opened → playing (whole LTI launch)', timings.map((t) => t.launch)));
    console.log(`\nLoads that failed and were not timed: ${failed}. Load average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} (${os.cpus().length} CPUs).`);
  } finally {
    await browser.close();
    await scene.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
