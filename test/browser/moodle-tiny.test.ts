/**
 * tiny_amphi (moodle-plugin/tiny_amphi), as built for Moodle (amd/build), in the TinyMCE majors
 * that supported Moodle versions bundle: 6 (4.1–4.4; 6.3.2 is what 4.1.x ships), 7 (4.5: 7.3.0)
 * and 8 (main: 8.2.2). No Moodle runs here: the stand-in site of test/support/moodle-tiny-page.ts
 * serves TinyMCE, RequireJS, the plugin's AMD modules and small stand-ins for the Moodle modules
 * the plugin imports, and this test answers local/amphi/deeplink.php with the page local_amphi's
 * deeplink_return.php ends on: one that posts the contract's `amphi:insert` (or `amphi:cancel`)
 * message to its parent.
 *
 * The Moodle flavours differ where the plugin must adapt: with TinyMCE 6 the page looks like 4.1.0
 * (core/modal_factory, no Modal.create, no registerPlaceholderSelectors); with 7 and 8 like 4.3+
 * (Modal.create, no core/modal_factory at all: asking for it would fail the page).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { FLAVOURS, ROOT, TINY_PLUGIN as PLUGIN, TINY_STRINGS as STRINGS, editorPage, listen, readLangFile, serveEditorAssets } from '../support/moodle-tiny-page.js';
import { CHROMIUM_PATH, isChromiumAvailable, launchChromium } from './chromium.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH} (install Debian's chromium or set CHROMIUM_PATH): browser tests skipped`;

const AMPHI = 'https://amphi.example.test';
const CONTEXT_ID = 42;

interface Placeholder {
  html: string;
  resourceId: string;
  title: string;
}

/** A placeholder as local_amphi makes it (contract: an <a> to {AMPHI_ORIGIN}/embed/{resourceId}?ph&w&h&sig). */
function placeholder(resourceId: string, title: string): Placeholder & { href: string } {
  const href = `${AMPHI}/embed/${resourceId}?ph=${resourceId.padEnd(22, 'x').slice(0, 22)}&w=640&h=360&sig=c2lnLSR7cmVzb3VyY2VJZH0`;
  return { html: `<a href="${href.replace(/&/g, '&amp;')}">${title}</a>`, resourceId, title, href };
}

type Answer = { kind: 'insert'; placeholders: unknown[] } | { kind: 'cancel' } | { kind: 'hold' };

/** What the fake site answers on local/amphi/deeplink.php next, and what it was asked. */
const site = { next: { kind: 'hold' } as Answer, deeplinkRequests: [] as string[] };

