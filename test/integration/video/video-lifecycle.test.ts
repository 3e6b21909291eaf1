import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ResourceRow } from '../../../src/content/resource.table.js';
import { findJob } from '../../../src/jobs/job.service.js';
import { createResource, eventually, launchPerson, type LaunchedPerson } from '../../support/factories.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { FFMPEG, generateClip } from '../../support/media-fixtures.js';
import { ROLE } from '../../support/test-platform.js';
import { getVideo, uploadVideo, waitForVideo } from '../../support/video-client.js';
import type { VideoResponse } from '../../../src/video/video.view.js';

/**
 * An ffmpeg that behaves like the real one (it execs it) except for the pass that encodes the
 * 360p rendition (the full ladder of a 640x360 clip): while `hold` exists it waits, and when
 * `fail` exists it fails as ffmpeg does on a full disk.
 */
const control = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-ffmpeg-ctl-'));
const wrapper = path.join(control, 'ffmpeg');
fs.writeFileSync(
  wrapper,
  `#!/bin/bash
case " $* " in *360p*)
  while [ -e "${control}/hold" ]; do sleep 0.1; done
  if [ -e "${control}/fail" ]; then
    echo "[hls @ 0x55d0c0a1b2c0] Failed to open file '360p/seg_001.m4s'" >&2
    echo "[out#0/hls @ 0x55d0c0a1b2c0] Error writing trailer: No space left on device" >&2
    exit 1
  fi;;
esac
exec ${FFMPEG} "$@"
`,
  { mode: 0o755 },
);
const hold = (on: boolean) => (on ? fs.writeFileSync(path.join(control, 'hold'), '') : fs.rmSync(path.join(control, 'hold'), { force: true }));
const failing = (on: boolean) => (on ? fs.writeFileSync(path.join(control, 'fail'), '') : fs.rmSync(path.join(control, 'fail'), { force: true }));

