/**
 * The classroom's "Attendance" tab in Chromium, framed as Moodle shows it: empty until BBB's
 * learning-analytics report arrives, then the session's table and the totals with the attendance
 * grade. The session is played through Amphi's join and the strict fake BBB, the report sent by
 * the fake with its signed JWT. French UI, accessibility checked.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame } from 'playwright-core';
import type { MessageKey } from '../../tool/src/i18n/en.js';
import { t as translate } from '../../tool/src/i18n/i18n.js';
import { launchPage, type LaunchedPage } from '../support/api-client.js';
import { useFakeBbbFor } from '../support/bbb-fixture.js';
import { rubyTime } from '../support/fake-bbb/fake-bbb-callbacks.js';
import { startFakeBbb, type FakeBbb } from '../support/fake-bbb/index.js';
import { useRegisteredPlatform } from '../support/lti-fixture.js';
import { ROLE, type LaunchSpec } from '../support/test-platform.js';
import { openJoinUrl } from '../integration/classroom/meetings/classroom-support.js';
import { CHROMIUM_PATH, formatViolations, isChromiumAvailable, launchChromium } from './chromium.js';
import { checkFrameAccessibility, openCoursePage, visibleText } from './lms-browser.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;
const COURSE = { id: 'stat101', title: 'Statistique', label: 'STAT101' };
const TEACHER = { sub: 'teacher-marie', name: 'Marie Curie', roles: [ROLE.instructor], context: COURSE };
const LEARNER = { sub: 'learner-ada', name: 'Ada Lovelace', roles: [ROLE.learner], context: COURSE };
const T0 = Date.parse('2026-11-20T09:00:00.000Z');

const ui = (key: MessageKey, params: Record<string, string> = {}) => translate('fr', key, params);

describe('the classroom’s attendance tab (Chromium)', { skip }, () => {
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

  /** A graded classroom (20 points from 60 minutes) made by deep linking, and the activity showing it. */
  async function classroomActivity(): Promise<{ id: string; link: Pick<LaunchSpec, 'resourceLink' | 'custom'> }> {
    const { platform, app } = fixture;
    const teacher = await launchPage(platform, app.url, { ...TEACHER, messageType: 'LtiDeepLinkingRequest' });
    const created = await teacher.api('POST', '/api/resources', {
      kind: 'classroom',
      title: 'TD de statistique',
      gradable: true,
      scoreMaximum: 20,
      settings: { waitForModerator: false, attendanceRule: { kind: 'minutes', minutes: 60 } },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const platformId = (await app.ctx.db.selectFrom('resources').select('platform_id').where('id', '=', created.body.id).executeTakeFirstOrThrow()).platform_id;
    await useFakeBbbFor(app.ctx, platformId, fake);
    return { id: created.body.id, link: { resourceLink: { id: `rl-${created.body.id}`, title: 'TD' }, custom: { amphi_resource_id: created.body.id } } };
  }

  async function join(page: LaunchedPage, id: string): Promise<void> {
    const joined = await page.api('POST', `/api/classrooms/${id}/join`);
    assert.equal(joined.status, 200, JSON.stringify(joined.body));
    assert.equal((await openJoinUrl(fake, joined.body.joinUrl)).valid, true);
  }

  async function openAttendanceTab(spec: LaunchSpec): Promise<Frame> {
    context = await browser!.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 1400 } });
    const page = await context.newPage();
    const frame = await openCoursePage(page, fixture.platform.prepareLaunch(fixture.app.url, { ...spec, locale: 'fr-FR' }, { loginMethod: 'POST' }));
    await frame.getByTestId('resource-tab-attendance').click();
    await frame.getByTestId('attendance-panel').waitFor().catch(async () => assert.fail(`no attendance panel; the page reads: ${await visibleText(frame)}`));
    return frame;
  }

  it('says attendance comes from BigBlueButton before any session ended', async () => {
    const { link } = await classroomActivity();
    const frame = await openAttendanceTab({ ...TEACHER, ...link });
    assert.equal(await frame.getByTestId('attendance-empty').textContent(), ui('attendance.empty'));
    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], formatViolations(violations));
  });

  it('shows the session’s attendees with their metrics and the totals with the grade', async () => {
    const { id, link } = await classroomActivity();
    const { platform, app } = fixture;
    await join(await launchPage(platform, app.url, { ...TEACHER, ...link }), id);
    await join(await launchPage(platform, app.url, { ...LEARNER, ...link }), id);
    const meetingID = `amphi-${id}`;
    await fake.endMeeting(meetingID);
    const person = (sub: string, name: string, moderator: boolean, minutes: number) => ({
      ext_user_id: sub,
      name,
      moderator,
      joins: [rubyTime(T0)],
      leaves: [rubyTime(T0 + minutes * 60_000)],
      duration: minutes * 60,
      recent_talking_time: '',
      engagement: { chats: 4, talks: 2, raisehand: 3, emojis: 0, poll_votes: 1, talk_time: 125 },
    });
    const report = await fake.fireAnalytics(meetingID, [person(TEACHER.sub, TEACHER.name, true, 90), person(LEARNER.sub, LEARNER.name, false, 30)]);
    assert.equal(report.status, 200, await report.clone().text());

    const frame = await openAttendanceTab({ ...TEACHER, ...link });
    const session = frame.getByTestId('attendance-session-table');
    await session.waitFor();
    assert.equal(await frame.getByTestId('attendance-empty').count(), 0);
    const ada = session.locator('tbody tr', { hasText: 'Ada Lovelace' });
    // Durations come from the shared formatter: French puts a no-break space between number and unit.
    const cells = (await ada.locator('th, td').allTextContents()).map((cell) => cell.replace(/\u00a0|\u202f/g, ' '));
    // Joined 10:00 in Paris (09:00Z), left 10:30, 30 min, talk 2 min 5 s (the shared formatter's two largest units), 4 messages, 3 hands, 1 vote.
    assert.deepEqual(cells, ['Ada Lovelace', ui('attendance.role.viewer'), '10:00', '10:30', '30 min', '2 min 5 s', '4', '3', '1']);
    const totals = frame.getByTestId('attendance-totals-table');
    assert.equal(await totals.locator('thead th').last().textContent(), ui('attendance.col.grade', { max: '20' }));
    assert.deepEqual(await totals.locator('tbody tr', { hasText: 'Ada Lovelace' }).locator('th, td').allTextContents(), ['Ada Lovelace', '30', '1', '10']);
    assert.deepEqual(await totals.locator('tbody tr', { hasText: 'Marie Curie' }).locator('td').last().textContent(), ui('attendance.grade.none'));
    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], formatViolations(violations));
  });
});
