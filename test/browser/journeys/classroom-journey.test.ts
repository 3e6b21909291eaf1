/**
 * The whole journey of a virtual classroom, in Chromium, through the LMS course page that frames
 * Amphi, against the strict fake BigBlueButton: the teacher schedules a session that runs now; a
 * student arrives first and waits (the page says so in a live region); the teacher starts the
 * classroom from the Classroom tab (a new tab at BBB's client, as moderator); the waiting student
 * is let in at once (their own tab at BBB's client, as viewer); once the meeting is over and BBB's
 * learning-analytics report arrives, the teacher's Attendance tab lists both. English UI for the
 * teacher, French for the student. Screenshots in test/artifacts/classroom/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { launchPage } from '../../support/api-client.js';
import { useFakeBbbFor } from '../../support/bbb-fixture.js';
import { eventually } from '../../support/factories.js';
import { startFakeBbb, type FakeBbb } from '../../support/fake-bbb/index.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../../support/test-platform.js';
import { CHROMIUM_PATH, isChromiumAvailable, launchChromium } from '../chromium.js';
import { openCoursePage, visibleText } from '../lms-browser.js';
import { assertAccessible, assertAccessibleInDark, screenshots, ui } from './journey-support.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;

const COURSE = { id: 'chem210', title: 'Chimie organique', label: 'CHEM210' };
const TEACHER = { sub: 'teacher-dorothy', name: 'Dorothy Hodgkin', roles: [ROLE.instructor], context: COURSE };
const STUDENT = { sub: 'student-lise', name: 'Lise Meitner', roles: [ROLE.learner], context: COURSE };
const ZONE = 'Europe/Paris';

/** Date and HH:MM in `timeZone` of a moment (what the teacher types in the session's fields). */
function localDateTime(at: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

describe('journey of a classroom: scheduled, waited for, started, joined, attended (Chromium)', { skip }, () => {
  let app: TestApp;
  let platform: TestPlatform;
  let fake: FakeBbb;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  before(async () => {
    app = await startTestApp();
    platform = await TestPlatform.start();
    fake = await startFakeBbb();
    await app.register(platform);
    browser = await launchChromium();
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await fake?.close();
    await app?.close();
    await platform?.close();
  });

  /** A person's own browser window (cookies, tabs), with the course page showing the activity. */
  async function openActivity(spec: LaunchSpec, locale: string): Promise<{ context: BrowserContext; page: Page; frame: Frame }> {
    const context = await browser!.newContext({ locale, timezoneId: ZONE, viewport: { width: 1280, height: 1000 } });
    contexts.push(context);
    const page = await context.newPage();
    const frame = await openCoursePage(page, platform.prepareLaunch(app.url, { ...spec, locale }, { loginMethod: 'POST' }));
    return { context, page, frame };
  }

  /** The tab a page opened into BBB's client. */
  function meetingTab(context: BrowserContext): Promise<Page> {
    return eventually('a tab at BBB’s client', () => context.pages().find((p) => p.url().startsWith(`${fake.origin}/client/`)), 20_000);
  }

  it('a teacher schedules a session, a student waits, the teacher starts, the student is let in, attendance appears', async () => {
    const snap = screenshots('classroom');
    // The classroom, as the picker makes it (journey of the video covers the picker itself), on the platform's BBB server.
    const setup = await launchPage(platform, app.url, { ...TEACHER, messageType: 'LtiDeepLinkingRequest' });
    const created = await setup.api('POST', '/api/resources', { kind: 'classroom', title: 'TD de chimie en ligne', settings: { welcomeMessage: 'Bienvenue au TD !' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id: string = created.body.id;
    await useFakeBbbFor(app.ctx, (await app.ctx.db.selectFrom('platforms').select('id').executeTakeFirstOrThrow()).id, fake);
    const link = { resourceLink: { id: `rl-${id}`, title: 'Online tutorial' }, custom: { amphi_resource_id: id } };

    // The teacher schedules a one-off session that began ten minutes ago and lasts two hours.
    const teacher = await openActivity({ ...TEACHER, ...link }, 'en-GB');
    await teacher.frame.getByTestId('resource-tab-sessions').click();
    await teacher.frame.getByTestId('schedule-form').waitFor().catch(async () => assert.fail(`no sessions editor; the page reads: ${await visibleText(teacher.frame)}`));
    const start = localDateTime(new Date(Date.now() - 10 * 60_000), ZONE);
    await teacher.frame.getByTestId('schedule-add-once').click();
    const session = teacher.frame.getByTestId('schedule-session-0');
    await session.getByTestId('schedule-session-0-title').fill('Tutorial 1');
    await session.getByTestId('schedule-session-0-date').fill(start.date);
    await session.getByTestId('schedule-session-0-start').fill(start.time);
    await session.getByTestId('schedule-session-0-duration').fill('120');
    await teacher.frame.getByTestId('schedule-time-zone').selectOption(ZONE);
    await teacher.frame.getByTestId('schedule-save').click();
    await teacher.frame.getByTestId('schedule-status').filter({ hasText: ui('en', 'schedule.saved') }).waitFor();
    await teacher.frame.getByTestId('schedule-upcoming-item').first().waitFor();
    await snap(teacher.page, 'teacher-scheduled');
    await assertAccessible(teacher.frame, 'the teacher’s sessions tab');
    const saved = (await setup.api('GET', `/api/classrooms/${id}`)).body;
    assert.deepEqual(saved.settings.sessions.map((s: Record<string, unknown>) => [s.kind, s.date, s.startTime, s.durationMinutes]), [['once', start.date, start.time, 120]]);

    // The student arrives first: the session is open, but the classroom waits for its teacher.
    const student = await openActivity({ ...STUDENT, ...link }, 'fr-FR');
    const join = student.frame.getByTestId('join-button');
    await join.waitFor().catch(async () => assert.fail(`no join button; the page reads: ${await visibleText(student.frame)}`));
    assert.equal(await student.frame.getByTestId('join-session').getAttribute('data-open'), 'true');
    await join.click();
    await student.frame.getByTestId('join-waiting').waitFor();
    assert.equal(await student.frame.getByTestId('join-status-text').textContent(), ui('fr', 'join.waiting.title'));
    assert.equal(fake.count('create'), 0, 'a waiting student creates nothing');
    await snap(student.page, 'student-waiting');
    await assertAccessible(student.frame, 'the waiting student’s page');

    // The teacher starts the classroom: BBB opens in a new tab, as moderator.
    await teacher.frame.getByTestId('resource-tab-room').click();
    await teacher.frame.getByTestId('classroom-room-panel').waitFor();
    await teacher.frame.getByTestId('join-button').click();
    const moderatorTab = await meetingTab(teacher.context);
    await moderatorTab.waitForLoadState();
    assert.equal(await moderatorTab.locator('#fake-bbb-role').textContent(), 'MODERATOR');
    await teacher.frame.locator('[data-testid="room-state"][data-running="true"]').waitFor();
    await snap(teacher.page, 'teacher-started');
    await assertAccessible(teacher.frame, 'the teacher’s running classroom');

    // The waiting student is let in without doing anything: their tab opens at BBB's client, as viewer.
    const viewerTab = await meetingTab(student.context);
    await viewerTab.waitForLoadState();
    assert.equal(await viewerTab.locator('#fake-bbb-role').textContent(), 'VIEWER');
    assert.equal(await viewerTab.locator('#fake-bbb-user').textContent(), STUDENT.name);
    await student.frame.locator('[data-testid="join-status"][data-phase="joined"]').waitFor();
    assert.equal(await student.frame.getByTestId('join-status-text').textContent(), ui('fr', 'join.status.opened'));
    await snap(student.page, 'student-joined');
    await assertAccessible(student.frame, 'the student’s page once in');

    // The meeting ends; BBB sends its learning-analytics report; the teacher's Attendance tab lists both.
    const meetingID = `amphi-${id}`;
    await fake.endMeeting(meetingID);
    const report = await fake.fireAnalytics(meetingID);
    assert.equal(report.status, 200, await report.clone().text());
    const attendance = await openActivity({ ...TEACHER, ...link }, 'en-GB');
    await attendance.frame.getByTestId('resource-tab-attendance').click();
    const table = attendance.frame.getByTestId('attendance-session-table');
    await table.waitFor().catch(async () => assert.fail(`no attendance table; the page reads: ${await visibleText(attendance.frame)}`));
    const names = await table.locator('tbody tr th').allTextContents();
    assert.deepEqual(names.map((n) => n.trim()).sort(), [TEACHER.name, STUDENT.name].sort());
    await snap(attendance.page, 'teacher-attendance');
    await assertAccessible(attendance.frame, 'the attendance tab');
    await assertAccessibleInDark(attendance.page, attendance.frame, 'en', 'the attendance tab');
    await snap(attendance.page, 'teacher-attendance-dark');
  });
});