function returnPage(message: unknown, targetOrigin: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>return</title></head><body><p>Amphi</p><script>
window.parent.postMessage(${JSON.stringify(message)}, ${JSON.stringify(targetOrigin)});
document.title = 'posted';
</script></body></html>`;
}

/** The plugin's placeholders in the editor's saved content: href and text, and whether anything else came along. */
async function savedPlaceholders(page: Page): Promise<{ href: string; text: string; attributes: string[] }[]> {
  return page.evaluate(() => {
    const editor = (window as any).amphiEditor;
    const saved = new DOMParser().parseFromString(editor.getContent(), 'text/html');
    return Array.from(saved.querySelectorAll('a')).map((a) => ({
      href: a.getAttribute('href') ?? '',
      text: a.textContent ?? '',
      attributes: a.getAttributeNames(),
    }));
  });
}

async function waitForFrame(page: Page, test: (url: string) => boolean): Promise<Frame> {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => test(f.url()));
    if (frame) return frame;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`No frame matched; frames: ${page.frames().map((f) => f.url()).join(', ')}`);
}

describe('tiny_amphi in TinyMCE 6, 7 and 8 (Chromium)', { skip }, () => {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let siteServer: http.Server | undefined;
  let foreignServer: http.Server | undefined;
  let origin = '';
  let foreign = '';

  before(async () => {
    const opened = await listen((req, res) => {
      const url = new URL(req.url ?? '/', origin);
      const p = url.pathname;
      if (p === '/editor.html') {
        const page = editorPage({
          origin,
          tiny: Number(url.searchParams.get('tiny')),
          wwwroot: `${origin}/moodle`,
          contextId: CONTEXT_ID,
          pluginConfig: { deeplinkurl: `${origin}/moodle/local/amphi/deeplink.php?contextid=${CONTEXT_ID}`, amphiorigin: AMPHI },
        });
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
      } else if (serveEditorAssets(url, res)) {
        return;
      } else if (p === '/moodle/local/amphi/deeplink.php') {
        site.deeplinkRequests.push(`${url.pathname}${url.search}`);
        const answer = site.next;
        site.next = { kind: 'hold' };
        const body =
          answer.kind === 'insert'
            ? returnPage({ source: 'local_amphi', type: 'amphi:insert', placeholders: answer.placeholders }, origin)
            : answer.kind === 'cancel'
              ? returnPage({ source: 'local_amphi', type: 'amphi:cancel' }, origin)
              : '<!doctype html><title>picker</title><p>Amphi picker</p>';
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(body);
      } else if (p === '/favicon.ico') {
        res.writeHead(204).end();
      } else {
        res.writeHead(404).end('not found');
      }
    });
    siteServer = opened.server;
    origin = opened.origin;
    // Another origin (another port) posting the very message the return page posts.
    const other = await listen((_req, res) => {
      const message = { source: 'local_amphi', type: 'amphi:insert', placeholders: [placeholder('forged', 'Forged')] };
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(returnPage(message, '*'));
    });
    foreignServer = other.server;
    foreign = other.origin;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    siteServer?.close();
    foreignServer?.close();
  });

  it('amd/build is what amd/src gives (npm run moodle:build)', async () => {
    await promisify(execFile)(process.execPath, [path.join(ROOT, 'scripts', 'moodle-build.mjs'), '--check'], { cwd: ROOT });
  });

  it('the English and French lang files have the same strings', () => {
    const fr = readLangFile(path.join(PLUGIN, 'lang', 'fr', 'tiny_amphi.php'));
    assert.deepEqual(Object.keys(fr).sort(), Object.keys(STRINGS).sort());
    for (const key of ['pluginname', 'helplinktext', 'privacy:metadata']) assert.ok(STRINGS[key], key);
  });

  for (const flavour of FLAVOURS) {
    it(`TinyMCE ${flavour.tiny} (Moodle ${flavour.moodle}): the button opens the picker, inserts what local_amphi returns, reopens on a placeholder and replaces it`, async () => {
      const page = await context!.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      });
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console: ${message.text()} (${message.location().url})`);
      });
      try {
        await page.goto(`${origin}/editor.html?tiny=${flavour.tiny}`);
        await page.waitForFunction(() => document.body.dataset.ready || document.body.dataset.error);
        assert.equal(await page.evaluate(() => document.body.dataset.error ?? null), null);
        assert.equal(await page.evaluate(() => (window as any).tinymce.majorVersion), String(flavour.tiny));

        const selectors = await page.evaluate(() => (window as any).amphiEditor.options.get('moodle:placeholderSelectors'));
        assert.deepEqual(selectors, flavour.placeholderSelectors ? [`a[href^="${AMPHI}/embed/"]`] : []);

        const deeplink = `/moodle/local/amphi/deeplink.php?contextid=${CONTEXT_ID}`;
        const button = page.getByRole('button', { name: STRINGS.buttontitle!, exact: true });
        const modal = page.locator('[data-region="modal-container"]');

        // 1. The modal: its title, and an iframe on the deep-linking page for the editor's context.
        site.next = { kind: 'hold' };
        await button.click();
        const frameElement = modal.locator('iframe');
        await frameElement.waitFor();
        assert.equal(await modal.locator('[data-region="title"]').textContent(), STRINGS.modaltitle);
        assert.equal(await frameElement.getAttribute('src'), `${origin}${deeplink}`);
        assert.equal(await frameElement.getAttribute('title'), STRINGS.frametitle);
        await waitForFrame(page, (url) => url === `${origin}${deeplink}`);

        // 2. Ignored: a message from another origin through the same iframe, from the page itself, and one not from local_amphi.
        const forgedFrom = `${foreign}/return`;
        await page.evaluate((url) => ((document.querySelector('.tiny_amphi-picker') as HTMLIFrameElement).src = url), forgedFrom);
        const forged = await waitForFrame(page, (url) => url === forgedFrom);
        await forged.waitForFunction(() => document.title === 'posted');
        await page.evaluate(
          (message) => window.postMessage(message, window.location.origin),
          { source: 'local_amphi', type: 'amphi:insert', placeholders: [placeholder('fromthepage', 'From the page')] },
        );
        site.next = { kind: 'hold' };
        await page.evaluate((url) => ((document.querySelector('.tiny_amphi-picker') as HTMLIFrameElement).src = url), `${origin}${deeplink}`);
        const picker = await waitForFrame(page, (url) => url === `${origin}${deeplink}`);
        await picker.evaluate((o) => window.parent.postMessage({ source: 'someone', type: 'amphi:insert', placeholders: [] }, o), origin);
        // Then local_amphi cancels: messages arrive in order, so once the modal is gone the others were heard.
        await picker.evaluate((o) => window.parent.postMessage({ source: 'local_amphi', type: 'amphi:cancel' }, o), origin);
        await modal.waitFor({ state: 'detached' });
        assert.deepEqual(await savedPlaceholders(page), []);

        // 3. Insert: two placeholders at the cursor; what is not a placeholder of this Amphi is dropped, extra attributes too.
        const intro = placeholder('res-1', 'Intro video');
        const classroom = placeholder('res-3', 'Weekly classroom');
        site.next = {
          kind: 'insert',
          placeholders: [
            intro,
            { html: '<img src="x" onerror="window.hacked = true">', resourceId: 'x', title: 'x' },
            { html: `<a href="https://elsewhere.example/embed/res-9?ph=aaaaaaaaaaaaaaaaaaaaaa&amp;w=640&amp;h=360&amp;sig=abc">Elsewhere</a>` },
            { ...classroom, html: classroom.html.replace('<a ', '<a onclick="window.hacked = true" class="x" ') },
          ],
        };
        const requestsBefore = site.deeplinkRequests.length;
        await button.click();
        await page.waitForFunction(() => (window as any).amphiEditor.getBody().querySelectorAll('a[href*="/embed/"]').length === 2);
        await modal.waitFor({ state: 'detached' });
        assert.equal(site.deeplinkRequests[requestsBefore], deeplink);
        assert.deepEqual(await savedPlaceholders(page), [
          { href: intro.href, text: 'Intro video', attributes: ['href'] },
          { href: classroom.href, text: 'Weekly classroom', attributes: ['href'] },
        ]);
        assert.equal(await page.evaluate(() => (window as any).hacked ?? false), false);

        // 4. Reopen on the first placeholder, through the Insert menu: the picker gets selected=res-1, and its answer replaces it.
        await page.evaluate(() => {
          const editor = (window as any).amphiEditor;
          const link = editor.getBody().querySelector('a[href*="/embed/res-1"]');
          editor.focus();
          editor.selection.setCursorLocation(link.firstChild, 3);
          editor.nodeChanged();
        });
        await page.waitForFunction((name) => {
          const b = document.querySelector(`button[aria-label="${name}"]`);
          return b?.getAttribute('aria-pressed') === 'true';
        }, STRINGS.buttontitle!);
        const replacement = placeholder('res-2', 'Lecture 2');
        site.next = { kind: 'insert', placeholders: [replacement] };
        await page.getByRole('menuitem', { name: 'Insert', exact: true }).click();
        await page.getByRole('menuitem', { name: STRINGS.menuitemtitle!, exact: true }).click();
        await page.waitForFunction(() => (window as any).amphiEditor.getBody().querySelector('a[href*="/embed/res-2"]') !== null);
        await modal.waitFor({ state: 'detached' });
        assert.equal(site.deeplinkRequests.at(-1), `${deeplink}&selected=res-1`);
        assert.deepEqual(await savedPlaceholders(page), [
          { href: replacement.href, text: 'Lecture 2', attributes: ['href'] },
          { href: classroom.href, text: 'Weekly classroom', attributes: ['href'] },
        ]);

        // 5. Undo takes the replacement back as one step.
        await page.evaluate(() => (window as any).amphiEditor.undoManager.undo());
        assert.deepEqual(
          (await savedPlaceholders(page)).map((a) => a.text),
          ['Intro video', 'Weekly classroom'],
        );

        assert.deepEqual(problems, []);
      } finally {
        await page.close();
      }
    });
  }
});
