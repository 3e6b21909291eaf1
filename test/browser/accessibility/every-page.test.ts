/**
 * Issue 17: every page and state of the tool (tool/, the Preact front end) passes axe-core with
 * no violation of any impact, in French and English (the launch's locale claim), in every display
 * mode (light, dark, dyslexia font, high contrast, high contrast dark), framed by the LMS course
 * page as Moodle shows it. One launch per state and language; the modes are switched with the
 * display toolbar inside that page, and each teacher tab is visited in the same page.
 *
 * The enumeration checks itself: the launch routes (tool/src/session/session-types.ts), the
 * resource kinds (src/content/resource.table.ts) for teachers and learners, and the teacher's
 * tabs (tool/src/resource/InstructorView.tsx) must all have been shown, and in a state that
 * visits "every tab", every tab the page shows is visited. A page opened from a launch (the
 * administrators' Administration page) is a state with a `click` step before its tabs are visited.
 * Server-rendered pages: server-pages.test.ts.
 *
 * Cheap on purpose: one Chromium, one app, the data made once. In modes other than light, axe
 * runs only the rules whose answer depends on colours and sizes (the modes change CSS, not the
 * DOM); AMPHI_A11Y_ALL_RULES=1 runs every rule in every mode.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { refreshAnalytics } from '../../../src/analytics/analytics.service.js';
import { RESOURCE_KINDS } from '../../../src/content/resource.table.js';
import { recordStatements } from '../../../src/lrs/lrs.service.js';
import { REUSE_MS } from '../../../src/lrs/statements/consistent-through.js';
import type { Statement } from '../../../src/lrs/xapi/xapi.types.js';
import { AccessibilitySweep, LANGS, type Lang } from '../../support/accessibility-sweep.js';
import { launchPage, type LaunchedPage } from '../../support/api-client.js';
import { useFakeBbbFor } from '../../support/bbb-fixture.js';
import { startFakeBbb, type FakeBbb } from '../../support/fake-bbb/index.js';
import { launchPerson } from '../../support/factories.js';
import { generateClip } from '../../support/media-fixtures.js';
import { REPOSITORY_ROOT } from '../../support/server-page-renderers.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../../support/test-platform.js';
import { applyToolMode, TOOL_MODES } from '../../support/tool-display-modes.js';
import { uploadVideo, waitForVideo } from '../../support/video-client.js';
import { CHROMIUM_PATH, checkAccessibility, isChromiumAvailable, launchChromium } from '../chromium.js';
import { openCoursePage, visibleText } from '../lms-browser.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;

const COURSE = { id: 'a11y101', title: 'Accessibilité numérique', label: 'A11Y101' };
const TEACHER = { sub: 'teacher-grace', name: 'Grace Hopper', roles: [ROLE.instructor], context: COURSE };
const ADMIN = { sub: 'moodle-admin', name: 'Admin Moodle', roles: [ROLE.admin, ROLE.instructor], context: COURSE };
const ADA = { sub: 'learner-ada', name: 'Ada Lovelace', roles: [ROLE.learner], context: COURSE };
const BORIS = { sub: 'learner-boris', name: 'Boris Vian', roles: [ROLE.learner], context: COURSE };
const VIDEO_TYPE = 'https://w3id.org/xapi/video/activity-type/video';

/** Rules whose answer changes with colours, fonts and sizes: what a display mode can break. */
const RENDERING_RULES = ['color-contrast', 'link-in-text-block', 'scrollable-region-focusable'];
const ALL_RULES_IN_EVERY_MODE = process.env.AMPHI_A11Y_ALL_RULES === '1';
/**
 * Every view of every state in light, dark and the dyslexia font, in French and in English; each
 * state's first view also in high contrast, light and dark, in French (the longer words, where
 * spacing wraps first). AMPHI_A11Y_EVERY_MODE=1 adds high contrast to every view in both languages.
 */
