import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ResourceRow } from '../../../../src/content/resource.table.js';
import { removeBbbServer } from '../../../../src/classroom/servers/bbb-server.service.js';
import { useFakeBbbFor } from '../../../support/bbb-fixture.js';
import { startFakeBbb, type FakeBbb } from '../../../support/fake-bbb/index.js';
import { createResource, launchPerson, type LaunchedPerson } from '../../../support/factories.js';
import { useRegisteredPlatform } from '../../../support/lti-fixture.js';
import { ROLE, TestPlatform } from '../../../support/test-platform.js';
import { api, recordingsPath } from './recordings-client.js';

const HOUR = 3_600_000;

describe('classroom recordings: list, publish, protect, rename, delete', () => {
  const t = useRegisteredPlatform({ CLASSROOM_BBB_TIMEOUT_MS: '300' });
  let bbb: FakeBbb;
  let teacher: LaunchedPerson;
  let learner: LaunchedPerson;
  let classroom: ResourceRow;
  const meetingId = () => `amphi-${classroom.id}`;

  before(async () => {
    bbb = await startFakeBbb();
  });
  after(async () => {
    await bbb.close();
  });

  beforeEach(async () => {
    bbb.setMode('ok');
    teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
    learner = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'learner-1', roles: [ROLE.learner] });
    classroom = await createResource(t.app.ctx.db, {
      platform_id: teacher.platformId,
      context_id: teacher.contextId,
      created_by: teacher.userId,
      kind: 'classroom',
      title: 'Amphi de probabilités',
      gradable: false,
      score_maximum: null,
      settings: JSON.stringify({}),
    });
    await useFakeBbbFor(t.app.ctx, teacher.platformId, bbb);
  });

  /** `count` recordings of the classroom, one an hour apart, the oldest first. */
  function addRecordings(count: number, spec: { published?: boolean; formats?: ('presentation' | 'video')[] } = {}): string[] {
    const base = Date.now() - 10 * 24 * HOUR - Math.floor(Math.random() * 1000) * HOUR;
    return Array.from({ length: count }, (_, i) =>
      bbb.addRecording({ meetingID: meetingId(), name: `Séance ${i + 1}`, startTime: base + i * HOUR, endTime: base + i * HOUR + 45 * 60_000, ...spec }),
    );
  }

  it('lists a page of the classroom’s recordings with the total, names, durations, formats and previews', async () => {
    const ids = addRecordings(5);
    bbb.addRecording({ meetingID: 'amphi-another-classroom', name: 'Pas la nôtre' });
    const first = await api(t.app.url, teacher.token, 'GET', recordingsPath(classroom.id, '?offset=0&limit=2'));
    assert.equal(first.status, 200);
    assert.equal(first.body.total, 5);
    assert.equal(first.body.canEdit, true);
    assert.deepEqual(first.body.items.map((r: any) => r.recordId), ids.slice(0, 2));
    const item = first.body.items[0];
    assert.equal(item.name, 'Séance 1');
    assert.equal(item.durationSeconds, 45 * 60);
    assert.equal(item.published, true);
    assert.equal(item.state, 'published');
    assert.equal(item.formats[0].type, 'presentation');
    assert.match(item.formats[0].url, /\/playback\/presentation\/2\.3\//);
    assert.equal(item.formats[0].previewImages.length, 3);
    assert.equal(item.importable, false);
    assert.equal(item.import, null);
    const last = await api(t.app.url, teacher.token, 'GET', recordingsPath(classroom.id, '?offset=4&limit=2'));
    assert.deepEqual(last.body.items.map((r: any) => r.recordId), [ids[4]]);
    assert.equal(last.body.total, 5);
  });

  it('shows learners the published recordings only, without import details', async () => {
    const [published] = addRecordings(1);
    addRecordings(1, { published: false });
    const teacherView = await api(t.app.url, teacher.token, 'GET', recordingsPath(classroom.id));
    assert.equal(teacherView.body.total, 2);
    const learnerView = await api(t.app.url, learner.token, 'GET', recordingsPath(classroom.id));
    assert.equal(learnerView.status, 200);
    assert.equal(learnerView.body.canEdit, false);
    assert.deepEqual(learnerView.body.items.map((r: any) => r.recordId), [published]);
    assert.equal(learnerView.body.items[0].import, null);
  });

  it('publishes, unpublishes, protects and renames on BigBlueButton, and answers the changed recording', async () => {
    const [id] = addRecordings(1);
    const unpublish = await api(t.app.url, teacher.token, 'PATCH', recordingsPath(classroom.id, `/${id}`), { published: false });
    assert.equal(unpublish.status, 200);
    assert.equal(unpublish.body.published, false);
    assert.equal(bbb.recording(id!)!.state, 'unpublished');
    const learnerView = await api(t.app.url, learner.token, 'GET', recordingsPath(classroom.id));
    assert.equal(learnerView.body.items.length, 0);

    const both = await api(t.app.url, teacher.token, 'PATCH', recordingsPath(classroom.id, `/${id}`), { published: true, protected: true, name: 'Séance 1 : la loi normale' });
    assert.equal(both.status, 200);
    assert.equal(bbb.recording(id!)!.state, 'published');
    assert.equal(bbb.recording(id!)!.protected, true);
    assert.equal(bbb.recording(id!)!.metadata['bbb-recording-name'], 'Séance 1 : la loi normale');
    assert.equal(both.body.name, 'Séance 1 : la loi normale');
    assert.equal(both.body.protected, true);

    const unprotect = await api(t.app.url, teacher.token, 'PATCH', recordingsPath(classroom.id, `/${id}`), { protected: false });
    assert.equal(unprotect.body.protected, false);
    assert.equal(bbb.recording(id!)!.protected, false);
  });

  it('deletes a recording on BigBlueButton', async () => {
    const [id, kept] = addRecordings(2);
    const res = await api(t.app.url, teacher.token, 'DELETE', recordingsPath(classroom.id, `/${id}`));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { recordId: id, deleted: true });
    assert.equal(bbb.recording(id!)!.state, 'deleted');
    const list = await api(t.app.url, teacher.token, 'GET', recordingsPath(classroom.id));
    assert.deepEqual(list.body.items.map((r: any) => r.recordId), [kept]);
    const again = await api(t.app.url, teacher.token, 'DELETE', recordingsPath(classroom.id, `/${id}`));
    assert.equal(again.status, 404);
    assert.equal(again.body.code, 'recording-not-found');
  });

  it('refuses, as not found, a recording of another classroom', async () => {
    const other = bbb.addRecording({ meetingID: 'amphi-another-classroom', name: 'Pas la nôtre' });
    for (const [method, rest, body] of [
      ['PATCH', `/${other}`, { published: false }],
      ['DELETE', `/${other}`, undefined],
      ['POST', `/${other}/import`, undefined],
    ] as const) {
      const res = await api(t.app.url, teacher.token, method, recordingsPath(classroom.id, rest), body);
      assert.equal(res.status, 404, `${method} ${rest}`);
      assert.equal(res.body.code, 'recording-not-found');
      assert.match(res.type, /application\/problem\+json/);
    }
    assert.equal(bbb.recording(other)!.state, 'published');
  });

  it('refuses a classroom of another platform as not found', async () => {
    const [id] = addRecordings(1);
    const otherPlatform = await TestPlatform.start();
    try {
      await t.app.register(otherPlatform);
      const stranger = await launchPerson(t.app.ctx.db, otherPlatform, t.app.url, { sub: 'teacher-9', roles: [ROLE.instructor] });
      await useFakeBbbFor(t.app.ctx, stranger.platformId, bbb);
      const list = await api(t.app.url, stranger.token, 'GET', recordingsPath(classroom.id));
      assert.equal(list.status, 404);
      assert.equal(list.body.code, 'resource-not-found');
      const change = await api(t.app.url, stranger.token, 'PATCH', recordingsPath(classroom.id, `/${id}`), { published: false });
      assert.equal(change.status, 404);
      assert.equal(bbb.recording(id!)!.state, 'published');
    } finally {
      await otherPlatform.close();
    }
  });

  it('lets only the classroom’s teachers act: learners are refused', async () => {
    const [id] = addRecordings(1);
    for (const [method, rest, body] of [
      ['PATCH', `/${id}`, { published: false }],
      ['DELETE', `/${id}`, undefined],
      ['POST', `/${id}/import`, undefined],
    ] as const) {
      const res = await api(t.app.url, learner.token, method, recordingsPath(classroom.id, rest), body);
      assert.equal(res.status, 403, `${method} ${rest}`);
    }
    assert.equal(bbb.recording(id!)!.state, 'published');
  });

  it('answers 404 for a resource that is not a classroom', async () => {
    const video = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId });
    const res = await api(t.app.url, teacher.token, 'GET', recordingsPath(video.id));
    assert.equal(res.status, 404);
    assert.equal(res.body.code, 'recording-not-a-classroom');
  });

  it('validates the request: paging bounds, a bad recording id, an empty change', async () => {
    const [id] = addRecordings(1);
    for (const [method, rest, body] of [
      ['GET', '?limit=0', undefined],
      ['GET', '?limit=1000', undefined],
      ['GET', '?offset=-1', undefined],
      ['PATCH', `/${id}`, {}],
      ['PATCH', `/${id}`, { name: ' ' }],
      ['PATCH', `/${id}`, { published: 'yes' }],
      ['PATCH', `/${id}`, { state: 'deleted' }],
      ['PATCH', '/a,b', { published: true }],
    ] as const) {
      const res = await api(t.app.url, teacher.token, method, recordingsPath(classroom.id, rest), body);
      assert.equal(res.status, 400, `${method} ${rest} ${JSON.stringify(body)}`);
      assert.equal(res.body.code, 'invalid-request');
    }
  });

  it('lists nothing, without an error, when the platform has no BigBlueButton server (and says so)', async () => {
    await removeBbbServer(t.app.ctx, teacher.platformId);
    for (const person of [teacher, learner]) {
      const res = await api(t.app.url, person.token, 'GET', recordingsPath(classroom.id));
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual({ items: res.body.items, total: res.body.total, serverConfigured: res.body.serverConfigured }, { items: [], total: 0, serverConfigured: false });
    }
    await useFakeBbbFor(t.app.ctx, teacher.platformId, bbb);
    assert.equal((await api(t.app.url, teacher.token, 'GET', recordingsPath(classroom.id))).body.serverConfigured, true);
  });

  it('answers 502 with a clear message when BigBlueButton answers an HTML page, an error or nothing', async () => {
    const [id] = addRecordings(1);
    for (const mode of ['html', 'http-500', 'timeout'] as const) {
      bbb.setMode(mode);
      const list = await api(t.app.url, teacher.token, 'GET', recordingsPath(classroom.id));
      assert.equal(list.status, 502, mode);
      assert.equal(list.body.code, 'external-service');
      assert.match(list.body.detail, /BigBlueButton/);
      const change = await api(t.app.url, teacher.token, 'PATCH', recordingsPath(classroom.id, `/${id}`), { published: false });
      assert.equal(change.status, 502, mode);
    }
    bbb.setMode('ok');
    assert.equal(bbb.recording(id!)!.state, 'published');
  });
});
