/**
 * The screenshots of moodle-plugin/README.md, made again by anyone:
 *
 *   npx tsx scripts/moodle-screenshots.ts
 *
 * writes moodle-plugin/docs/tiny-button.png, tiny-modal.png and rendered-page.png (1200x800).
 * Needs what the browser tests need: Debian's chromium (or CHROMIUM_PATH), php-cli, ffmpeg, and
 * Amphi's front end built (`npm run build:tool`, run here when public/app is missing).
 *
 * No Moodle runs here. The pieces are the repository's own test infrastructure: a real Amphi on
 * PGlite in a temp dir (test/support/test-app.ts), the Moodle-like LTI platform of the tests
 * (test/support/test-platform.ts), TinyMCE 7 (what Moodle 4.5 bundles) with tiny_amphi's built
 * AMD modules and the Moodle stand-ins of test/support/moodle-tiny-page.ts. Amphi lets only its
 * platform's origin frame it, so one server plays the whole Moodle site: it serves the editing
 * page and the course page, and passes every other request to the test platform, whose URL is
 * set to that server's before Amphi registers it.
 *
 * What stands in for Moodle's PHP:
 * - the modal's iframe opens the test platform's deep-linking launch (/mod/lti/launch.php, custom
 *   amphi_placement=RichTextEditor) instead of local/amphi/deeplink.php;
 * - the course page's text is what filter_amphi outputs, made by local_amphi's own PHP classes
 *   (placeholder, embed_renderer, launch_request) with php-cli, except the iframe's src: Moodle's
 *   local/amphi/launch.php becomes the test platform's launch of the same resource link
 *   (embeddedInText: amphi_auth=local, signed by its /local/amphi/auth.php).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { CHROMIUM_PATH, isChromiumAvailable, launchChromium } from '../test/browser/chromium.js';
import { waitInFrame } from '../test/browser/lms-browser.js';
import { launchPage, type LaunchedPage } from '../test/support/api-client.js';
import { eventually } from '../test/support/factories.js';
import { FFMPEG, generateClip } from '../test/support/media-fixtures.js';
import { PLUGINS, ROOT, editorPage, listen, proxyTo, runPluginPhp, serveEditorAssets } from '../test/support/moodle-tiny-page.js';
import { startTestApp } from '../test/support/test-app.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../test/support/test-platform.js';
import { uploadVideo, waitForVideo } from '../test/support/video-client.js';

const OUT = path.join(ROOT, 'moodle-plugin', 'docs');
const VIEWPORT = { width: 1200, height: 800 };
// Moodle's first course has id 2; its LTI context id is the course id.
const COURSE = { id: '2', title: 'Introduction to Statistics', label: 'STAT101' };
const TEACHER: LaunchSpec = { sub: '3', name: 'Claire Dupont', roles: [ROLE.instructor], context: COURSE, locale: 'en' };
const LEARNER: LaunchSpec = { sub: '5', name: 'Sam Taylor', roles: [ROLE.learner], context: COURSE, locale: 'en' };
const EDITOR_LAUNCH: LaunchSpec = { ...TEACHER, messageType: 'LtiDeepLinkingRequest', custom: { amphi_placement: 'RichTextEditor' } };
const VIDEO_TITLE = 'Lecture 1: mean, median and spread';
// The size Amphi gives a video chosen from a text (deep-linking.service.ts, IFRAME_IN_TEXT).
const VIDEO_FRAME = { w: 800, h: 580 };

const log = (line: string) => process.stderr.write(`[screenshots] ${line}\n`);

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Moodle-like looks (Boost's colours) for the page and for core/modal, which the stand-ins leave unstyled. */
function siteStyle(): string {
  return `<style>
body{margin:0;font-family:-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:15px;background:#fff;color:#1d2125}
.site-header{background:#fff;border-bottom:1px solid #dee2e6;padding:10px 24px;display:flex;gap:24px;align-items:center;box-shadow:0 2px 4px rgba(0,0,0,.08)}
.site-header strong{color:#0f6cbf;font-size:1.15rem}.site-header span{color:#495057}
.site-main{max-width:1000px;margin:0 auto;padding:16px 24px}
.breadcrumb{font-size:.85rem;color:#0f6cbf;margin-bottom:6px}
h1{font-size:1.6rem;font-weight:600;margin:0 0 16px}h3{font-size:1.15rem}
label.editor-label{display:block;font-weight:600;margin-bottom:6px}
.modal{position:fixed;inset:0;z-index:1050;background:rgba(0,0,0,.5);display:flex;justify-content:center;align-items:flex-start;padding:20px}
.modal-dialog{background:#fff;border-radius:8px;width:100%;max-width:1100px;box-shadow:0 8px 24px rgba(0,0,0,.3);overflow:hidden}
.modal-header{display:flex;justify-content:space-between;align-items:center;padding:12px 16px;border-bottom:1px solid #dee2e6}
.modal-header h5{margin:0;font-size:1.25rem;font-weight:600}
.modal-header button{border:0;background:none;font-size:1.1rem;color:#6a737b}
</style>`;
}

