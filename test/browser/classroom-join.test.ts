/**
 * Joining a classroom in Chromium, framed as Moodle shows it, against the strict fake BBB: a
 * learner who arrives before the teacher waits on a page that says so (live region), and is moved
 * into the meeting (a new tab at BBB's client) as soon as the teacher has started it; the teacher
 * starts the room from the Classroom tab the same way. French UI, accessibility checked.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { MessageKey } from '../../tool/src/i18n/en.js';
import { t as translate } from '../../tool/src/i18n/i18n.js';
import { launchPage, type LaunchedPage } from '../support/api-client.js';
import { useFakeBbbFor } from '../support/bbb-fixture.js';
import { startFakeBbb, type FakeBbb } from '../support/fake-bbb/index.js';
import { useRegisteredPlatform } from '../support/lti-fixture.js';
import { ROLE, type LaunchSpec } from '../support/test-platform.js';
import { CHROMIUM_PATH, formatViolations, isChromiumAvailable, launchChromium } from './chromium.js';
import { checkFrameAccessibility, openCoursePage, visibleText } from './lms-browser.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;
const COURSE = { id: 'phys201', title: 'Physique des ondes', label: 'PHYS201' };
const TEACHER = { sub: 'teacher-paul', name: 'Paul Langevin', roles: [ROLE.instructor], context: COURSE };
const LEARNER = { sub: 'learner-irene', name: 'Irène Joliot', roles: [ROLE.learner], context: COURSE };

const ui = (key: MessageKey, params: Record<string, string> = {}) => translate('fr', key, params);

describe('joining a classroom (Chromium)', { skip }, () => {
  const fixture = useRegisteredPlatform();
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let fake: FakeBbb;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    fake = await startFakeBbb();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    await fake.close();
  });

  /** A classroom made by deep linking (defaults: waits for its moderator, no sessions) and the activity showing it. */
  async function classroomActivity(): Promise<{ id: string; teacher: LaunchedPage; link: Pick<LaunchSpec, 'resourceLink' | 'custom'> }> {
    const { platform, app } = fixture;
    const teacher = await launchPage(platform, app.url, { ...TEACHER, messageType: 'LtiDeepLinkingRequest' });
    const created = await teacher.api('POST', '/api/resources', { kind: 'classroom', title: 'Séance de TD en ligne', settings: { welcomeMessage: 'Bienvenue en TD !' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const platformId = (await app.ctx.db.selectFrom('platforms').select('id').executeTakeFirstOrThrow()).id;
    await useFakeBbbFor(app.ctx, platformId, fake);
    return { id: created.body.id, teacher, link: { resourceLink: { id: `rl-${created.body.id}`, title: 'TD en ligne' }, custom: { amphi_resource_id: created.body.id } } };
  }

  /** The tab the page opened into BBB's client (opened blank at the click, then sent there). */
  async function meetingTab(): Promise<Page> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const tab = context!.pages().find((p) => p.url().startsWith(`${fake.origin}/client/`));
      if (tab) return tab;
      if (Date.now() > deadline) assert.fail(`no tab at BBB's client; tabs: ${context!.pages().map((p) => p.url()).join(', ')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function openActivity(spec: LaunchSpec, timezoneId = 'Europe/Paris'): Promise<{ page: Page; frame: Frame }> {
    context = await browser!.newContext({ locale: 'fr-FR', timezoneId, viewport: { width: 1280, height: 1200 } });
    const page = await context.newPage();
    const frame = await openCoursePage(page, fixture.platform.prepareLaunch(fixture.app.url, { ...spec, locale: 'fr-FR' }, { loginMethod: 'POST' }));
    return { page, frame };
  }

  it('keeps a learner waiting until the teacher starts the classroom, then opens BBB in a new tab', async () => {
    const { id, link } = await classroomActivity();
    const { page, frame } = await openActivity({ ...LEARNER, ...link });
    const button = frame.getByTestId('join-button');
    await button.waitFor().catch(async () => assert.fail(`no join button; the page reads: ${await visibleText(frame)}`));
    assert.match((await frame.getByTestId('learner-classroom').textContent()) ?? '', /Bienvenue en TD !/);
    assert.equal(await frame.getByTestId('join-session').textContent(), ui('join.session.always'));
    await button.click();
    await frame.getByTestId('join-waiting').waitFor();
    assert.equal(await frame.getByTestId('join-status-text').textContent(), ui('join.waiting.title'));
    assert.equal(await frame.getByTestId('join-status-text').getAttribute('aria-live'), 'polite');
    assert.equal(fake.count('create'), 0, 'a waiting learner creates nothing');
    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], formatViolations(violations));

    const teacher = await launchPage(fixture.platform, fixture.app.url, { ...TEACHER, ...link });
    assert.equal((await teacher.api('POST', `/api/classrooms/${id}/join`)).body.status, 'ready');

    const tab = await meetingTab();
    await tab.waitForLoadState();
    assert.equal(await tab.locator('#fake-bbb-role').textContent(), 'VIEWER');
    assert.equal(await tab.locator('#fake-bbb-user').textContent(), 'Irène Joliot');
    await frame.getByTestId('join-status').and(frame.locator('[data-phase="joined"]')).waitFor();
    assert.equal(await frame.getByTestId('join-status-text').textContent(), ui('join.status.opened'));
    assert.equal(await frame.getByTestId('join-link').getAttribute('rel'), 'noopener noreferrer');
    assert.equal(fake.count('create'), 1);
    assert.ok(page.url().startsWith(fixture.platform.url), 'the course page stays where it was');
  });

  it('lets the teacher start the classroom from the Classroom tab, as moderator, and says it runs', async () => {
    const { link } = await classroomActivity();
    const { frame } = await openActivity({ ...TEACHER, ...link });
    await frame.getByTestId('resource-tab-room').click();
    const panel = frame.getByTestId('classroom-room-panel');
    await panel.waitFor().catch(async () => assert.fail(`no room panel; the page reads: ${await visibleText(frame)}`));
    assert.equal(await frame.getByTestId('room-state').getAttribute('data-running'), 'false');
    await frame.getByTestId('join-button').click();
    const tab = await meetingTab();
    await tab.waitForLoadState();
    assert.equal(await tab.locator('#fake-bbb-role').textContent(), 'MODERATOR');
    await frame.locator('[data-testid="room-state"][data-running="true"]').waitFor();
    assert.equal((await frame.getByTestId('join-button').textContent())?.trim(), ui('join.button.moderator'));
    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], formatViolations(violations));
  });

  it('tells a learner outside the opening hours when the next session opens, in their own time zone', async () => {
    const { id, teacher, link } = await classroomActivity();
    const date = new Date(Date.now() + 3 * 86400_000).toISOString().slice(0, 10);
    const saved = await teacher.api('PATCH', `/api/classrooms/${id}`, {
      timeZone: 'Europe/Paris',
      openMinutesBefore: 15,
      sessions: [{ kind: 'once', id: 'td', date, startTime: '10:00', durationMinutes: 60 }],
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const opensAt: string = (await teacher.api('GET', `/api/classrooms/${id}/room`)).body.next.opensAt;
    assert.equal(Date.parse(opensAt), Date.parse(saved.body.schedule.upcoming[0].start) - 15 * 60_000);
    const { frame } = await openActivity({ ...LEARNER, ...link }, 'America/Montreal');
    const line = frame.getByTestId('join-session');
    await line.waitFor().catch(async () => assert.fail(`no session line; the page reads: ${await visibleText(frame)}`));
    const zone = { timeZone: 'America/Montreal' };
    const day = new Intl.DateTimeFormat('fr', { ...zone, weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(opensAt));
    const time = new Intl.DateTimeFormat('fr', { ...zone, hour: '2-digit', minute: '2-digit' }).format(new Date(opensAt));
    assert.equal(await line.textContent(), ui('join.closed.next', { day, time }));
    assert.equal(await line.getAttribute('data-open'), 'false');
    assert.equal(await frame.getByTestId('join-button').count(), 0, 'no Join button while closed');
    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], formatViolations(violations));
  });
});
