/**
 * The classroom's "Recordings" tab in Chromium, framed as Moodle shows it: a page of recordings
 * with previews and counts, Next/Previous, unpublish, protect, an inline rename and a confirmed
 * delete (each announced in the live region and done on the strict fake BBB), and an import into
 * the video library that ends "in the video library"; in French, keyboard only for the rename,
 * accessibility checked.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import type { MessageKey } from '../../tool/src/i18n/en.js';
import { t as translate } from '../../tool/src/i18n/i18n.js';
import { launchPage } from '../support/api-client.js';
import { useFakeBbbFor } from '../support/bbb-fixture.js';
import { startFakeBbb, type FakeBbb } from '../support/fake-bbb/index.js';
import { useRegisteredPlatform } from '../support/lti-fixture.js';
import { generateClip } from '../support/media-fixtures.js';
import { ROLE, type LaunchSpec } from '../support/test-platform.js';
import { CHROMIUM_PATH, formatViolations, isChromiumAvailable, launchChromium } from './chromium.js';
import { checkFrameAccessibility, openCoursePage, visibleText } from './lms-browser.js';

const skip = isChromiumAvailable() ? false : `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped`;
const COURSE = { id: 'math101', title: 'Probabilités', label: 'MATH101' };
const TEACHER = { sub: 'teacher-lea', name: 'Léa Dubois', roles: [ROLE.instructor], context: COURSE };
const HOUR = 3_600_000;

const ui = (key: MessageKey, params: Record<string, string> = {}) => translate('fr', key, params);

describe('the classroom’s recordings tab (Chromium)', { skip }, () => {
  const fixture = useRegisteredPlatform({ JOBS_POLL_MS: '100' });
  let bbb: FakeBbb;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  before(async () => {
    browser = await launchChromium();
    bbb = await startFakeBbb();
  });
  after(async () => {
    await context?.close();
    await browser?.close();
    await bbb.close();
  });
  beforeEach(async () => {
    await context?.close();
    context = undefined;
  });

  async function classroomActivity(): Promise<{ id: string; spec: LaunchSpec }> {
    const { platform, app } = fixture;
    const api = await launchPage(platform, app.url, { ...TEACHER, messageType: 'LtiDeepLinkingRequest' });
    const created = await api.api('POST', '/api/resources', { kind: 'classroom', title: 'Classe virtuelle' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const platformId = (await app.ctx.db.selectFrom('resources').select('platform_id').where('id', '=', created.body.id).executeTakeFirstOrThrow()).platform_id;
    await useFakeBbbFor(app.ctx, platformId, bbb);
    return { id: created.body.id, spec: { ...TEACHER, locale: 'fr-FR', resourceLink: { id: `rl-${created.body.id}`, title: 'Classe' }, custom: { amphi_resource_id: created.body.id } } };
  }

  async function openRecordingsTab(spec: LaunchSpec): Promise<Frame> {
    context = await browser!.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 1280, height: 1600 } });
    const page: Page = await context.newPage();
    const frame = await openCoursePage(page, fixture.platform.prepareLaunch(fixture.app.url, spec, { loginMethod: 'POST' }));
    await frame.getByTestId('resource-tab-recordings').click();
    await frame.getByTestId('recordings-panel').waitFor().catch(async () => assert.fail(`no recordings panel; the page reads: ${await visibleText(frame)}`));
    return frame;
  }

  it('pages through the recordings, unpublishes, protects, renames with the keyboard and deletes after confirming', async () => {
    const { id, spec } = await classroomActivity();
    const base = Date.now() - 30 * 24 * HOUR;
    const ids = Array.from({ length: 12 }, (_, i) =>
      bbb.addRecording({ meetingID: `amphi-${id}`, name: `Séance ${i + 1}`, startTime: base + i * 24 * HOUR, endTime: base + i * 24 * HOUR + 90 * 60_000 }),
    );
    const frame = await openRecordingsTab(spec);
    const rows = frame.getByTestId('recording');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 10);
    assert.equal(await frame.getByTestId('recordings-range').textContent(), ui('recordings.range', { from: '1', to: '10', total: '12' }));
    assert.equal(await rows.first().locator('img').getAttribute('alt'), ui('recordings.thumbnailAlt', { name: 'Séance 1' }));
    assert.match((await rows.first().textContent()) ?? '', /1\s+h\s+30\s+min/);

    await frame.getByTestId('recordings-next').click();
    await frame.getByTestId('recordings-range').filter({ hasText: ui('recordings.range', { from: '11', to: '12', total: '12' }) }).waitFor();
    // The list re-renders after the range line: wait for the first page's rows to go.
    await rows.nth(2).waitFor({ state: 'detached' });
    assert.equal(await rows.count(), 2);
    await frame.getByTestId('recordings-previous').click();
    await frame.getByTestId('recordings-range').filter({ hasText: ui('recordings.range', { from: '1', to: '10', total: '12' }) }).waitFor();

    const first = frame.locator(`[data-record-id="${ids[0]}"]`);
    await first.getByTestId('recording-publish').click();
    await frame.getByTestId('recordings-news').filter({ hasText: ui('recordings.news.unpublished', { name: 'Séance 1' }) }).waitFor();
    assert.equal(bbb.recording(ids[0]!)!.state, 'unpublished');
    assert.equal(await first.getByTestId('recording-state').textContent(), ui('recordings.state.unpublished'));

    await first.getByTestId('recording-protect').click();
    await first.getByTestId('recording-protected').waitFor();
    assert.equal(bbb.recording(ids[0]!)!.protected, true);

    // Rename with the keyboard only: Enter opens the form (focus lands in the field), Enter saves.
    await first.getByTestId('recording-rename').focus();
    await frame.page().keyboard.press('Enter');
    const input = first.getByTestId('recording-rename-input');
    await input.waitFor();
    assert.equal(await input.evaluate((el) => el === document.activeElement), true);
    await frame.page().keyboard.press('Control+A');
    await frame.page().keyboard.type('Séance 1 : la loi normale');
    await frame.page().keyboard.press('Enter');
    await first.getByTestId('recording-name').filter({ hasText: 'Séance 1 : la loi normale' }).waitFor();
    assert.equal(bbb.recording(ids[0]!)!.metadata['bbb-recording-name'], 'Séance 1 : la loi normale');

    const second = frame.locator(`[data-record-id="${ids[1]}"]`);
    await second.getByTestId('recording-delete').click();
    await second.getByTestId('recording-delete-no').click();
    assert.equal(bbb.recording(ids[1]!)!.state, 'published');
    await second.getByTestId('recording-delete').click();
    await second.getByTestId('recording-delete-yes').click();
    await frame.getByTestId('recordings-news').filter({ hasText: ui('recordings.news.deleted', { name: 'Séance 2' }) }).waitFor();
    assert.equal(bbb.recording(ids[1]!)!.state, 'deleted');
    await frame.getByTestId('recordings-range').filter({ hasText: ui('recordings.range', { from: '1', to: '10', total: '11' }) }).waitFor();

    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], formatViolations(violations));
  });

  it('shows learners the published recordings under the room, to play, without the teacher’s actions', async () => {
    const { id, spec } = await classroomActivity();
    bbb.addRecording({ meetingID: `amphi-${id}`, name: 'Séance publiée', formats: ['presentation'] });
    bbb.addRecording({ meetingID: `amphi-${id}`, name: 'Séance retirée', formats: ['presentation'], published: false });
    context = await browser!.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const learner = { ...spec, sub: 'learner-ines', name: 'Inès Martin', roles: [ROLE.learner] };
    const frame = await openCoursePage(await context.newPage(), fixture.platform.prepareLaunch(fixture.app.url, learner, { loginMethod: 'POST' }));
    await frame.getByTestId('learner-classroom').waitFor();
    const row = frame.getByTestId('recording').filter({ hasText: 'Séance publiée' });
    await row.waitFor();
    assert.equal(await frame.getByTestId('recording').count(), 1, 'the unpublished one is not listed');
    assert.equal(await row.getByTestId('recording-publish').count(), 0);
    assert.equal(await row.getByTestId('recording-rename').count(), 0);
    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], formatViolations(violations));
  });

  it('imports a recording into the video library and says when it is there', async () => {
    const { id, spec } = await classroomActivity();
    const clip = await generateClip({ seconds: 2 });
    bbb.addRecording({ meetingID: `amphi-${id}`, name: 'Séance vidéo', formats: ['presentation', 'video'], videoFile: clip });
    bbb.addRecording({ meetingID: `amphi-${id}`, name: 'Séance sans vidéo', formats: ['presentation'], startTime: Date.now() - HOUR });
    const frame = await openRecordingsTab(spec);
    const withVideo = frame.getByTestId('recording').filter({ hasText: 'Séance vidéo' });
    const without = frame.getByTestId('recording').filter({ hasText: 'Séance sans vidéo' });
    await without.getByTestId('recording-import-unavailable').waitFor();
    await withVideo.getByTestId('recording-import').click();
    await frame.getByTestId('recordings-news').filter({ hasText: ui('recordings.news.importQueued', { name: 'Séance vidéo' }) }).waitFor();
    const status = withVideo.locator('[data-testid="recording-import-status"][data-status="done"]');
    await status.waitFor({ timeout: 30_000 });
    assert.equal(await status.textContent(), ui('recordings.import.done'));
    await frame.getByTestId('recordings-news').filter({ hasText: ui('recordings.news.imported', { name: 'Séance vidéo' }) }).waitFor();
    const violations = await checkFrameAccessibility(frame);
    assert.deepEqual(violations, [], formatViolations(violations));
  });
});