/** The page's chrome around its content: site header, breadcrumb, heading. */
function sitePage(o: { breadcrumb: string[]; heading: string; label?: string }): { before: string; after: string } {
  return {
    before:
      `<header class="site-header"><strong>Moodle</strong><span>Home</span><span>Dashboard</span><span>My courses</span></header>` +
      `<main class="site-main"><div class="breadcrumb">${o.breadcrumb.map(escapeHtml).join(' / ')}</div><h1>${escapeHtml(o.heading)}</h1>` +
      (o.label ? `<label class="editor-label" for="text">${escapeHtml(o.label)}</label>` : ''),
    after: '</main>',
  };
}

function checkTools(): void {
  if (!isChromiumAvailable()) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
  if (!fs.existsSync(FFMPEG)) throw new Error(`ffmpeg not found at ${FFMPEG} (apt-get install ffmpeg)`);
  execFileSync('php', ['-v'], { stdio: 'ignore' });
  if (!fs.existsSync(path.join(ROOT, 'public', 'app', 'index.html'))) {
    log('building the front end (npm run build:tool)');
    execFileSync('npm', ['run', '--silent', 'build:tool'], { cwd: ROOT, stdio: 'inherit' });
  }
}

async function createResource(teacher: LaunchedPage, body: Record<string, unknown>): Promise<{ id: string }> {
  const created = await teacher.api<{ id: string }>('POST', '/api/resources', body);
  if (created.status !== 201) throw new Error(`creating ${JSON.stringify(body)}: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

/** The lti_message_hint of a launch prepared by the platform (its course page URL carries it). */
function launchHint(coursePageUrl: string): string {
  const hint = new URL(coursePageUrl).searchParams.get('launch');
  if (!hint) throw new Error(`no launch in ${coursePageUrl}`);
  return hint;
}

interface FilterOutput {
  html: string;
  rlid: string;
  custom: string;
}

/** filter_amphi's output for one placeholder in a text, and the resource link local_amphi would launch, by local_amphi's own PHP. */
function filterOutput(input: { origin: string; wwwroot: string; course: number; context: number; rid: string; title: string; w: number; h: number; text: string }): FilterOutput {
  const php = `
define('MOODLE_INTERNAL', true);
$root = getenv('AMPHI_PLUGINS');
foreach (['placeholder', 'embed_renderer', 'launch_request'] as $class) {
    require($root . '/local_amphi/classes/' . $class . '.php');
}
$string = [];
include($root . '/filter_amphi/lang/en/filter_amphi.php');
$in = json_decode(stream_get_contents(STDIN), true);
$secret = random_bytes(32);
$ph = \\local_amphi\\placeholder::new_id();
$sig = \\local_amphi\\placeholder::sign($secret, $in['rid'], $ph, $in['w'], $in['h'], $in['course']);
$link = \\local_amphi\\placeholder::build_html($in['origin'], $in['rid'], $ph, $in['w'], $in['h'], $in['course'], $sig, $in['title']);
$messages = ['placeholderinvalid' => $string['placeholderinvalid'], 'notconfigured' => $string['notconfigured'],
    'nocourse' => $string['nocourse']];
$html = \\local_amphi\\embed_renderer::filter_text(str_replace('{placeholder}', $link, $in['text']), $in['origin'], $secret,
    $in['wwwroot'], $in['course'], $in['context'], $messages);
$rlid = \\local_amphi\\launch_request::resource_link_id($ph, $in['course']);
$instance = \\local_amphi\\launch_request::pseudo_instance($in['course'], 1, $in['title'], $rlid, $in['rid'], 3);
echo json_encode(['html' => $html, 'rlid' => $rlid, 'custom' => $instance['instructorcustomparameters']]);
`;
  return runPluginPhp<FilterOutput>(php, input);
}

/** Moodle's "name=value" custom parameter lines as the claim's object. */
function customParameters(lines: string): Record<string, string> {
  const custom: Record<string, string> = {};
  for (const line of lines.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) custom[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return custom;
}

async function toolFrame(page: Page, selector: string): Promise<Frame> {
  const frame = await (await page.locator(selector).elementHandle())?.contentFrame();
  if (!frame) throw new Error(`no iframe ${selector}`);
  return frame;
}

async function main(): Promise<void> {
  checkTools();
  fs.mkdirSync(OUT, { recursive: true });
  const app = await startTestApp();
  const platform = await TestPlatform.start();
  const pages = new Map<string, string>();
  const platformUrl = platform.url;
  const site = await listen((req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', platformUrl);
    const page = pages.get(url.pathname);
    if (page !== undefined) res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(page);
    else if (!serveEditorAssets(url, res)) proxyTo(platformUrl, req, res);
  });
  platform.url = site.origin;
  const browser = await launchChromium({ args: ['--autoplay-policy=no-user-gesture-required', '--hide-scrollbars'] });
  try {
    await app.register(platform);

    log('creating the course content (a video with media, a classroom, a dashboard)');
    const teacher = await launchPage(platform, app.url, EDITOR_LAUNCH);
    const video = await createResource(teacher, { kind: 'video', title: VIDEO_TITLE });
    await createResource(teacher, { kind: 'classroom', title: 'Thursday office hours' });
    await createResource(teacher, { kind: 'dashboard', title: 'Course progress' });
    const uploaded = await uploadVideo(app.url, teacher.token, video.id, await generateClip({ width: 640, height: 360, seconds: 8 }));
    if (uploaded.status !== 204) throw new Error(`upload refused: ${uploaded.status} ${JSON.stringify(uploaded.body)}`);
    await waitForVideo(app.url, teacher.token, video.id, (v) => v.status === 'ready' && v.processing === null, 180_000);

    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-GB', colorScheme: 'light' });
    const page = await context.newPage();

    log('tiny-button.png');
    const hint = launchHint(platform.prepareLaunch(app.url, EDITOR_LAUNCH, { loginMethod: 'POST' }));
    pages.set(
      '/course/modedit.php',
      editorPage({
        origin: site.origin,
        tiny: 7,
        wwwroot: site.origin,
        contextId: 30,
        pluginConfig: { deeplinkurl: `${site.origin}/mod/lti/launch.php?launch=${encodeURIComponent(hint)}`, amphiorigin: app.url },
        extraPlugins: ['lists', 'link'],
        menubar: 'edit view insert format tools',
        menu: { insert: { title: 'Insert', items: 'link' } },
        toolbar: [
          { name: 'history', items: ['undo', 'redo'] },
          { name: 'formatting', items: ['blocks', 'bold', 'italic'] },
          { name: 'content', items: ['link'] },
          { name: 'lists', items: ['bullist', 'numlist'] },
        ],
        height: 420,
        content: '<h3>This week</h3><p>Read chapter 2, then watch the lecture below before Thursday’s office hours.</p><p></p>',
        head: siteStyle(),
        ...sitePage({ breadcrumb: [COURSE.label, 'Week 1', 'Updating: Page'], heading: 'Updating Page in Week 1', label: 'Page content' }),
      }),
    );
    await page.goto(`${site.origin}/course/modedit.php`);
    await page.waitForFunction(() => document.body.dataset.ready || document.body.dataset.error);
    const failed = await page.evaluate(() => document.body.dataset.error ?? null);
    if (failed) throw new Error(`the editor did not start: ${failed}`);
    const button = page.getByRole('button', { name: 'Amphi', exact: true });
    await button.hover();
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(OUT, 'tiny-button.png') });

    log('tiny-modal.png');
    await button.click();
    const picker = await toolFrame(page, '.tiny_amphi-picker');
    await waitInFrame(picker, '[data-testid="picker-editor-note"]');
    await waitInFrame(picker, '[data-testid="picker-item"]');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(OUT, 'tiny-modal.png') });

    log('rendered-page.png');
    const filtered = filterOutput({
      origin: app.url,
      wwwroot: site.origin,
      course: Number(COURSE.id),
      // The filtered text is the page activity's (cmid 12 below); any positive context id does here.
      context: 112,
      rid: video.id,
      title: VIDEO_TITLE,
      ...VIDEO_FRAME,
      text: '<p>Read chapter 2, then watch the lecture below before Thursday’s office hours.</p><p>{placeholder}</p>',
    });
    const learnerLaunch: LaunchSpec = { ...LEARNER, embeddedInText: true, resourceLink: { id: filtered.rlid, title: VIDEO_TITLE }, custom: customParameters(filtered.custom) };
    const launchUrl = `${site.origin}/mod/lti/launch.php?launch=${encodeURIComponent(launchHint(platform.prepareLaunch(app.url, learnerLaunch, { loginMethod: 'POST' })))}`;
    // The one substitution: no local/amphi/launch.php here (see the comment at the top).
    const moodleSrc = /src="[^"]*\/local\/amphi\/launch\.php\?[^"]*"/g;
    if ((filtered.html.match(moodleSrc) ?? []).length !== 1) throw new Error(`filter_amphi gave no iframe: ${filtered.html}`);
    const body = filtered.html.replace(moodleSrc, `src="${launchUrl.replace(/&/g, '&amp;')}"`);
    const chrome = sitePage({ breadcrumb: [COURSE.label, 'Week 1', 'This week'], heading: 'This week' });
    const filterCss = fs.readFileSync(path.join(PLUGINS, 'filter_amphi', 'styles.css'), 'utf8');
    pages.set('/mod/page/view.php', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${COURSE.label}: This week</title>${siteStyle()}<style>${filterCss}</style></head><body>${chrome.before}${body}${chrome.after}</body></html>`);
    await page.goto(`${site.origin}/mod/page/view.php?id=12`);
    const player = await toolFrame(page, 'iframe.amphi-embed');
    await waitInFrame(player, '[data-testid="video-player"]', 30_000);
    // A frame of the lecture rather than a black poster: play two seconds, then pause.
    // Amphi's CSP forbids eval, so the video is read with evaluate() (DevTools), not waitForFunction().
    const videoState = () =>
      player.evaluate(() => {
        const v = document.querySelector<HTMLVideoElement>('[data-testid="player-video"]');
        return { time: v?.currentTime ?? 0, paused: v?.paused ?? true };
      });
    await player.getByTestId('player-play').click();
    await eventually('two seconds of playback', async () => (await videoState()).time > 2, 20_000);
    await player.getByTestId('player-play').click();
    await eventually('the pause', async () => (await videoState()).paused);
    // Clicking scrolled the frame's page to the button; a learner arriving sees its top.
    await player.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(0, 0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(OUT, 'rendered-page.png') });
    await context.close();
  } finally {
    await browser.close();
    site.server.closeAllConnections();
    site.server.close();
    platform.url = platformUrl;
    await platform.close();
    await app.close();
  }
  for (const name of ['tiny-button.png', 'tiny-modal.png', 'rendered-page.png']) {
    log(`${path.relative(ROOT, path.join(OUT, name))}: ${Math.round(fs.statSync(path.join(OUT, name)).size / 1024)} KiB`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`[screenshots] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
