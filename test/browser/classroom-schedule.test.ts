/**
 * The classroom's "Sessions and settings" tab in Chromium, framed as Moodle shows it: a weekly
 * session built with the editor (days, dates, an exception refused by the server's rules at its
 * field, then fixed), the next sessions listed in the viewer’s time zone, a presentation sent
 * and removed, a refused file explained in French; accessibility checked.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { MessageKey } from '../../tool/src/i18n/en.js';
import { t as translate } from '../../tool/src/i18n/i18n.js';
import { launchPage, type LaunchedPage } from '../support/api-client.js';
import { useRegisteredPlatform } from '../support/lti-fixture.js';
import { ROLE, type LaunchSpec } from '../support/test-platform.js';
import { pdfFile } from '../unit/classroom/schedule/classroom-documents.js';
import { CHROMIUM_PATH, formatViolations, isChromiumAvailable, launchChromium } from './chromium.js';
import { checkFrameAccessibility, openCoursePage, visibleText } from './lms-browser.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;
const COURSE = { id: 'math101', title: 'Probabilités', label: 'MATH101' };
const TEACHER = { sub: 'teacher-lea', name: 'Léa Dubois', roles: [ROLE.instructor], context: COURSE };

const ui = (locale: 'fr' | 'en', key: MessageKey, params: Record<string, string> = {}) => translate(locale, key, params);

/** YYYY-MM-DD of `days` after today (UTC), and the first date from there that falls on ISO weekday `weekday`. */
function isoDay(days: number): string {
  return new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
}
function nextWeekday(fromDays: number, weekday: number): string {
  for (let d = fromDays; ; d++) {
    const date = new Date(Date.now() + d * 86400_000);
    if ((date.getUTCDay() || 7) === weekday) return date.toISOString().slice(0, 10);
  }
}