const EVERY_MODE_IN_EVERY_LANGUAGE = process.env.AMPHI_A11Y_EVERY_MODE === '1';
const MODE_SETS = {
  first: { fr: ['light', 'dark', 'dyslexia', 'high contrast', 'high contrast dark'], en: ['light', 'dark', 'dyslexia'] },
  other: { fr: ['light', 'dark', 'dyslexia'], en: ['light', 'dark', 'dyslexia'] },
} as const;
const modesFor = (lang: Lang, view: 'first' | 'other') =>
  EVERY_MODE_IN_EVERY_LANGUAGE ? TOOL_MODES : TOOL_MODES.filter((m) => (MODE_SETS[view][lang] as readonly string[]).includes(m.name));

/** What each state shows: a launch, then the tabs to visit (all the page shows, or some). */
interface ToolState {
  name: string;
  spec: (lang: Lang) => LaunchSpec;
  /** The element that says the state is shown (a data-testid). */
  ready?: string;
  /** 'all': every tab the page shows; a list: these tabs (data-testid resource-tab-…); none: the page as it opens. */
  tabs?: 'all' | string[];
  /** Shown in its own browser context, prepared before the launch (the session-expired state installs a clock). */
  own?: 'expired-session';
  /** A disclosure (data-testid of its <details>) opened before the checks: what it folds is checked too. */
  open?: string;
  /** A page opened from the launch before the checks: the button clicked, then what says it is shown (data-testids). */
  click?: { button: string; shown: string };
}

/**
 * AMPHI_A11Y_STATES=administration,learner…: only the states whose name contains one of these
 * words (case-insensitive), to iterate on a few pages; the pages without a session and the
 * coverage check are then skipped.
 */
const STATE_FILTER = (process.env.AMPHI_A11Y_STATES ?? '').split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
const selected = (state: ToolState) => STATE_FILTER.length === 0 || STATE_FILTER.some((w) => state.name.toLowerCase().includes(w));
const filtered = STATE_FILTER.length > 0 ? `AMPHI_A11Y_STATES=${process.env.AMPHI_A11Y_STATES}: only some states swept` : false;

/** The string literals of the `type … Section = …` unions of InstructorView.tsx: every tab a teacher can get. */
function instructorSections(): string[] {
  const file = path.join(REPOSITORY_ROOT, 'tool/src/resource/InstructorView.tsx');
  const source = fs.readFileSync(file, 'utf8');
  const unions = [...source.matchAll(/^type\s+\w*Section\s*=([^;]+);/gm)].map((m) => m[1]!);
  const sections = unions.flatMap((u) => [...u.matchAll(/'([a-zA-Z-]+)'/g)].map((m) => m[1]!));
  assert.ok(sections.length > 0, `no Section union found in ${file}: update instructorSections()`);
  return [...new Set(sections)].sort();
}

/** The route names of the LaunchRoute union (tool/src/session/session-types.ts). */
function launchRouteNames(): string[] {
  const source = fs.readFileSync(path.join(REPOSITORY_ROOT, 'tool/src/session/session-types.ts'), 'utf8');
  const union = /export type LaunchRoute\s*=([\s\S]*?);\n/.exec(source)?.[1] ?? '';
  const names = [...union.matchAll(/name:\s*'([a-z-]+)'/g)].map((m) => m[1]!);
  assert.ok(names.length > 0, 'no LaunchRoute union found in session-types.ts: update launchRouteNames()');
  return names.sort();
}

