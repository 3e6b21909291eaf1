/**
 * tiny_amphi (as built for Moodle, amd/build) in a real TinyMCE 7.3.0 (Moodle 4.5) with Amphi's
 * REAL picker in its modal: Amphi on loopback (PGlite) and the Moodle-like test platform.
 *
 * As in scripts/moodle-screenshots.ts, one server plays the whole Moodle site (Amphi lets only its
 * platform's origin frame it): it serves the editing page (test/support/moodle-tiny-page.ts), the
 * plugin's deep-linking URL and the deep-linking return, and passes every other request to the
 * test platform, whose URL is set to that server's before Amphi registers it.
 *
 * What stands in for Moodle's PHP:
 * - local/amphi/deeplink.php redirects to the test platform's prepared deep-linking launch
 *   (custom amphi_placement=RichTextEditor; with amphi_selected when the plugin asks with
 *   `selected=<id>`, as local_amphi passes it on);
 * - local/amphi/deeplink_return.php verifies the JWT with Amphi's JWKS (iss = the client id,
 *   aud = the platform, LtiDeepLinkingResponse, the request's data), then makes the placeholders
 *   and the page posting `amphi:insert` to the editor with local_amphi's own PHP classes
 *   (deeplink_response, placeholder) run by php-cli.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launchPage } from '../support/api-client.js';
import { TINY_STRINGS as STRINGS, editorPage, listen, proxyTo, runPluginPhp, serveEditorAssets } from '../support/moodle-tiny-page.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../support/test-platform.js';
import { CHROMIUM_PATH, isChromiumAvailable, launchChromium } from './chromium.js';
import { waitInFrame } from './lms-browser.js';
import { readBody } from '../support/platform-http.js';

function phpAvailable(): boolean {
  try {
    execFileSync('php', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const skip = !isChromiumAvailable()
  ? `Chromium not found at ${CHROMIUM_PATH} (install Debian's chromium or set CHROMIUM_PATH): browser tests skipped`
  : !phpAvailable()
    ? 'php-cli not found (apt-get install php-cli): local_amphi’s PHP classes cannot run'
    : false;

const COURSE = { id: '2', title: 'Introduction to Statistics', label: 'STAT101' };
const TEACHER: LaunchSpec = { sub: '3', name: 'Claire Dupont', roles: [ROLE.instructor], context: COURSE, locale: 'en' };
const EDITOR_LAUNCH: LaunchSpec = { ...TEACHER, messageType: 'LtiDeepLinkingRequest', custom: { amphi_placement: 'RichTextEditor' } };
const CONTEXT_ID = 30;
const VIDEO_TITLE = 'Lecture 1: mean, median and spread';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

/**
 * What deeplink_return.php does once the JWT is verified, by local_amphi's own classes: the items
 * (deeplink_response::items), a signed placeholder for each (placeholder::new_id, sign, build_html),
 * and the script posting the message to the editor (deeplink_response::message, script).
 */
function returnScript(input: { payload: Record<string, unknown>; origin: string; course: number; wwwroot: string }): { script: string; placeholders: { html: string; resourceId: string; title: string }[]; problems: string[] } {
  const php = `
define('MOODLE_INTERNAL', true);
$root = getenv('AMPHI_PLUGINS');
foreach (['placeholder', 'jwt_checks', 'deeplink_response'] as $class) {
    require($root . '/local_amphi/classes/' . $class . '.php');
}
use local_amphi\\deeplink_response;
use local_amphi\\placeholder;
$in = json_decode(stream_get_contents(STDIN), true);
$secret = random_bytes(32);
$read = deeplink_response::items($in['payload']);
$placeholders = [];
foreach ($read['items'] as $item) {
    $ph = placeholder::new_id();
    $sig = placeholder::sign($secret, $item['rid'], $ph, $item['w'], $item['h'], $in['course']);
    $placeholders[] = [
        'html' => placeholder::build_html($in['origin'], $item['rid'], $ph, $item['w'], $item['h'], $in['course'], $sig, $item['title']),
        'resourceId' => $item['rid'],
        'title' => $item['title'],
    ];
}
$target = placeholder::origin_of($in['wwwroot']) ?? $in['wwwroot'];
echo json_encode(['script' => deeplink_response::script(deeplink_response::message($placeholders), $target),
    'placeholders' => $placeholders, 'problems' => $read['problems']]);
`;
  return runPluginPhp(php, input);
}

async function pickerFrame(page: Page): Promise<Frame> {
  const handle = await page.locator('.tiny_amphi-picker').elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('no .tiny_amphi-picker iframe');
  return frame;
}