describe('the classroom’s sessions and settings tab (Chromium)', { skip }, () => {
  const fixture = useRegisteredPlatform();
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
  });
  beforeEach(async () => {
    await context?.close();
    context = undefined;
  });

  async function newPage(locale: string): Promise<Page> {
    context = await browser!.newContext({ locale, timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 1600 } });
    return context.newPage();
  }

  async function classroomActivity(locale: string): Promise<{ id: string; spec: LaunchSpec; api: LaunchedPage }> {
    const { platform, app } = fixture;
    const api = await launchPage(platform, app.url, { ...TEACHER, messageType: 'LtiDeepLinkingRequest' });
    const created = await api.api('POST', '/api/resources', { kind: 'classroom', title: 'Classe virtuelle', gradable: true, scoreMaximum: 20 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return { id: created.body.id, api, spec: { ...TEACHER, locale, resourceLink: { id: `rl-${created.body.id}`, title: 'Classe' }, custom: { amphi_resource_id: created.body.id } } };
  }

  async function openSessionsTab(page: Page, spec: LaunchSpec): Promise<Frame> {
    const frame = await openCoursePage(page, fixture.platform.prepareLaunch(fixture.app.url, spec, { loginMethod: 'POST' }));
    await frame.getByTestId('resource-tab-sessions').click();
    await frame.getByTestId('schedule-form').waitFor().catch(async () => assert.fail(`no sessions editor; the page reads: ${await visibleText(frame)}`));
    return frame;
  }

  it('builds a weekly session, shows the server’s refusal of an exception at its field in French, then saves and lists the next sessions', async () => {
    const { id, spec, api } = await classroomActivity('fr-FR');
    const frame = await openSessionsTab(await newPage('fr-FR'), spec);
    assert.equal(await frame.getByTestId('schedule-upcoming').locator('p').first().textContent(), ui('fr', 'schedule.upcoming.always'));

    await frame.getByTestId('schedule-add-weekly').click();
    const session = frame.getByTestId('schedule-session-0');
    // Saved empty: the page says what is missing at each field, before asking the server.
    await frame.getByTestId('schedule-save').click();
    await session.locator('.amphi-field-error', { hasText: ui('fr', 'schedule.error.weekdays') }).waitFor();
    assert.equal(await session.locator('.amphi-field-error', { hasText: ui('fr', 'schedule.error.required') }).count(), 2, 'from and until dates');
    const withErrors = await checkFrameAccessibility(frame);
    assert.deepEqual(withErrors, [], `with errors shown:\n${formatViolations(withErrors)}`);
    await session.getByTestId('schedule-session-0-title').fill('Cours magistral');
    await session.getByTestId('schedule-session-0-start').fill('10:00');
    await session.getByTestId('schedule-session-0-duration').fill('90');
    // Keyboard: tick Monday and Wednesday with the space bar.
    await session.getByTestId('schedule-session-0-weekdays-1').focus();
    await frame.page().keyboard.press('Space');
    await session.getByTestId('schedule-session-0-weekdays-3').focus();
    await frame.page().keyboard.press('Space');
    const from = isoDay(1);
    const until = isoDay(60);
    await session.getByTestId('schedule-session-0-from').fill(from);
    await session.getByTestId('schedule-session-0-until').fill(until);
    const tuesday = nextWeekday(8, 2);
    await session.getByTestId('schedule-session-0-exceptions-new').fill(tuesday);
    await session.getByTestId('schedule-session-0-exceptions-new').press('Enter');
    await frame.getByTestId('schedule-save').click();

    const longDate = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${tuesday}T00:00:00Z`));
    const refusal = ui('fr', 'schedule.rule.exception-not-scheduled', { date: longDate });
    await session.locator('.amphi-field-error', { hasText: refusal }).waitFor();
    assert.equal((await api.api('GET', `/api/classrooms/${id}`)).body.settings.sessions.length, 0, 'nothing saved');

    await session.getByRole('button', { name: /Retirer l’exception/ }).click();
    const wednesday = nextWeekday(8, 3);
    await session.getByTestId('schedule-session-0-exceptions-new').fill(wednesday);
    await session.getByTestId('schedule-session-0-exceptions-add').click();
    await frame.getByTestId('schedule-lock-camera').check();
    await frame.getByTestId('schedule-save').click();
    await frame.getByTestId('schedule-status').filter({ hasText: ui('fr', 'schedule.saved') }).waitFor();

    const saved = (await api.api('GET', `/api/classrooms/${id}`)).body;
    assert.deepEqual(saved.settings.sessions.map((s: Record<string, unknown>) => [s.kind, s.title, s.weekdays, s.fromDate, s.untilDate, s.exceptions]), [
      ['weekly', 'Cours magistral', [1, 3], from, until, [wednesday]],
    ]);
    assert.equal(saved.settings.lock.camera, true);
    const items = frame.getByTestId('schedule-upcoming-item');
    await items.first().waitFor();
    assert.equal(await items.count(), 10);
    assert.equal(await items.first().getAttribute('data-start'), saved.schedule.upcoming[0].start);
    // 10:00 in Paris, shown in the viewer's zone (Tokyo: 18:00 in winter, 17:00 in summer); the page says which zone.
    assert.match((await frame.getByTestId('schedule-upcoming').textContent()) ?? '', /Asia\/Tokyo/);
    const tokyo = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' }).format(new Date(saved.schedule.upcoming[0].start));
    assert.match(tokyo, /^1[78]:00$/);
    assert.match((await items.first().textContent()) ?? '', new RegExp(`${tokyo} – `));
    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], formatViolations(violations));
  });

  it('sends a presentation through the file input, removes it, and explains a refused file in French', async () => {
    const { id, spec, api } = await classroomActivity('fr-FR');
    const frame = await openSessionsTab(await newPage('fr-FR'), spec);
    await frame.getByTestId('schedule-presentation-file').setInputFiles({ name: 'page.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!doctype html><html><body>Hi</body></html>') });
    const reason = ui('fr', 'schedule.presentation.refused', { reason: ui('fr', 'schedule.presentation.reason.markup') });
    await frame.getByTestId('schedule-presentation').getByRole('alert').filter({ hasText: reason }).waitFor();
    assert.equal((await api.api('GET', `/api/classrooms/${id}`)).body.presentation, null);

    await frame.getByTestId('schedule-presentation-file').setInputFiles({ name: 'Chapitre 1.pdf', mimeType: 'application/pdf', buffer: pdfFile('Chapitre 1') });
    await frame.getByTestId('schedule-presentation-status').filter({ hasText: ui('fr', 'schedule.presentation.sent', { name: 'Chapitre 1.pdf' }) }).waitFor();
    assert.match((await frame.getByTestId('schedule-presentation-current').textContent()) ?? '', /Chapitre 1\.pdf/);
    assert.equal((await api.api('GET', `/api/classrooms/${id}`)).body.presentation.fileName, 'Chapitre 1.pdf');

    await frame.getByTestId('schedule-presentation-remove').click();
    await frame.getByTestId('schedule-presentation-current').filter({ hasText: ui('fr', 'schedule.presentation.none') }).waitFor();
    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], formatViolations(violations));
  });
});
