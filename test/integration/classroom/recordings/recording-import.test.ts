import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ResourceRow } from '../../../../src/content/resource.table.js';
import { useFakeBbbFor } from '../../../support/bbb-fixture.js';
import { startFakeBbb, type FakeBbb } from '../../../support/fake-bbb/index.js';
import { createResource, eventually, launchPerson, type LaunchedPerson } from '../../../support/factories.js';
import { useRegisteredPlatform } from '../../../support/lti-fixture.js';
import { generateClip, writeFakeFile } from '../../../support/media-fixtures.js';
import { ROLE } from '../../../support/test-platform.js';
import { waitForVideo } from '../../../support/video-client.js';
import { api, recordingsPath } from './recordings-client.js';

const VTT_FR = 'WEBVTT\n\n00:00.000 --> 00:01.500\nBonjour à toutes et à tous.\n';

describe('classroom recordings: import into the video library', () => {
  const t = useRegisteredPlatform({ JOBS_POLL_MS: '100', JOBS_RETRY_BASE_MS: '50' });
  let bbb: FakeBbb;
  let clip: string;
  let teacher: LaunchedPerson;
  let classroom: ResourceRow;

  before(async () => {
    bbb = await startFakeBbb();
    clip = await generateClip({ seconds: 2, width: 320, height: 180 });
  });
  after(async () => {
    await bbb.close();
  });

  beforeEach(async () => {
    teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
    classroom = await createResource(t.app.ctx.db, {
      platform_id: teacher.platformId,
      context_id: teacher.contextId,
      created_by: teacher.userId,
      kind: 'classroom',
      title: 'Amphi de probabilités',
      gradable: false,
      score_maximum: null,
      settings: JSON.stringify({ timeZone: 'Europe/Paris' }),
    });
    await useFakeBbbFor(t.app.ctx, teacher.platformId, bbb);
  });

  const row = (recordId: string) =>
    t.app.ctx.db.selectFrom('classroom_recordings').selectAll().where('platform_id', '=', teacher.platformId).where('record_id', '=', recordId).executeTakeFirst();
  const finished = (recordId: string) =>
    eventually(`import of ${recordId} to finish`, async () => {
      const r = await row(recordId);
      return r && (r.import_status === 'done' || r.import_status === 'failed') ? r : undefined;
    }, 30_000);

  it('downloads the video format’s MP4, creates a video in the course and transcodes it to ready, captions kept', async () => {
    const startTime = Date.UTC(2026, 2, 9, 13, 0);
    const id = bbb.addRecording({
      meetingID: `amphi-${classroom.id}`,
      name: 'Séance 3',
      formats: ['presentation', 'video'],
      videoFile: clip,
      captions: [{ locale: 'fr-FR', label: 'Français', vtt: VTT_FR }],
      startTime,
      endTime: startTime + 2000,
    });
    const asked = await api(t.app.url, teacher.token, 'POST', recordingsPath(classroom.id, `/${id}/import`));
    assert.equal(asked.status, 202);
    assert.equal(asked.body.import.status, 'queued');
    assert.equal(asked.body.importable, true);

    const done = await finished(id);
    assert.equal(done.import_status, 'done', `import failed: ${done.import_error}`);
    assert.equal(done.imported_by, teacher.userId);
    const videoId = done.imported_resource_id!;
    const video = await t.app.ctx.db.selectFrom('resources').selectAll().where('id', '=', videoId).executeTakeFirstOrThrow();
    assert.equal(video.kind, 'video');
    assert.equal(video.context_id, classroom.context_id);
    assert.equal(video.created_by, teacher.userId);
    // 13:00 UTC on 9 March is 14:00 in Paris, the classroom's time zone.
    assert.equal(video.title, 'Séance 3 – 2026-03-09 14:00');

    const ready = await waitForVideo(t.app.url, teacher.token, videoId, (v) => v.status === 'ready' && v.processing === null, 90_000);
    assert.ok(ready.media && ready.media.durationSeconds > 1);
    const media = await t.app.ctx.db.selectFrom('video_media').selectAll().where('resource_id', '=', videoId).executeTakeFirstOrThrow();
    // Stored as the media's track (src/captions), marked as imported.
    const stored = await t.app.ctx.db.selectFrom('caption_tracks').selectAll().where('media_id', '=', media.id).execute();
    assert.deepEqual(stored.map((s) => [s.lang, s.label, s.kind, s.source, s.cue_count]), [['fr-FR', 'Français', 'captions', 'imported', 1]]);
    // The player lists the track, and its signed URL serves the recording's own text.
    assert.deepEqual(ready.captions.map((c) => [c.lang, c.label]), [['fr-FR', 'Français']]);
    const track = await fetch(ready.captions[0]!.url);
    assert.equal(track.status, 200);
    assert.match(track.headers.get('content-type') ?? '', /^text\/vtt/);
    assert.equal(await track.text(), 'WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nBonjour à toutes et à tous.\n');
    const forged = await fetch(ready.captions[0]!.url.replace(/\/v1\.vtt$/, '/..%2Fsource.vtt'));
    assert.ok([403, 404].includes(forged.status), `a path outside the captions folder is refused (got ${forged.status})`);

    const list = await api(t.app.url, teacher.token, 'GET', recordingsPath(classroom.id));
    assert.deepEqual(list.body.items[0].import, { status: 'done', error: null, videoResourceId: videoId });
    const again = await api(t.app.url, teacher.token, 'POST', recordingsPath(classroom.id, `/${id}/import`));
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'recording-import-exists');
  });

  it('refuses a recording without the video format with 409 and a clear message, queuing nothing', async () => {
    const id = bbb.addRecording({ meetingID: `amphi-${classroom.id}`, name: 'Séance 4', formats: ['presentation'] });
    const res = await api(t.app.url, teacher.token, 'POST', recordingsPath(classroom.id, `/${id}/import`));
    assert.equal(res.status, 409);
    assert.equal(res.body.code, 'recording-no-video-format');
    assert.match(res.body.detail, /video/);
    assert.equal(await row(id), undefined);
    const jobs = await t.app.ctx.db.selectFrom('jobs').select('id').where('name', '=', 'import-recording').execute();
    assert.equal(jobs.length, 0);
  });

  it('marks the import failed with the reason when the MP4 cannot be downloaded, and imports on a retry once it can', async () => {
    const id = bbb.addRecording({ meetingID: `amphi-${classroom.id}`, name: 'Séance 5', formats: ['video'] });
    assert.equal((await api(t.app.url, teacher.token, 'POST', recordingsPath(classroom.id, `/${id}/import`))).status, 202);
    const failed = await finished(id);
    assert.equal(failed.import_status, 'failed');
    assert.match(failed.import_error ?? '', /HTTP 404/);
    assert.equal(failed.imported_resource_id, null);
    const videos = await t.app.ctx.db.selectFrom('resources').select('id').where('kind', '=', 'video').execute();
    assert.equal(videos.length, 0, 'nothing half-created');
    const list = await api(t.app.url, teacher.token, 'GET', recordingsPath(classroom.id));
    assert.equal(list.body.items[0].import.status, 'failed');
    assert.match(list.body.items[0].import.error, /HTTP 404/);

    bbb.recording(id)!.videoFile = clip;
    assert.equal((await api(t.app.url, teacher.token, 'POST', recordingsPath(classroom.id, `/${id}/import`))).status, 202);
    const done = await finished(id);
    assert.equal(done.import_status, 'done', `retry failed: ${done.import_error}`);
  });

  it('marks the import failed when the file is not a playable video', async () => {
    const notVideo = await writeFakeFile('not-a-video.m4v', 'this is no video at all');
    const id = bbb.addRecording({ meetingID: `amphi-${classroom.id}`, name: 'Séance 6', formats: ['video'], videoFile: notVideo });
    assert.equal((await api(t.app.url, teacher.token, 'POST', recordingsPath(classroom.id, `/${id}/import`))).status, 202);
    const failed = await finished(id);
    assert.equal(failed.import_status, 'failed');
    assert.match(failed.import_error ?? '', /not a playable video/);
    assert.equal((await t.app.ctx.db.selectFrom('video_media').select('id').execute()).length, 0);
  });
});
