import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import type { ResourceRow } from '../../../src/content/resource.table.js';
import type { Db } from '../../../src/db/database.js';
import type { TranscodeOutput } from '../../../src/video/ffmpeg/index.js';
import { cleanUpVideoFiles, retiredGraceMs } from '../../../src/video/video-housekeeping.js';
import { createResource, eventually, launchPerson, type LaunchedPerson } from '../../support/factories.js';
import { mediaStorage } from '../../../src/video/storage/media-storage.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { ROLE } from '../../support/test-platform.js';

/** A published media row as a finished transcode leaves it (the files are not needed to answer GET). */
async function insertReadyMedia(db: Db, resource: ResourceRow, durationSeconds = 120, state: 'published' | 'retired' = 'published') {
  const output: TranscodeOutput = {
    master: 'master.m3u8',
    renditions: [{ name: '360p', width: 640, height: 360, bandwidth: 900_000, playlist: '360p/index.m3u8' }],
    audioOnly: false,
    download: 'download.mp4',
    poster: 'poster.jpg',
    thumbnails: ['thumbs/01.jpg'],
    storyboard: { image: 'storyboard.jpg', vtt: 'storyboard.vtt', tileWidth: 160, tileHeight: 90, intervalSeconds: 2 },
    durationSeconds,
  };
  return db
    .insertInto('video_media')
    .values({
      id: crypto.randomUUID(), platform_id: resource.platform_id, resource_id: resource.id, status: 'ready', state, file_name: 'cours.mp4', mime: 'video/mp4',
      size_bytes: 1000, output: JSON.stringify(output), probe: null, ready_at: new Date(), retired_at: state === 'retired' ? new Date(Date.now() - 8 * 86400_000) : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** GET/PATCH /api/videos/:id: settings, chapters, roles, course copies; and video housekeeping. */
describe('video settings API', () => {
  const t = useRegisteredPlatform();
  let teacher: LaunchedPerson;
  let learner: LaunchedPerson;
  let resource: ResourceRow;

  beforeEach(async () => {
    teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
    learner = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'learner-1', roles: [ROLE.learner] });
    resource = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId });
  });

  it('answers an empty video with the defaults, tracking ids and (for its editors) the upload endpoint', async () => {
    const { status, body } = await teacher.api('GET', `/api/videos/${resource.id}`);
    assert.equal(status, 200);
    assert.equal(body.status, 'empty');
    assert.equal(body.media, null);
    assert.equal(body.processing, null);
    assert.deepEqual(body.chapters, []);
    assert.deepEqual(body.captions, []);
    assert.equal(body.allowDownload, false);
    assert.equal(body.completionThreshold, 0.9);
    assert.equal(body.progress, null);
    assert.equal(body.tracking.activityId, `${t.app.url}/xapi/activities/resources/${resource.id}`);
    assert.equal(body.tracking.statementsUrl, `/api/videos/${resource.id}/statements`);
    const again = await teacher.api('GET', `/api/videos/${resource.id}`);
    assert.notEqual(again.body.tracking.sessionId, body.tracking.sessionId, 'a fresh xAPI session per GET');
    assert.equal(body.upload.endpoint, '/api/uploads/');
    const forLearner = await learner.api('GET', `/api/videos/${resource.id}`);
    assert.equal(forLearner.body.upload, null);
    assert.equal(forLearner.body.canEdit, false);
    // The page's store of unsent statements is per viewer: the same browser never sends one person's under another's session.
    assert.equal(again.body.tracking.queueKey, body.tracking.queueKey, 'stable for one viewer');
    assert.notEqual(forLearner.body.tracking.queueKey, body.tracking.queueKey, 'another viewer, another store');
  });

  it('records a learner’s download of the MP4 as a downloaded statement, once per download', async () => {
    const media = await insertReadyMedia(t.app.ctx.db, resource, 120);
    const file = mediaStorage(t.app.config.dataDir).resolveOutput(media.platform_id, media.id, 'download.mp4')!;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.alloc(4096, 1));
    await teacher.api('PATCH', `/api/videos/${resource.id}`, { allowDownload: true });
    const { body } = await learner.api('GET', `/api/videos/${resource.id}`);
    const whole = await fetch(body.media.downloadUrl);
    assert.equal(whole.status, 200);
    await whole.arrayBuffer();
    const resumed = await fetch(body.media.downloadUrl, { headers: { range: 'bytes=2048-' } });
    assert.equal(resumed.status, 206);
    await resumed.arrayBuffer();
    const downloads = () =>
      t.app.ctx.db.selectFrom('lrs_statements').select(['actor_key', 'object_activity_id']).where('verb_id', '=', 'http://id.tincanapi.com/verb/downloaded').execute();
    const rows = await eventually('the download statement', async () => ((await downloads()).length ? downloads() : undefined));
    await new Promise((r) => setTimeout(r, 100));
    assert.equal((await downloads()).length, 1, 'the resumed range is the same download');
    assert.equal(rows[0]!.actor_key, `account:${t.platform.issuer}|learner-1`);
    assert.equal(rows[0]!.object_activity_id, `${t.app.url}/xapi/activities/resources/${resource.id}`);
  });

  it('changes title, download, threshold and chapters; refuses bad chapters', async () => {
    await insertReadyMedia(t.app.ctx.db, resource, 120);
    const chapters = [{ startSeconds: 0, title: 'Introduction' }, { startSeconds: 42.5, title: 'La loi normale' }];
    const changed = await teacher.api('PATCH', `/api/videos/${resource.id}`, { title: 'Cours 2', allowDownload: true, completionThreshold: 0.75, chapters });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.title, 'Cours 2');
    assert.equal(changed.body.allowDownload, true);
    assert.equal(changed.body.completionThreshold, 0.75);
    assert.deepEqual(changed.body.chapters, chapters);
    assert.match(changed.body.media.downloadUrl, /\/download\.mp4$/);
    assert.deepEqual((await learner.api('GET', `/api/videos/${resource.id}`)).body.chapters, chapters);

    const refusals: [unknown, string][] = [
      [{ chapters: [{ startSeconds: 50, title: 'B' }, { startSeconds: 10, title: 'A' }] }, 'invalid-request'],
      [{ chapters: [{ startSeconds: 10, title: 'A' }, { startSeconds: 10, title: 'B' }] }, 'invalid-request'],
      [{ chapters: [{ startSeconds: 10, title: '' }] }, 'invalid-request'],
      [{ chapters: [{ startSeconds: 10, title: 'x'.repeat(201) }] }, 'invalid-request'],
      [{ chapters: [{ startSeconds: 130, title: 'Après la fin' }] }, 'chapter-outside-video'],
      [{ completionThreshold: 1.5 }, 'invalid-request'],
      [{ unknown: true }, 'invalid-request'],
    ];
    for (const [body, code] of refusals) {
      const answer = await teacher.api('PATCH', `/api/videos/${resource.id}`, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.code, code, JSON.stringify(body));
    }
    assert.equal((await learner.api('PATCH', `/api/videos/${resource.id}`, { title: 'Piraté' })).status, 403);
  });

  it('keeps the chapters when the Settings tab saves, and the settings when the chapters are saved', async () => {
    await insertReadyMedia(t.app.ctx.db, resource, 120);
    const chapters = [{ startSeconds: 0, title: 'Introduction' }, { startSeconds: 30, title: 'Suite' }];
    assert.equal((await teacher.api('PATCH', `/api/videos/${resource.id}`, { chapters })).status, 200);
    // The Settings tab's one PATCH, as ResourceSettingsForm sends it (every field, the video's two settings).
    const settings = await teacher.api('PATCH', `/api/resources/${resource.id}`, {
      title: 'Cours 3',
      description: 'Résumé',
      gradable: true,
      scoreMaximum: 20,
      settings: { allowDownload: true, completionThreshold: 0.6 },
    });
    assert.equal(settings.status, 200, JSON.stringify(settings.body));
    assert.equal(settings.body.settings.completionThreshold, 0.6);
    let video = (await teacher.api('GET', `/api/videos/${resource.id}`)).body;
    assert.deepEqual(video.chapters, chapters, 'the chapters saved from the Video tab stay');
    assert.equal(video.allowDownload, true);
    assert.equal(video.completionThreshold, 0.6);
    assert.equal(video.title, 'Cours 3');

    // Then the chapters again from the Video tab: nothing of the Settings tab is lost.
    const fewer = [{ startSeconds: 0, title: 'Tout' }];
    assert.equal((await teacher.api('PATCH', `/api/videos/${resource.id}`, { chapters: fewer })).status, 200);
    video = (await teacher.api('GET', `/api/videos/${resource.id}`)).body;
    assert.deepEqual(video.chapters, fewer);
    assert.equal(video.allowDownload, true);
    assert.equal(video.completionThreshold, 0.6);
    const resourceNow = (await teacher.api('GET', `/api/resources/${resource.id}`)).body;
    assert.equal(resourceNow.title, 'Cours 3');
    assert.equal(resourceNow.scoreMaximum, 20);
    assert.equal(resourceNow.gradable, true);

    // A settings save that names only the download keeps the threshold (the server merges the keys sent).
    assert.equal((await teacher.api('PATCH', `/api/resources/${resource.id}`, { settings: { allowDownload: false } })).status, 200);
    video = (await teacher.api('GET', `/api/videos/${resource.id}`)).body;
    assert.equal(video.allowDownload, false);
    assert.equal(video.completionThreshold, 0.6);
    assert.deepEqual(video.chapters, fewer);
    const refused = await teacher.api('PATCH', `/api/resources/${resource.id}`, { settings: { completionThreshold: 2 } });
    assert.equal(refused.status, 400);
  });

  it('refuses what is not a video (404), another course’s video for a learner (403), and retries with nothing failed (409)', async () => {
    const classroom = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, kind: 'classroom' });
    assert.equal((await teacher.api('GET', `/api/videos/${classroom.id}`)).body.code, 'not-a-video');
    assert.equal((await teacher.api('GET', `/api/videos/nope`)).status, 404);
    const elsewhere = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'learner-2', roles: [ROLE.learner], context: { id: 'other-course' } });
    assert.equal((await elsewhere.api('GET', `/api/videos/${resource.id}`)).status, 403);
    assert.equal((await teacher.api('POST', `/api/videos/${resource.id}/processing/retry`)).status, 409);
    assert.equal((await learner.api('POST', `/api/videos/${resource.id}/processing/retry`)).status, 403);
  });

  it('plays the original’s published media in a course copy', async () => {
    const media = await insertReadyMedia(t.app.ctx.db, resource);
    const teacherB = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor], context: { id: 'course-B' } });
    const copy = await createResource(t.app.ctx.db, { platform_id: teacherB.platformId, context_id: teacherB.contextId, copied_from: resource.id, media_resource_id: resource.id });
    const seen = await teacherB.api('GET', `/api/videos/${copy.id}`);
    assert.equal(seen.status, 200);
    assert.equal(seen.body.status, 'ready');
    assert.equal(seen.body.media.id, media.id);
  });

  it('amphi platform video-limit sets a platform’s own upload limit, and back to the default', async () => {
    const { runAdminCommand } = await import('../../../src/admin/admin-commands.js');
    assert.deepEqual(await runAdminCommand(t.app.ctx, 'platform-video-limit', { id: teacher.platformId, bytes: 2e9 }), { id: teacher.platformId, maxUploadBytes: 2e9, own: true });
    assert.equal((await teacher.api('GET', `/api/videos/${resource.id}`)).body.upload.maxBytes, 2e9);
    await runAdminCommand(t.app.ctx, 'platform-video-limit', { id: teacher.platformId, bytes: null });
    assert.equal((await teacher.api('GET', `/api/videos/${resource.id}`)).body.upload.maxBytes, t.app.config.video.maxUploadBytes);
    await assert.rejects(runAdminCommand(t.app.ctx, 'platform-video-limit', { id: 'nope', bytes: null }), /unknown-platform-id/);
  });

  it('housekeeping deletes retired media after the grace period, with their files', async () => {
    const retired = await insertReadyMedia(t.app.ctx.db, resource, 60, 'retired');
    const dir = path.join(t.app.config.dataDir, 'media', retired.platform_id, retired.id, 'out');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'master.m3u8'), '#EXTM3U\n');
    const published = await insertReadyMedia(t.app.ctx.db, resource, 60, 'published');
    const result = await cleanUpVideoFiles(t.app.ctx);
    assert.equal(result.retiredMedia, 1);
    assert.equal(fs.existsSync(dir), false);
    const left = await t.app.ctx.db.selectFrom('video_media').select('id').execute();
    assert.deepEqual(left.map((r) => r.id), [published.id]);
  });

  it('housekeeping removes day-old leftovers: media folders without a row, work folders of dead runs', async () => {
    const published = await insertReadyMedia(t.app.ctx.db, resource, 60, 'published');
    const media = path.join(t.app.config.dataDir, 'media');
    const kept = path.join(media, published.platform_id, published.id);
    const orphan = path.join(media, 'platform-removed', 'media-without-row');
    const fresh = path.join(media, published.platform_id, 'moved-a-second-ago');
    const deadRun = path.join(t.app.config.dataDir, 'tmp', 'job-x-1-dead');
    const liveRun = path.join(t.app.config.dataDir, 'tmp', 'job-y-1-live');
    for (const dir of [kept, orphan, fresh, deadRun, liveRun]) fs.mkdirSync(dir, { recursive: true });
    const dayAgo = new Date(Date.now() - 25 * 3600_000);
    for (const dir of [kept, orphan, deadRun]) fs.utimesSync(dir, dayAgo, dayAgo);
    const result = await cleanUpVideoFiles(t.app.ctx);
    assert.equal(result.leftovers, 2);
    assert.equal(fs.existsSync(kept), true, 'a media with its row stays, however old');
    assert.equal(fs.existsSync(fresh), true, 'a folder just moved in (its row is being written) stays');
    assert.equal(fs.existsSync(liveRun), true);
    assert.equal(fs.existsSync(orphan), false);
    assert.equal(fs.existsSync(deadRun), false);
  });

  it('keeps a retired media as long as a URL signed before its replacement may live', () => {
    assert.ok(retiredGraceMs(t.app.config) > t.app.config.video.mediaUrlTtlSeconds * 1000 + 900_000);
  });
});

describe('video upload disk-space check', () => {
  // A server that would accept huge files: the disk, not the limit, refuses.
  const t = useRegisteredPlatform({ VIDEO_MAX_UPLOAD_BYTES: String(1e15) });

  it('refuses an upload the disk cannot hold (507) with the free space in words', async () => {
    const teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
    const resource = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId });
    const { createUpload } = await import('../../support/video-client.js');
    const answer = await createUpload(t.app.url, teacher.token, 1e14, { resourceId: resource.id, filename: 'enorme.mp4' });
    assert.equal(answer.status, 507);
    assert.equal(answer.body.code, 'upload-disk-full');
    assert.match(answer.body.detail, /\d+(\.\d)?\u00a0[KMGT]?i?B free/, 'binary units, as the page writes them');
    assert.deepEqual(fs.readdirSync(path.join(t.app.config.dataDir, 'uploads')), []);
  });
});
