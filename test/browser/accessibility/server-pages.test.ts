/**
 * Issue 17: every page the server renders itself (errors, blocked cookies, dynamic registration,
 * /lti/config, the embed link's explanation, the classroom's "you left" page, the demo platform's
 * pages) passes axe-core with no violation of any impact, in French and English, in light, dark
 * and high-contrast modes (they follow the system's prefers-color-scheme and prefers-contrast;
 * they offer no dyslexia font). The list is checked against the source: a new renderer
 * (test/support/server-page-renderers.ts) that no entry visits fails the first test.
 * The tool's own pages are swept by every-page.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { setUpDemo } from '../../../src/demo/demo-command.js';
import { AccessibilitySweep, LANGS, type Lang } from '../../support/accessibility-sweep.js';
import { BrowserClient } from '../../support/browser-client.js';
import { findServerPageRenderers } from '../../support/server-page-renderers.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { ROLE, TestPlatform } from '../../support/test-platform.js';
import { CHROMIUM_PATH, checkAccessibility, emulatePreferences, isChromiumAvailable, launchChromium, type MediaPreferences } from '../chromium.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;

/** The server's pages follow the system: the modes are its media preferences. */
const MODES: { name: string; preferences: MediaPreferences }[] = [
  { name: 'light', preferences: { colorScheme: 'light' } },
  { name: 'dark', preferences: { colorScheme: 'dark' } },
  { name: 'high contrast', preferences: { colorScheme: 'light', contrast: 'more' } },
  { name: 'high contrast dark', preferences: { colorScheme: 'dark', contrast: 'more' } },
];

/** Renderers whose pages another sweep visits. */
const SWEPT_ELSEWHERE: Record<string, string> = {
  'src/lti/launch/launch.routes.ts#launch': 'the tool’s page after a launch: every-page.test.ts (its cookies-blocked answer is below)',
};

interface ServerPage {
  name: string;
  /** The renderers (`file#function`) this page exercises. */
  renders: string[];
  /** Shows the page in `lang` and returns when it is there. */
  open(page: Page, lang: Lang): Promise<void>;
}