/** Replacing, failing, retrying, cancelling and recovering transcodes, as teachers and learners see them. */
describe('video processing lifecycle', () => {
  const t = useRegisteredPlatform({ FFMPEG_PATH: wrapper, JOBS_POLL_MS: '100', JOBS_RETRY_BASE_MS: '20' });
  let clip: string;
  let teacher: LaunchedPerson;
  let learner: LaunchedPerson;
  let resource: ResourceRow;
  const mediaFiles = () => {
    const root = path.join(t.app.config.dataDir, 'media');
    // Files come and go while a job runs: list without a separate stat.
    if (!fs.existsSync(root)) return [];
    return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.relative(root, path.join(d.parentPath ?? d.path, d.name)));
  };
  const video = async (who = teacher): Promise<VideoResponse> => (await getVideo(t.app.url, who.token, resource.id)).body;
  const fullyReady = (v: VideoResponse) => v.status === 'ready' && v.processing === null;

  before(async () => {
    clip = await generateClip({ width: 640, height: 360, seconds: 2, name: 'ladder-640x360' });
  });
  after(() => fs.rmSync(control, { recursive: true, force: true }));
  beforeEach(async () => {
    hold(false);
    failing(false);
    teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
    learner = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'learner-1', roles: [ROLE.learner] });
    resource = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId });
  });

  it('publishes the first rendition of a first upload before the full ladder, and keeps the old media until a replacement is ready', async () => {
    hold(true);
    assert.equal((await uploadVideo(t.app.url, teacher.token, resource.id, clip)).status, 204);
    const early = await waitForVideo(t.app.url, learner.token, resource.id, (v) => v.status === 'ready');
    assert.deepEqual(early.media!.renditions.map((r) => r.name), ['240p'], 'learners watch the lowest rendition while the rest encodes');
    assert.equal((await fetch(early.media!.masterUrl)).status, 200);
    const forTeacher = await video();
    assert.equal(forTeacher.processing?.status, 'transcoding');
    hold(false);
    const first = await waitForVideo(t.app.url, teacher.token, resource.id, fullyReady);
    assert.deepEqual(first.media!.renditions.map((r) => r.name), ['240p', '360p']);
    assert.equal(first.media!.id, early.media!.id);

    // A replacement: the published media stays while the new one is prepared.
    hold(true);
    assert.equal((await uploadVideo(t.app.url, teacher.token, resource.id, clip, { fileName: 'v2.mp4' })).status, 204);
    const during = await waitForVideo(t.app.url, teacher.token, resource.id, (v) => v.processing?.status === 'transcoding');
    assert.equal(during.media!.id, first.media!.id, 'the old media is still the one played');
    assert.equal(during.processing!.fileName, 'v2.mp4');
    assert.deepEqual(during.media!.renditions.map((r) => r.name), ['240p', '360p'], 'no first-rendition swap over a published media');
    hold(false);
    const replaced = await waitForVideo(t.app.url, teacher.token, resource.id, (v) => fullyReady(v) && v.media!.id !== first.media!.id);
    assert.deepEqual(replaced.media!.renditions.map((r) => r.name), ['240p', '360p']);
    assert.equal((await fetch(first.media!.masterUrl)).status, 200, 'a player mid-watch keeps its (retired) stream for a grace period');
    const rows = await t.app.ctx.db.selectFrom('video_media').select(['id', 'state', 'status']).where('resource_id', '=', resource.id).orderBy('created_at').execute();
    assert.deepEqual(rows.map((r) => [r.state, r.status]), [['retired', 'ready'], ['published', 'ready']]);
  });

  it('fails with ffmpeg’s reason on the last attempt, publishes nothing half-done, and a retry works', async () => {
    failing(true);
    assert.equal((await uploadVideo(t.app.url, teacher.token, resource.id, clip)).status, 204);
    const failed = await waitForVideo(t.app.url, teacher.token, resource.id, (v) => v.status === 'failed', 120_000);
    assert.equal(failed.media, null, 'the first rendition published meanwhile is withdrawn');
    assert.equal(failed.processing!.status, 'failed');
    assert.match(failed.processing!.error!, /No space left on device/);
    assert.equal(failed.processing!.canRetry, true);
    assert.equal((await video(learner)).status, 'failed');
    const mine = () => mediaFiles().filter((f) => f.includes(failed.processing!.mediaId));
    await eventually('the partial outputs removed', () => mine().length === 1);
    assert.deepEqual(mine().map((f) => path.basename(f)), ['source'], 'only the source is kept for a retry');
    const row = await t.app.ctx.db.selectFrom('video_media').selectAll().where('resource_id', '=', resource.id).executeTakeFirstOrThrow();
    // The job itself ends just after the handler marked the media.
    await eventually('the job failed', async () => (await findJob(t.app.ctx.db, row.job_id!))?.status === 'failed');

    failing(false);
    const retried = await teacher.api('POST', `/api/videos/${resource.id}/processing/retry`);
    assert.equal(retried.status, 200, JSON.stringify(retried.body));
    assert.ok(['uploaded', 'transcoding'].includes(retried.body.processing.status));
    const ready = await waitForVideo(t.app.url, teacher.token, resource.id, fullyReady);
    assert.deepEqual(ready.media!.renditions.map((r) => r.name), ['240p', '360p']);
    assert.equal((await teacher.api('POST', `/api/videos/${resource.id}/processing/retry`)).status, 409, 'nothing left to retry');

    // A failed replacement leaves the published media untouched.
    failing(true);
    assert.equal((await uploadVideo(t.app.url, teacher.token, resource.id, clip)).status, 204);
    const second = await waitForVideo(t.app.url, teacher.token, resource.id, (v) => v.processing?.status === 'failed', 120_000);
    assert.equal(second.status, 'ready');
    assert.equal(second.media!.id, ready.media!.id);
    assert.equal((await fetch(second.media!.masterUrl)).status, 200);
  });

  it('cancels the media being prepared and removes it', async () => {
    hold(true);
    assert.equal((await uploadVideo(t.app.url, teacher.token, resource.id, clip)).status, 204);
    const during = await waitForVideo(t.app.url, teacher.token, resource.id, (v) => v.processing?.status === 'transcoding');
    const cancelled = await teacher.api('DELETE', `/api/videos/${resource.id}/processing`);
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
    assert.equal(cancelled.body.status, 'empty');
    assert.equal(cancelled.body.processing, null);
    hold(false);
    const job = await t.app.ctx.db.selectFrom('jobs').select(['id', 'status']).where('platform_id', '=', teacher.platformId).executeTakeFirstOrThrow();
    await eventually('the job cancelled', async () => (await findJob(t.app.ctx.db, job.id))?.status === 'cancelled', 20_000);
    await eventually('no media files left', () => mediaFiles().filter((f) => f.includes(during.processing!.mediaId)).length === 0);
    assert.equal((await video()).status, 'empty');
    assert.equal((await learner.api('DELETE', `/api/videos/${resource.id}/processing`)).status, 403);
    assert.equal((await teacher.api('DELETE', `/api/videos/${resource.id}/processing`)).status, 409);
  });

  it('recovers a transcode interrupted by a restart', async () => {
    hold(true);
    assert.equal((await uploadVideo(t.app.url, teacher.token, resource.id, clip)).status, 204);
    await waitForVideo(t.app.url, teacher.token, resource.id, (v) => v.processing?.status === 'transcoding');
    const restarting = t.app.restart();
    hold(false);
    await restarting;
    const ready = await waitForVideo(t.app.url, teacher.token, resource.id, fullyReady, 120_000);
    assert.deepEqual(ready.media!.renditions.map((r) => r.name), ['240p', '360p']);
  });
});