/** The links of the editor's saved content. */
async function savedLinks(page: Page): Promise<{ href: string; text: string }[]> {
  return page.evaluate(() => {
    const saved = new DOMParser().parseFromString((window as any).amphiEditor.getContent(), 'text/html');
    return Array.from(saved.querySelectorAll('a')).map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' }));
  });
}

describe('tiny_amphi in TinyMCE 7 with Amphi’s real picker (Chromium, php-cli)', { skip }, () => {
  let app: TestApp | undefined;
  let platform: TestPlatform | undefined;
  let platformUrl = '';
  let site: { server: http.Server; origin: string } | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  /** The prepared deep-linking launches, by the `selected` the plugin asked for ('' for none). */
  const launches = new Map<string, string>();
  /** The request data of each prepared launch: the return must carry one of them. */
  const requestData = new Set<string>();
  const deeplinkRequests: string[] = [];
  const returns: { problems: string[]; placeholders: { html: string; resourceId: string; title: string }[] }[] = [];

  async function deeplinkReturn(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const refuse = (reason: string) => {
      returns.push({ problems: [reason], placeholders: [] });
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end(reason);
    };
    if (req.method !== 'POST') return refuse('not a POST');
    const jwt = new URLSearchParams(await readBody(req)).get('JWT');
    if (!jwt) return refuse('no JWT');
    let payload: Record<string, unknown>;
    try {
      // As local_amphi: signed by the tool's key (its JWKS), from the client id to this site.
      ({ payload } = await jwtVerify(jwt, createRemoteJWKSet(new URL(`${app!.url}/.well-known/jwks.json`)), {
        algorithms: ['RS256'],
        issuer: platform!.clientId,
        audience: platform!.issuer,
        requiredClaims: ['iat', 'exp', 'nonce'],
      }));
    } catch (error) {
      return refuse(`JWT refused: ${(error as Error).message}`);
    }
    if (payload[`${LTI}message_type`] !== 'LtiDeepLinkingResponse') return refuse('not an LtiDeepLinkingResponse');
    if (!requestData.has(payload[`${DL}data`] as string)) return refuse('data is not that of a request of this site');
    const made = returnScript({ payload, origin: app!.url, course: Number(COURSE.id), wwwroot: site!.origin });
    returns.push({ problems: made.problems, placeholders: made.placeholders });
    res
      .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
      .end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Amphi</title></head><body><p>Inserted</p>${made.script}</body></html>`);
  }

  before(async () => {
    [app, platform, browser] = await Promise.all([startTestApp(), TestPlatform.start(), launchChromium()]);
    platformUrl = platform.url;
    site = await listen((req, res) => {
      const url = new URL(req.url ?? '/', site!.origin);
      if (url.pathname === '/course/modedit.php') {
        const page = editorPage({
          origin: site!.origin,
          tiny: 7,
          wwwroot: site!.origin,
          contextId: CONTEXT_ID,
          pluginConfig: { deeplinkurl: `${site!.origin}/local/amphi/deeplink.php?contextid=${CONTEXT_ID}`, amphiorigin: app!.url },
          extraPlugins: ['link'],
          content: '<p>Watch the lecture below.</p><p></p>',
        });
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(page);
      } else if (url.pathname === '/local/amphi/deeplink.php') {
        deeplinkRequests.push(`${url.pathname}${url.search}`);
        const hint = launches.get(url.searchParams.get('selected') ?? '');
        if (!hint) res.writeHead(400, { 'Content-Type': 'text/plain' }).end('no launch prepared for this selection');
        else res.writeHead(302, { Location: `/mod/lti/launch.php?launch=${encodeURIComponent(hint)}`, 'Cache-Control': 'no-store' }).end();
      } else if (url.pathname === '/local/amphi/deeplink_return.php') {
        deeplinkReturn(req, res).catch((error: unknown) => res.writeHead(500).end(String(error)));
      } else if (url.pathname === '/favicon.ico') {
        res.writeHead(204).end();
      } else if (!serveEditorAssets(url, res)) {
        proxyTo(platformUrl, req, res);
      }
    });
    platform.url = site.origin;
    await app.register(platform);
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    site?.server.closeAllConnections();
    site?.server.close();
    if (platform) {
      platform.url = platformUrl;
      await platform.close();
    }
    await app?.close();
  });

  it('the button opens Amphi’s picker, the chosen video is inserted as local_amphi’s placeholder, and reopening on it shows it chosen', async () => {
    const teacher = await launchPage(platform!, app!.url, EDITOR_LAUNCH);
    const created = await teacher.api<{ id: string }>('POST', '/api/resources', { kind: 'video', title: VIDEO_TITLE });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const video = created.body;

    const returnUrl = `${site!.origin}/local/amphi/deeplink_return.php`;
    const prepare = (selected: string, custom: Record<string, string>) => {
      const data = `editor-${selected || 'new'}`;
      requestData.add(data);
      const spec: LaunchSpec = { ...EDITOR_LAUNCH, custom: { ...EDITOR_LAUNCH.custom, ...custom }, deepLinking: { deep_link_return_url: returnUrl, data } };
      const coursePage = platform!.prepareLaunch(app!.url, spec, { loginMethod: 'POST' });
      launches.set(selected, new URL(coursePage).searchParams.get('launch')!);
    };
    prepare('', {});
    prepare(video.id, { amphi_selected: video.id });

    const page = await context!.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    try {
      await page.goto(`${site!.origin}/course/modedit.php`);
      await page.waitForFunction(() => document.body.dataset.ready || document.body.dataset.error);
      assert.equal(await page.evaluate(() => document.body.dataset.error ?? null), null);
      assert.equal(await page.evaluate(() => (window as any).tinymce.majorVersion + '.' + (window as any).tinymce.minorVersion), '7.3.0');
      const button = page.getByRole('button', { name: STRINGS.buttontitle!, exact: true });
      const modal = page.locator('[data-region="modal-container"]');

      // 1. The button: the modal opens Amphi's picker, in editor mode.
      await page.evaluate(() => {
        const editor = (window as any).amphiEditor;
        editor.focus();
        editor.selection.setCursorLocation(editor.getBody().lastChild, 0);
      });
      await button.click();
      let picker = await pickerFrame(page);
      await waitInFrame(picker, '[data-testid="picker-editor-note"]');
      assert.equal(deeplinkRequests.at(-1), `/local/amphi/deeplink.php?contextid=${CONTEXT_ID}`);
      const item = picker.locator(`[data-testid="picker-item"][data-resource-id="${video.id}"]`);
      await waitInFrame(picker, `[data-testid="picker-item"][data-resource-id="${video.id}"]`);
      await item.getByRole('checkbox').check();
      await waitInFrame(picker, '[data-testid="picker-selected-count"][data-count="1"]');

      // 2. Submit: Amphi posts its signed answer to the site, whose page inserts local_amphi's placeholder.
      await picker.getByTestId('picker-submit').click();
      await page.waitForFunction(() => (window as any).amphiEditor.getBody().querySelector('a[href*="/embed/"]') !== null, undefined, { timeout: 15_000 });
      await modal.waitFor({ state: 'detached' });
      assert.equal(returns.length, 1);
      assert.deepEqual(returns[0]!.problems, []);
      assert.equal(returns[0]!.placeholders.length, 1);
      assert.equal(returns[0]!.placeholders[0]!.resourceId, video.id);
      const links = await savedLinks(page);
      assert.equal(links.length, 1, JSON.stringify(links));
      assert.ok(links[0]!.href.startsWith(`${app!.url}/embed/${video.id}?`), links[0]!.href);
      const query = new URL(links[0]!.href).searchParams;
      // The size Amphi gives a video chosen from a text (deep-linking.service.ts, IFRAME_IN_TEXT).
      assert.deepEqual([query.get('w'), query.get('h'), query.get('c')], ['800', '580', COURSE.id]);
      assert.ok(query.get('ph') && query.get('sig'), links[0]!.href);
      assert.equal(links[0]!.text, VIDEO_TITLE);

      // 3. Reopen on the placeholder: the plugin asks with selected=<id>, Amphi's picker shows the video chosen.
      await page.evaluate(() => {
        const editor = (window as any).amphiEditor;
        const link = editor.getBody().querySelector('a[href*="/embed/"]');
        editor.focus();
        editor.selection.setCursorLocation(link.firstChild, 3);
        editor.nodeChanged();
      });
      await page.waitForFunction((name) => document.querySelector(`button[aria-label="${name}"]`)?.getAttribute('aria-pressed') === 'true', STRINGS.buttontitle!);
      await button.click();
      picker = await pickerFrame(page);
      await waitInFrame(picker, '[data-testid="picker-editor-note"]');
      assert.equal(deeplinkRequests.at(-1), `/local/amphi/deeplink.php?contextid=${CONTEXT_ID}&selected=${video.id}`);
      await waitInFrame(picker, '[data-testid="picker-selected-count"][data-count="1"]');
      assert.match((await picker.locator('.amphi-selection-list').textContent()) ?? '', new RegExp(VIDEO_TITLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      assert.equal(await picker.locator(`[data-testid="picker-item"][data-resource-id="${video.id}"]`).getByRole('checkbox').isChecked(), true);

      assert.deepEqual(problems, []);
    } finally {
      await page.close();
    }
  });
});