describe('every page and state of the tool passes axe in every mode and language (Chromium)', { skip }, () => {
  let app: TestApp;
  let platform: TestPlatform;
  let browser: Browser;
  let fake: FakeBbb;
  let platformId = '';
  const ids = { videoEmpty: '', videoProcessing: '', videoFailed: '', videoReady: '', classroom: '', dashboardLearners: '', dashboardTeachers: '' };
  const sweep = new AccessibilitySweep();
  const unopened: string[] = [];
  /** A state or mode that could not be checked: reported with the violations, and the sweep goes on. */
  const problem = (line: string) => {
    unopened.push(line);
    sweep.progress(`PROBLEM ${line}`);
  };
  /** What was shown: `role:route:kind` and the tabs visited. */
  const shownRoutes = new Set<string>();
  const visitedTabs = new Set<string>();

  before(async () => {
    app = await startTestApp({ JOBS_POLL_MS: '100' });
    platform = await TestPlatform.start();
    await app.register(platform);
    platform.setMembers(COURSE.id, [TEACHER, ADA, BORIS].map((p) => ({ user_id: p.sub, name: p.name, roles: p.roles, status: 'Active' as const })));
    const teacher = await launchPage(platform, app.url, { ...TEACHER, messageType: 'LtiDeepLinkingRequest' });
    const create = async (body: object) => {
      const created = await teacher.api('POST', '/api/resources', body);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body.id as string;
    };
    ids.videoEmpty = await create({ kind: 'video', title: 'Cours 1 : la perception', gradable: true, scoreMaximum: 20 });
    ids.videoProcessing = await create({ kind: 'video', title: 'Cours 2 : en conversion' });
    ids.videoFailed = await create({ kind: 'video', title: 'Cours 3 : fichier illisible' });
    ids.videoReady = await create({ kind: 'video', title: 'Cours 4 : les sous-titres' });
    ids.classroom = await create({ kind: 'classroom', title: 'TD : audit d’un site', gradable: true, scoreMaximum: 10 });
    ids.dashboardLearners = await create({ kind: 'dashboard', title: 'Mon tableau de bord', settings: { audience: 'learners' } });
    ids.dashboardTeachers = await create({ kind: 'dashboard', title: 'Suivi de la classe', settings: { audience: 'instructors' } });
    await seedCredentials();
    platformId = (await app.ctx.db.selectFrom('resources').select('platform_id').where('id', '=', ids.videoEmpty).executeTakeFirstOrThrow()).platform_id;

    sweep.progress('resources made');
    // A ready video, through the real pipeline (tus upload, ffmpeg): the player and the preview.
    const transcoded = readyVideo(teacher);
    await insertMedia(ids.videoProcessing, 'transcoding');
    await insertMedia(ids.videoFailed, 'failed');
    await seedAnalytics();
    sweep.progress('analytics seeded');
    await transcoded;
    sweep.progress('video ready');
    fake = await startFakeBbb();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await fake?.close();
    await app?.close();
    await platform?.close();
  });

  async function readyVideo(teacher: LaunchedPage): Promise<void> {
    const clip = await generateClip({ width: 320, height: 180, seconds: 3 });
    const up = await uploadVideo(app.url, teacher.token, ids.videoReady, clip);
    assert.equal(up.status, 204, JSON.stringify(up.body));
    await waitForVideo(app.url, teacher.token, ids.videoReady, (v) => v.status === 'ready' && v.processing === null, 120_000);
    const chapters = [
      { startSeconds: 0, title: 'Introduction' },
      { startSeconds: 1, title: 'Exemple' },
    ];
    assert.equal((await teacher.api('PATCH', `/api/videos/${ids.videoReady}`, { chapters })).status, 200);
  }

  /** Two LRS credentials, one revoked: the administration page's table shows both kinds of row. */
  async function seedCredentials(): Promise<void> {
    const admin = await launchPage(platform, app.url, ADMIN);
    const ids: string[] = [];
    for (const name of ['Learning Locker', 'Ralph']) {
      const created = await admin.api('POST', '/api/admin/lrs-credentials', { name, scopes: ['statements/write'] });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      ids.push(created.body.id as string);
    }
    assert.equal((await admin.api('DELETE', `/api/admin/lrs-credentials/${ids[1]}`)).status, 200);
  }

  /** A media in a state the pipeline passes through (converting, or refused by ffmpeg), held there. */
  async function insertMedia(resourceId: string, status: 'transcoding' | 'failed'): Promise<void> {
    await app.ctx.db
      .insertInto('video_media')
      .values({
        id: crypto.randomUUID(),
        platform_id: platformId,
        resource_id: resourceId,
        status,
        state: 'pending',
        file_name: 'cours.mp4',
        mime: 'video/mp4',
        size_bytes: 12_345_678,
        progress: status === 'transcoding' ? 0.42 : null,
        error: status === 'failed' ? 'invalid-media' : null,
      })
      .execute();
  }

  /** Learners who watched the videos on several days: the dashboards and the Analytics tabs have figures. */
  async function seedAnalytics(): Promise<void> {
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
    const statements: Statement[] = [];
    for (const [who, share, days] of [[ADA, 1, [6, 3, 1]], [BORIS, 0.3, [2]]] as const) {
      const learner = await launchPerson(app.ctx.db, platform, app.url, { ...who, ...linkTo(ids.videoEmpty) });
      for (const resourceId of [ids.videoEmpty, ids.videoReady]) {
        await app.ctx.db
          .insertInto('video_views')
          .values({ platform_id: platformId, resource_id: resourceId, user_id: learner.userId, played_segments: JSON.stringify([[0, share * 3]]), watched_share: share, completed_at: share === 1 ? new Date() : null })
          .execute();
        const object = { objectType: 'Activity', id: `${app.url}/xapi/activities/resources/${resourceId}`, definition: { type: VIDEO_TYPE } };
        const actor = { objectType: 'Agent', account: { homePage: platform.issuer, name: who.sub } };
        for (const ago of days) {
          for (const verb of ['http://adlnet.gov/expapi/verbs/launched', 'http://adlnet.gov/expapi/verbs/initialized', 'https://w3id.org/xapi/video/verbs/played']) {
            statements.push({ id: crypto.randomUUID(), actor, verb: { id: verb }, object, timestamp: day(ago) } as unknown as Statement);
          }
        }
      }
    }
    await recordStatements(app.ctx, platformId, statements);
    await new Promise((r) => setTimeout(r, REUSE_MS + 20));
    await refreshAnalytics(app.ctx, platformId, { settleMs: 0 });
  }

  function linkTo(resourceId: string): Pick<LaunchSpec, 'resourceLink' | 'custom'> {
    return { resourceLink: { id: `rl-${resourceId}`, title: 'Activité' }, custom: { amphi_resource_id: resourceId } };
  }

  /** A launch by `who` in a language (the locale claim), with more claims. */
  const launchAs = (who: LaunchSpec, extra: Partial<LaunchSpec> = {}) => (lang: Lang): LaunchSpec => ({ ...who, locale: lang === 'fr' ? 'fr-FR' : 'en-GB', ...extra });
  /** A launch by `who` of the link showing a resource (its id known once `before` made it). */
  const openLink = (who: LaunchSpec, resourceId: () => string) => (lang: Lang) => launchAs(who, linkTo(resourceId()))(lang);

  /** Waits until nothing is loading any more (the panels fetch their data after they show). */
  async function settled(frame: Frame): Promise<void> {
    await frame.locator('.amphi-loading').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
    await frame.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  }

  /** Every mode, in the page as it is: one axe run per mode, recorded under `where`. */
  async function checkEveryMode(page: Page, frame: Frame, lang: Lang, where: string, view: 'first' | 'other' = 'first'): Promise<void> {
    for (const mode of modesFor(lang, view)) {
      try {
        await applyToolMode(page, frame, lang, mode);
      } catch (err) {
        problem(`${where} [${mode.name}, ${lang}]: mode not applied: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
        continue;
      }
      const rules = mode.name === 'light' || ALL_RULES_IN_EVERY_MODE ? undefined : RENDERING_RULES;
      let violations = await checkAccessibility(frame as unknown as Page, { rules });
      if (violations.length) {
        // About once in a hundred checks axe reported the header's muted text (6:1 on its background
        // in light, 9:1 in dark) under 4.5:1, on a different page each run: read mid-repaint. A
        // violation counts when a second look a moment later still finds it.
        await new Promise((r) => setTimeout(r, 400));
        await frame.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        violations = await checkAccessibility(frame as unknown as Page, { rules });
      }
      sweep.record(where, mode.name, lang, violations);
    }
  }

  /**
   * The state's tabs (data-testid resource-tab-…), each clicked and checked in every mode, and,
   * inside its panel, the other tabs of any nested tab list (the first is the one shown).
   */
  async function visitTabs(page: Page, frame: Frame, lang: Lang, state: ToolState): Promise<void> {
    const resourceTabs = frame.locator('[role="tablist"]').first().locator('[role="tab"]');
    const shown = await resourceTabs.evaluateAll((tabs) => tabs.map((t) => t.getAttribute('data-testid') ?? t.id));
    const wanted = state.tabs === 'all' ? shown : (state.tabs ?? []);
    for (const [index, tabId] of wanted.entries()) {
      if (!shown.includes(tabId)) {
        problem(`${state.name} [${lang}]: no tab ${tabId}; the page shows ${shown.join(', ')}`);
        continue;
      }
      await frame.locator(`[role="tab"][data-testid="${tabId}"]`).click();
      await frame.locator(`[role="tab"][data-testid="${tabId}"][aria-selected="true"]`).waitFor();
      await settled(frame);
      if (tabId.startsWith('resource-tab-')) visitedTabs.add(tabId.replace(/^resource-tab-/, ''));
      const view = `${state.name} › ${tabId.replace(/^(resource|admin)-tab-/, 'tab ')}`;
      await checkEveryMode(page, frame, lang, view, index === 0 ? 'first' : 'other');
      // Tab lists inside the panel (a dashboard's sections): each of their tabs too.
      const nested = frame.locator('[role="tabpanel"] [role="tablist"] [role="tab"]');
      const inner = await nested.evaluateAll((tabs) => tabs.map((t) => t.id));
      for (const innerId of inner.slice(1)) {
        await frame.locator(`[id="${innerId}"]`).click();
        await settled(frame);
        await checkEveryMode(page, frame, lang, `${view} › ${innerId}`, 'other');
      }
    }
  }

  async function newContext(lang: Lang): Promise<BrowserContext> {
    return browser.newContext({
      locale: lang === 'fr' ? 'fr-FR' : 'en-GB',
      timezoneId: 'Europe/Paris',
      colorScheme: 'light',
      // No transitions between two colour themes while axe reads the colours.
      reducedMotion: 'reduce',
      viewport: { width: 1280, height: 1400 },
    });
  }

  /** Launches `state` in `lang` in the context's page, checks it (its tabs), and records what it showed. */
  async function sweepState(context: BrowserContext, state: ToolState, lang: Lang): Promise<void> {
    const page = context.pages()[0] ?? (await context.newPage());
    const spec = state.spec(lang);
    sweep.progress(`launching ${state.name} [${lang}]`);
    let frame: Frame;
    try {
      frame = await openCoursePage(page, platform.prepareLaunch(app.url, spec, { loginMethod: 'POST' }));
      await frame.getByTestId('route').waitFor({ timeout: 15_000 });
      if (state.ready) await frame.getByTestId(state.ready).first().waitFor({ timeout: 20_000 });
      await settled(frame);
      assert.equal(await frame.evaluate('document.documentElement.lang'), lang, 'the page’s language');
    } catch (err) {
      const text = await visibleText(page.frames().at(-1)!).catch(() => '?');
      problem(`${state.name} [${lang}]: did not open: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}; the frame reads: ${text.slice(0, 200)}`);
      return;
    }
    const route = await frame.getByTestId('route').getAttribute('data-route');
    const role = spec.roles?.includes(ROLE.learner) ? 'learner' : 'teacher';
    const resourceId = spec.custom?.amphi_resource_id;
    const kind = route === 'resource' && resourceId ? (await app.ctx.db.selectFrom('resources').select('kind').where('id', '=', resourceId).executeTakeFirstOrThrow()).kind : '';
    shownRoutes.add(`${role}:${route}`);
    if (kind) shownRoutes.add(`${role}:kind:${kind}`);
    if (state.open) {
      await frame.locator(`[data-testid="${state.open}"] > summary`).click();
      await frame.locator(`[data-testid="${state.open}"][open]`).waitFor();
    }
    if (state.click) {
      await frame.getByTestId(state.click.button).first().click();
      await frame.getByTestId(state.click.shown).first().waitFor({ timeout: 15_000 });
      await settled(frame);
    }
    if (state.tabs) await visitTabs(page, frame, lang, state);
    else await checkEveryMode(page, frame, lang, state.name);
  }

  const STATES = (): ToolState[] => [
    { name: 'teacher video (empty)', spec: openLink(TEACHER, () => ids.videoEmpty), ready: 'instructor-video', tabs: 'all' },
    { name: 'teacher video (converting)', spec: openLink(TEACHER, () => ids.videoProcessing), ready: 'video-processing', tabs: ['resource-tab-video'] },
    { name: 'teacher video (conversion failed)', spec: openLink(TEACHER, () => ids.videoFailed), ready: 'instructor-video', tabs: ['resource-tab-video'] },
    { name: 'teacher video (ready)', spec: openLink(TEACHER, () => ids.videoReady), ready: 'player-video', tabs: ['resource-tab-video', 'resource-tab-analytics'] },
    { name: 'learner video (ready: the player)', spec: openLink(ADA, () => ids.videoReady), ready: 'video-player' },
    { name: 'learner video (not ready yet)', spec: openLink(ADA, () => ids.videoEmpty) },
    { name: 'teacher classroom (no BBB server)', spec: openLink(TEACHER, () => ids.classroom), tabs: 'all' },
    { name: 'administrator classroom (no BBB server)', spec: openLink(ADMIN, () => ids.classroom), tabs: ['resource-tab-server'] },
    { name: 'learner classroom (no BBB server)', spec: openLink(ADA, () => ids.classroom) },
    { name: 'teacher dashboard for learners (with data)', spec: openLink(TEACHER, () => ids.dashboardLearners), tabs: 'all' },
    { name: 'teacher dashboard for teachers (with data)', spec: openLink(TEACHER, () => ids.dashboardTeachers), tabs: ['resource-tab-dashboard'] },
    { name: 'learner dashboard (their own figures)', spec: openLink(ADA, () => ids.dashboardLearners) },
    { name: 'learner on a teachers-only dashboard', spec: openLink(ADA, () => ids.dashboardTeachers) },
    { name: 'deep-linking picker', spec: launchAs(TEACHER, { messageType: 'LtiDeepLinkingRequest' }) },
    { name: 'teacher unconfigured link', spec: launchAs(TEACHER, { resourceLink: { id: 'rl-new', title: 'Nouvelle activité' } }), ready: 'unconfigured-chooser' },
    { name: 'learner unconfigured link', spec: launchAs(ADA, { resourceLink: { id: 'rl-new', title: 'Nouvelle activité' } }) },
    {
      name: 'administrator unconfigured link (administration area, launch details open)',
      spec: launchAs(ADMIN, { resourceLink: { id: 'rl-new', title: 'Nouvelle activité' } }),
      ready: 'bbb-server-admin-section',
      open: 'launch-details',
    },
    {
      // Opened from the Administration area; its first tab gets every mode, the others light, dark and dyslexia.
      name: 'administration page (two LRS credentials, one revoked)',
      spec: launchAs(ADMIN, { resourceLink: { id: 'rl-new', title: 'Nouvelle activité' } }),
      ready: 'admin-page-open',
      click: { button: 'admin-page-open', shown: 'admin-page' },
      tabs: 'all',
    },
  ];

  /** Once the platform has a BBB server: the classroom's room and server tabs, and the learner's room. */
  const STATES_WITH_SERVER = (): ToolState[] => [
    { name: 'teacher classroom (BBB server set)', spec: openLink(TEACHER, () => ids.classroom), tabs: ['resource-tab-room', 'resource-tab-recordings'] },
    { name: 'administrator classroom (BBB server set)', spec: openLink(ADMIN, () => ids.classroom), tabs: ['resource-tab-server'] },
    { name: 'learner classroom (BBB server set)', spec: openLink(ADA, () => ids.classroom) },
  ];

  async function sweepStates(states: ToolState[]): Promise<void> {
    for (const lang of LANGS) {
      const context = await newContext(lang);
      try {
        for (const state of states.filter(selected)) await sweepState(context, state, lang);
      } finally {
        await context.close();
      }
    }
  }

  it('sweeps the resource pages, the picker and unconfigured links', async () => {
    await sweepStates(STATES());
  });

  it('sweeps the classroom once the platform has a BigBlueButton server', async () => {
    await useFakeBbbFor(app.ctx, platformId, fake);
    await sweepStates(STATES_WITH_SERVER());
  });

  it('sweeps the pages without a session: no launch data, and a session that ended', { skip: filtered }, async () => {
    const indexHtml = fs.readFileSync(path.join(REPOSITORY_ROOT, 'public/app/index.html'), 'utf8');
    for (const lang of LANGS) {
      const context = await newContext(lang);
      try {
        // The built page as the server would send it without a launch: it must explain, in the browser's language.
        const page = await context.newPage();
        await page.route(`${app.url}/app/`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: indexHtml }));
        await page.goto(`${app.url}/app/`);
        await page.locator('[role="alert"]').first().waitFor();
        assert.equal(await page.evaluate('document.documentElement.lang'), lang);
        shownRoutes.add('no-bootstrap');
        await checkEveryMode(page, page.mainFrame(), lang, 'no launch data (page opened without a launch)');

        // A session that ended while the page was open: the server forgets it, the page's clock runs an hour.
        await page.clock.install();
        const frame = await openCoursePage(page, platform.prepareLaunch(app.url, openLink(TEACHER, () => ids.videoEmpty)(lang), { loginMethod: 'POST' }));
        await frame.getByTestId('instructor-video').waitFor();
        await app.ctx.db.deleteFrom('lti_sessions').execute();
        await page.clock.fastForward('02:00:00');
        await frame.locator('[role="alert"]').first().waitFor({ timeout: 10_000 }).catch(() => problem(`session expired [${lang}]: no alert after the session ended`));
        shownRoutes.add('session-expired');
        await checkEveryMode(page, frame, lang, 'teacher video, session expired');
      } finally {
        await context.close();
      }
    }
  });

  it('has shown every launch route, every resource kind to teachers and learners, and every teacher tab', { skip: filtered }, () => {
    const routes = launchRouteNames();
    const expected = [
      ...routes.flatMap((r) => (r === 'resource' ? [] : [`teacher:${r}`])),
      ...routes.filter((r) => r === 'unconfigured').map((r) => `learner:${r}`),
      ...RESOURCE_KINDS.flatMap((k) => [`teacher:kind:${k}`, `learner:kind:${k}`]),
      'no-bootstrap',
      'session-expired',
    ];
    const missing = expected.filter((e) => !shownRoutes.has(e));
    assert.deepEqual(missing, [], `not shown: ${missing.join(', ')} (shown: ${[...shownRoutes].join(', ')})`);
    const unvisited = instructorSections().filter((s) => !visitedTabs.has(s));
    assert.deepEqual(unvisited, [], `teacher tabs (InstructorView.tsx) never visited: ${unvisited.join(', ')}`);
  });

  it('finds no axe violation of any impact, in any mode or language', (t) => {
    t.diagnostic(sweep.summary());
    const unchecked = unopened.length ? `states that could not be checked:\n${unopened.join('\n')}\n` : '';
    assert.ok(unopened.length === 0 && sweep.failing.length === 0, `${unchecked}${sweep.summary()}\n${sweep.report()}`);
  });
});
