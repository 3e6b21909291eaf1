/**
 * The learning-analytics pages in Chromium, framed as Moodle shows them, in French: the teacher's
 * course dashboard (charts drawn, tables, CSV), a video's Analytics tab, a learner's own
 * dashboard (nobody else's name), and a learner opening a teachers-only dashboard (an
 * explanation, no figures asked for). Each page has no axe-core violation of any impact, in light,
 * dark, dyslexia-friendly and high contrast modes. Cheap on purpose: one browser, one page, the
 * course seeded once (statements stored through the LRS service, then one rollup refresh).
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { refreshAnalytics } from '../../src/analytics/analytics.service.js';
import type { Statement } from '../../src/lrs/xapi/xapi.types.js';
import { recordStatements } from '../../src/lrs/lrs.service.js';
import { REUSE_MS } from '../../src/lrs/statements/consistent-through.js';
import type { MessageKey } from '../../tool/src/i18n/en.js';
import { t as translate } from '../../tool/src/i18n/i18n.js';
import { launchPage } from '../support/api-client.js';
import { launchPerson } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { applyToolMode, TOOL_MODES, type ToolMode } from '../support/tool-display-modes.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../support/test-platform.js';
import { CHROMIUM_PATH, formatViolations, isChromiumAvailable, launchChromium } from './chromium.js';
import { checkFrameAccessibility, openCoursePage, visibleText } from './lms-browser.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;
const COURSE = { id: 'eco101', title: 'Économie', label: 'ECO101' };
const TEACHER = { sub: 'teacher-louise', name: 'Louise Michel', roles: [ROLE.instructor], context: COURSE };
const ADA = { sub: 'learner-ada', name: 'Ada Lovelace', roles: [ROLE.learner], context: COURSE };
const BOB = { sub: 'learner-bob', name: 'Boris Vian', roles: [ROLE.learner], context: COURSE };
const ZOE = { sub: 'learner-zoe', name: 'Zoé Oldenbourg', roles: [ROLE.learner], context: COURSE };
const VIDEO_TYPE = 'https://w3id.org/xapi/video/activity-type/video';

const ui = (key: MessageKey, params: Record<string, string> = {}) => translate('fr', key, params);
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();

describe('analytics dashboards (Chromium)', { skip }, () => {
  let app: TestApp;
  let platform: TestPlatform;
  let browser: Browser;
  let page: Page;
  const ids = { video: '', forTeachers: '', forLearners: '' };

  before(async () => {
    app = await startTestApp();
    platform = await TestPlatform.start();
    await app.register(platform);
    platform.setMembers(COURSE.id, [TEACHER, ADA, BOB, ZOE].map((p) => ({ user_id: p.sub, name: p.name, roles: p.roles, status: 'Active' as const })));
    const teacher = await launchPage(platform, app.url, { ...TEACHER, messageType: 'LtiDeepLinkingRequest' });
    const create = async (body: object) => {
      const created = await teacher.api('POST', '/api/resources', body);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body.id as string;
    };
    ids.video = await create({ kind: 'video', title: 'Cours 1 : l’offre et la demande' });
    ids.forTeachers = await create({ kind: 'dashboard', title: 'Suivi de la classe', settings: { audience: 'instructors' } });
    ids.forLearners = await create({ kind: 'dashboard', title: 'Mon tableau de bord', settings: { audience: 'learners' } });
    const platformId = (await app.ctx.db.selectFrom('resources').select('platform_id').where('id', '=', ids.video).executeTakeFirstOrThrow()).platform_id;
    // The player's tracking (video_views) is what the video's figures read; the learners launched it.
    for (const [who, share] of [[ADA, 1], [BOB, 0.2]] as const) {
      const learner = await launchPerson(app.ctx.db, platform, app.url, { ...who, ...linkTo(ids.video) });
      await app.ctx.db
        .insertInto('video_views')
        .values({ platform_id: platformId, resource_id: ids.video, user_id: learner.userId, played_segments: JSON.stringify([[0, share * 600]]), watched_share: share, completed_at: share === 1 ? new Date() : null })
        .execute();
    }
    await recordStatements(app.ctx, platformId, [
      ...viewing(ADA.sub, [5, 3, 1], true),
      ...viewing(BOB.sub, [2], false),
    ]);
    // Consistent-through is strict and reused for REUSE_MS on PostgreSQL: what was just stored is
    // read by a refresh that waits that long, with no settling margin.
    await new Promise((r) => setTimeout(r, REUSE_MS + 20));
    const refreshed = await refreshAnalytics(app.ctx, platformId, { settleMs: 0 });
    assert.ok(refreshed.counted > 0, JSON.stringify(refreshed));
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', reducedMotion: 'reduce', acceptDownloads: true, viewport: { width: 1280, height: 1600 } });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await platform?.close();
  });

  /** A learner opening the video on these days (days ago), playing it, and maybe completing it. */
  function viewing(sub: string, daysAgo: number[], completes: boolean): Statement[] {
    const object = { objectType: 'Activity', id: `${app.url}/xapi/activities/resources/${ids.video}`, definition: { type: VIDEO_TYPE } };
    const actor = { objectType: 'Agent', account: { homePage: platform.issuer, name: sub } };
    const verbs = ['http://adlnet.gov/expapi/verbs/launched', 'http://adlnet.gov/expapi/verbs/initialized', 'https://w3id.org/xapi/video/verbs/played'];
    return daysAgo.flatMap((ago, i) => [
      ...verbs.map((verb) => ({ id: crypto.randomUUID(), actor, verb: { id: verb }, object, timestamp: day(ago) })),
      ...(completes && i === daysAgo.length - 1 ? [{ id: crypto.randomUUID(), actor, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' }, object, timestamp: day(ago) }] : []),
    ]) as unknown as Statement[];
  }

  function linkTo(resourceId: string): Pick<LaunchSpec, 'resourceLink' | 'custom'> {
    return { resourceLink: { id: `rl-${resourceId}`, title: 'Activité' }, custom: { amphi_resource_id: resourceId } };
  }

  async function open(spec: LaunchSpec, resourceId: string): Promise<Frame> {
    return openCoursePage(page, platform.prepareLaunch(app.url, { ...spec, ...linkTo(resourceId), locale: 'fr-FR' }, { loginMethod: 'POST' }));
  }

  /** Sets a display mode with the toolbar, as a person would (test/support/tool-display-modes.ts). */
  async function display(frame: Frame, mode: ToolMode): Promise<void> {
    await applyToolMode(page, frame, 'fr', mode);
    const font = mode.dyslexia ? '[data-font="dyslexia"]' : ':not([data-font])';
    await frame.locator(`html[data-theme="${mode.theme}"][data-contrast="${mode.highContrast ? 'more' : 'normal'}"]${font}`).waitFor();
  }

  const LIGHT = TOOL_MODES[0]!;

  /** Waits for the chart, then counts its painted (non-transparent) pixels. */
  async function paintedPixels(frame: Frame, chartId: string): Promise<number> {
    const canvas = frame.locator(`[data-testid="chart-${chartId}-canvas"][data-chart-ready="true"]`);
    await canvas.waitFor().catch(async () => assert.fail(`chart ${chartId} not drawn; the page reads: ${await visibleText(frame)}`));
    return canvas.evaluate((c: HTMLCanvasElement) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
      return painted;
    });
  }

  /** No axe-core violation of any impact, minor included. */
  async function assertAccessible(frame: Frame, name: string): Promise<void> {
    const violations = await checkFrameAccessibility(frame);
    if (violations.length === 0) return;
    // The heading outline, for the heading-order rule's sake.
    const outline = await frame.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => `${h.tagName} ${h.textContent?.trim().slice(0, 50)}`).join('\n'));
    assert.deepEqual(violations, [], `${name}:\n${formatViolations(violations)}\nheadings:\n${outline}`);
  }

  /** Accessible in every display mode, the chart redrawn in each; back to light afterwards. */
  async function assertAccessibleInEveryMode(frame: Frame, name: string, chartId: string): Promise<void> {
    for (const mode of TOOL_MODES) {
      await display(frame, mode);
      assert.ok((await paintedPixels(frame, chartId)) > 100, `${name}: the chart is drawn in ${mode.name} mode`);
      await assertAccessible(frame, `${name}, ${mode.name}`);
    }
    await display(frame, LIGHT);
  }

  /** The text of a table's body rows, cell by cell. */
  async function tableRows(frame: Frame, testId: string): Promise<string[][]> {
    return frame.getByTestId(testId).locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').trim())));
  }

  it('shows the teacher the course dashboard: charts drawn, tables, a CSV of the table, accessible in every display mode', async () => {
    const frame = await open(TEACHER, ids.forTeachers);
    await frame.getByTestId('course-dashboard').waitFor();
    assert.ok((await paintedPixels(frame, 'active-learners')) > 100, 'the active learners chart is drawn');
    assert.ok((await paintedPixels(frame, 'actions')) > 100, 'the actions chart is drawn');

    const resources = await tableRows(frame, 'resources-use-table');
    const video = resources.find((row) => row[0] === 'Cours 1 : l’offre et la demande');
    assert.ok(video, `the video is in the resources table: ${JSON.stringify(resources)}`);
    assert.equal(video[2], '2', 'two learners used it');
    const learners = (await tableRows(frame, 'learners-activity-table')).map((row) => row[0] ?? '');
    assert.ok(learners.some((n) => n.startsWith(ADA.name)) && learners.some((n) => n.startsWith(BOB.name)), JSON.stringify(learners));
    assert.match((await frame.getByTestId('never-active').textContent()) ?? '', /Zoé Oldenbourg/);
    await frame.getByTestId('risk-table').waitFor();
    await frame.getByTestId('cohort-section').locator('[data-testid="cohort-status"], [data-testid="cohort-table"]').first().waitFor();

    // The CSV is the table under the chart: same header, same rows, UTF-8 with a BOM, `;` in French.
    const table = await tableRows(frame, 'chart-actions-table');
    const [download] = await Promise.all([page.waitForEvent('download'), frame.getByTestId('chart-actions-csv').click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    assert.ok(csv.startsWith('\uFEFF'), 'a byte-order mark for Excel');
    const lines = csv.slice(1).trimEnd().split('\r\n');
    assert.equal(lines[0], `${ui('analytics.col.day')};${ui('dashboard.chart.actions.series')}`);
    assert.deepEqual(lines.slice(1), table.map((row) => row.join(';')));
    assert.ok(table.length >= 28, `a row per day of the default range (${table.length})`);

    await assertAccessibleInEveryMode(frame, 'course dashboard', 'actions');
  });

  it('shows a video’s Analytics tab: key figures, the views chart and each learner', async () => {
    const frame = await open(TEACHER, ids.video);
    await frame.getByTestId('resource-tab-analytics').click();
    await frame.getByTestId('video-analytics').waitFor().catch(async () => assert.fail(`no video analytics; the page reads: ${await visibleText(frame)}`));
    assert.equal(await frame.getByTestId('figure-unique-viewers').locator('dd').textContent(), '2');
    assert.ok((await paintedPixels(frame, 'video-daily-views')) > 100, 'the daily views chart is drawn');
    const rows = await tableRows(frame, 'video-learners-table');
    const ada = rows.find((row) => row[0]?.startsWith(ADA.name));
    assert.ok(ada, JSON.stringify(rows));
    assert.equal(ada[2], ui('analytics.yes'), 'Ada completed it');
    await assertAccessibleInEveryMode(frame, 'video analytics', 'video-daily-views');
  });

  it('shows a learner their own dashboard and no other learner’s name', async () => {
    const frame = await open(ADA, ids.forLearners);
    await frame.getByTestId('learner-dashboard').waitFor();
    assert.ok((await paintedPixels(frame, 'my-actions')) > 100, 'their actions chart is drawn');
    // Three days of viewing, and today's launch when Amphi recorded it before the refresh.
    const activeDays = Number(/\d+/.exec((await frame.getByTestId('learner-active-days').textContent()) ?? '')?.[0]);
    assert.ok(activeDays >= 3, `active on ${activeDays} days`);
    await frame.getByTestId('learner-position').waitFor();
    const html = await frame.content();
    for (const other of [BOB.name, ZOE.name, TEACHER.name]) assert.ok(!html.includes(other), `${other} appears on Ada's dashboard`);
    await assertAccessibleInEveryMode(frame, 'learner dashboard', 'my-actions');
  });

  it('tells a learner a teachers-only dashboard is for teachers, and asks for no figures', async () => {
    const asked: string[] = [];
    const onRequest = (request: { url(): string }) => request.url().includes('/api/analytics') && asked.push(request.url());
    page.on('request', onRequest);
    try {
      const frame = await open(BOB, ids.forTeachers);
      const notice = frame.getByTestId('dashboard-for-instructors');
      await notice.waitFor();
      assert.match((await notice.textContent()) ?? '', new RegExp(ui('dashboardPage.forTeachers.heading')));
      assert.equal(await frame.locator('canvas, table').count(), 0);
      assert.deepEqual(asked, []);
      for (const mode of TOOL_MODES) {
        await display(frame, mode);
        await assertAccessible(frame, `teachers-only notice, ${mode.name}`);
      }
      await display(frame, LIGHT);
    } finally {
      page.off('request', onRequest);
    }
  });
});