describe('every server-rendered page passes axe in every mode and language (Chromium)', { skip }, () => {
  let app: TestApp;
  let platform: TestPlatform;
  let browser: Browser;
  let demoActivity = '';
  const sweep = new AccessibilitySweep();

  before(async () => {
    app = await startTestApp();
    platform = await TestPlatform.start();
    await app.register(platform);
    // A small demo course, without clips (no ffmpeg): its pages are what is checked.
    const demo = await setUpDemo(app.ctx, { learners: 4, seed: 7, reset: false, allowPublicUrl: false }, { videos: 0 });
    const course = await (await fetch(demo.url)).text();
    const link = /href="(\/demo\/activities\/[^"?]+)\?as=teacher/.exec(course);
    assert.ok(link, 'the demo course page links an activity for its teacher');
    demoActivity = link[1]!;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await platform?.close();
  });

  /** The demo course's first activity, opened as its teacher (activities) or launched (launch). */
  const demoUrl = (kind: 'activities' | 'launch', lang: Lang) => `${app.url}${demoActivity.replace('/demo/activities/', `/demo/${kind}/`)}?as=teacher&lang=${lang}`;

  async function goto(page: Page, url: string, status = 200): Promise<void> {
    const response = await page.goto(url);
    assert.equal(response?.status(), status, `${url} answered ${response?.status()}`);
  }

  const PAGES: ServerPage[] = [
    {
      name: 'home page (/)',
      renders: ['src/admin/home-page.routes.ts#homePageRoutes'],
      open: (page) => goto(page, `${app.url}/`),
    },
    {
      name: 'LTI configuration (/lti/config)',
      renders: ['src/lti/registration/lti-config.routes.ts#show'],
      open: (page) => goto(page, `${app.url}/lti/config`),
    },
    {
      name: 'error page (not found)',
      renders: ['src/http/error-handler.ts#errorHandler'],
      open: (page) => goto(page, `${app.url}/no-such-page`, 404),
    },
    {
      name: 'error page (a refused launch)',
      renders: ['src/http/error-handler.ts#errorHandler'],
      open: async (page) => {
        // A form post with a state Amphi never issued, as a stale tab resubmits it.
        await page.setContent(`<form method="post" action="${app.url}/lti/launch"><input name="id_token" value="x.y.z"><input name="state" value="unknown"></form>`);
        await Promise.all([page.waitForURL(`${app.url}/lti/launch`), page.evaluate('document.forms[0].submit()')]);
        await page.locator('main.amphi-page h1').waitFor();
      },
    },
    {
      name: 'cookies blocked (launch without the state cookie)',
      renders: ['src/lti/launch/launch.routes.ts#cookiesBlockedPage'],
      open: async (page, lang) => {
        // The platform's answer obtained outside the browser: the browser posts it with no state cookie.
        const client = new BrowserClient();
        const login = await platform.startLogin(app.url, { sub: `learner-${lang}`, name: 'Léa Martin', roles: [ROLE.learner], locale: lang }, client);
        const form = await platform.authorize(login.headers.get('location')!, client);
        const inputs = Object.entries(form.fields).map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`).join('');
        await page.setContent(`<form method="post" action="${form.action}">${inputs}</form>`);
        await Promise.all([page.waitForURL(form.action), page.evaluate('document.forms[0].submit()')]);
        await page.locator('main.amphi-page h1').waitFor();
      },
    },
    {
      name: 'dynamic registration done (/lti/register)',
      renders: ['src/lti/registration/registration.routes.ts#register'],
      open: async (page, lang) => goto(page, await platform.startDynamicRegistration(`${app.url}/lti/register`, { clientId: `registered-${lang}-${Date.now()}` })),
    },
    {
      name: 'embed link opened outside Moodle (/embed/:id)',
      renders: ['src/content/embed.routes.ts#show'],
      open: (page) => goto(page, `${app.url}/embed/00000000-0000-4000-8000-000000000000`),
    },
    {
      name: 'left the classroom (/classroom/left)',
      renders: ['src/classroom/meetings/meeting.routes.ts#left'],
      open: (page) => goto(page, `${app.url}/classroom/left`),
    },
    {
      name: 'demo course page (/demo/)',
      renders: ['src/demo/demo.routes.ts#course', 'src/demo/demo-platform.pages.ts#coursePage'],
      open: (page, lang) => goto(page, `${app.url}/demo/?lang=${lang}`),
    },
    {
      name: 'demo activity page (Amphi framed; the frame is swept by every-page.test.ts)',
      renders: ['src/demo/demo.routes.ts#activity', 'src/demo/demo-platform.pages.ts#activityPage'],
      open: (page, lang) => goto(page, demoUrl('activities', lang)),
    },
    {
      name: 'demo sign-in form post (/demo/auth)',
      renders: ['src/demo/demo.routes.ts#authenticate', 'src/demo/demo-platform.pages.ts#formPostPage'],
      open: async (page, lang) => {
        // The page posts itself at once with its script: without it, it stays to be checked.
        await goto(page, demoUrl('launch', lang));
        assert.match(page.url(), /\/demo\/auth\?/);
      },
    },
  ];

  it('visits every page the server renders (renderers found in src/)', () => {
    const found = findServerPageRenderers();
    const listed = new Set([...PAGES.flatMap((p) => p.renders), ...Object.keys(SWEPT_ELSEWHERE)]);
    const unvisited = found.filter((r) => !listed.has(r));
    assert.deepEqual(unvisited, [], `server pages no entry of PAGES visits: add them to this sweep\n${unvisited.join('\n')}`);
    const stale = [...listed].filter((r) => !found.includes(r));
    assert.deepEqual(stale, [], `PAGES names renderers the source no longer has\n${stale.join('\n')}`);
  });

  it('finds no axe violation of any impact on any of them, in light, dark and high contrast, in French and English', async (t) => {
    const unopened: string[] = [];
    for (const lang of LANGS) {
      const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB', viewport: { width: 1280, height: 1000 } });
      try {
        const page = await context.newPage();
        // The demo's Amphi frame and its auto-post script stay out: the frame is the tool, swept elsewhere.
        await page.route(
          (url) => url.pathname === '/demo/assets/form-post.js',
          (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }),
        );
        await page.route(
          (url) => url.pathname.startsWith('/demo/launch/'),
          (route) =>
            route.request().frame() === page.mainFrame()
              ? route.continue()
              : route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="en"><title>Amphi</title></html>' }),
        );
        for (const entry of PAGES) {
          // A page that does not open is reported with the rest, and the sweep goes on.
          const problem = await entry.open(page, lang).then(
            async () => ((await page.evaluate('document.documentElement.lang')) === lang ? null : `the page is not in ${lang}`),
            (err: unknown) => `did not open: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
          );
          if (problem) {
            unopened.push(`${entry.name} [${lang}]: ${problem}`);
            continue;
          }
          for (const mode of MODES) {
            await emulatePreferences(page, mode.preferences);
            sweep.record(entry.name, mode.name, lang, await checkAccessibility(page, { iframes: false }));
          }
        }
      } finally {
        await context.close();
      }
    }
    t.diagnostic(sweep.summary());
    assert.deepEqual(unopened, [], `pages that could not be checked:\n${unopened.join('\n')}`);
    assert.equal(sweep.failing.length, 0, `${sweep.summary()}\n${sweep.report()}`);
  });
});
