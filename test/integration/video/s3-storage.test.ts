import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/config.js';
import type { ResourceRow } from '../../../src/content/resource.table.js';
import { createContext } from '../../../src/context.js';
import { createLogger } from '../../../src/http/logger.js';
import { createResource, eventually, launchPerson, type LaunchedPerson } from '../../support/factories.js';
import { generateClip } from '../../support/media-fixtures.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { ROLE, TestPlatform } from '../../support/test-platform.js';
import { getVideo, uploadVideo, waitForVideo } from '../../support/video-client.js';
import { startS3, type S3Fixture } from '../../unit/video/storage/s3rver-fixture.js';

/** MEDIA_STORAGE=s3 end to end, against s3rver: upload → transcode → presigned playback; and a bucket Amphi cannot use. */
describe('media on S3-compatible storage', () => {
  let s3: S3Fixture;
  let app: TestApp;
  let platform: TestPlatform;
  let teacher: LaunchedPerson;
  let learner: LaunchedPerson;
  let resource: ResourceRow;

  before(async () => {
    s3 = await startS3();
    app = await startTestApp({ ...s3.env, JOBS_POLL_MS: '100', JOBS_RETRY_BASE_MS: '50' });
    platform = await TestPlatform.start();
    await app.register(platform);
    teacher = await launchPerson(app.ctx.db, platform, app.url, { sub: 'teacher-1', roles: [ROLE.instructor], locale: 'fr-FR' });
    learner = await launchPerson(app.ctx.db, platform, app.url, { sub: 'learner-1', roles: [ROLE.learner] });
    resource = await createResource(app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId });
  });
  after(async () => {
    await app?.close();
    await platform?.close();
    await s3?.close();
  });

  const bucketKeys = async () => {
    const { S3MediaStorage } = await import('../../../src/video/storage/s3-media-storage.js');
    return (await new S3MediaStorage(os.tmpdir(), s3.settings).objects.list('media/')).map((o) => o.key);
  };
  const localMediaFiles = () => {
    const root = path.join(app.config.dataDir, 'media');
    return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true }) : [];
  };

  it('stores the upload in the bucket, transcodes from it, and serves playlists whose segments come from the bucket', async () => {
    const clip = await generateClip({ seconds: 2, name: 's3-clip' });
    assert.equal((await uploadVideo(app.url, teacher.token, resource.id, clip)).status, 204);
    const ready = await waitForVideo(app.url, learner.token, resource.id, (v) => v.status === 'ready' && v.processing === null);
    const keys = await bucketKeys();
    assert.ok(keys.some((k) => k.endsWith(`/${ready.media!.id}/source`)), keys.join('\n'));
    assert.ok(keys.some((k) => k.endsWith(`/${ready.media!.id}/out`)), 'the pointer object names the published output');
    assert.deepEqual(localMediaFiles(), [], 'nothing of the media stays on local disk');
    // The job cleans its scratch folder right after the row says ready.
    await eventually('the scratch folder is cleaned', () => fs.readdirSync(path.join(app.config.dataDir, 'tmp')).length === 0);

    const master = await fetch(ready.media!.masterUrl);
    assert.equal(master.status, 200);
    const variant = (await master.text()).split('\n').find((l) => l.endsWith('.m3u8'))!;
    assert.ok(!variant.startsWith('http'), 'renditions come back through Amphi, which checks the token');
    const playlist = await fetch(new URL(variant, ready.media!.masterUrl));
    const text = await playlist.text();
    assert.equal(playlist.status, 200);
    const segments = text.split('\n').filter((l) => l && !l.startsWith('#'));
    const init = /URI="([^"]+)"/.exec(text)?.[1];
    assert.ok(segments.length > 0 && init, text);
    for (const url of [init!, ...segments]) {
      assert.ok(url.startsWith(`${s3.endpoint}/${s3.bucket}/media/`) && url.includes('X-Amz-Signature='), url);
      const res = await fetch(url);
      assert.equal(res.status, 200, url);
      assert.ok((await res.arrayBuffer()).byteLength > 0);
    }
    // The poster: a redirect to a presigned URL, never the bytes through Amphi.
    const poster = await fetch(ready.media!.posterUrl, { redirect: 'manual' });
    assert.equal(poster.status, 302);
    assert.equal((await fetch(poster.headers.get('location')!)).headers.get('content-type'), 'image/jpeg');
    // A forged token still gets nothing, not even a redirect.
    assert.equal((await fetch(ready.media!.posterUrl.replace(/\/media\/[^.]+\./, '/media/x.'), { redirect: 'manual' })).status, 403);
    const csp = master.headers.get('content-security-policy') ?? '';
    for (const directive of ['media-src', 'img-src', 'connect-src']) assert.match(csp, new RegExp(`${directive} [^;]*${s3.endpoint.replace(/[.:/]/g, '\\$&')}`), directive);
    assert.equal((await fetch(`${app.url}/readyz`)).status, 200);
  });

  it('with wrong credentials: /readyz says why, and an upload is refused whole (no media, no file left)', async () => {
    // A second Amphi on the same database, its own data directory, and a key the bucket does not know.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-s3-wrong-'));
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://localhost:${(server.address() as AddressInfo).port}`;
    const config = loadConfig({ ...s3.env, S3_ACCESS_KEY_ID: 'WRONGKEY', S3_SECRET_ACCESS_KEY: 'not-the-secret', DATA_DIR: dataDir, PUBLIC_URL: url, LOG_LEVEL: 'silent', SECRET_KEY: app.config.secretKey! });
    const ctx = await createContext(config, app.database, createLogger('silent'));
    server.on('request', buildApp(ctx));
    try {
      const ready = await fetch(`${url}/readyz`);
      const body = (await ready.json()) as { status: string; storage: string };
      assert.equal(ready.status, 503);
      assert.equal(body.status, 'storage not ready');
      assert.match(body.storage, /bucket amphi-media access denied .*S3_ACCESS_KEY_ID/);
      assert.doesNotMatch(JSON.stringify(body), /not-the-secret/);

      const other = await createResource(app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId });
      const clip = await generateClip({ seconds: 1, name: 's3-wrong' });
      const upload = await uploadVideo(url, teacher.token, other.id, clip);
      assert.equal(upload.status, 503);
      assert.equal(upload.body.code, 'media-storage-unavailable');
      assert.match(upload.body.localizedDetail, /stockage des médias est injoignable/);
      assert.equal((await getVideo(app.url, teacher.token, other.id)).body.media, null, 'no half-uploaded video is shown');
      assert.deepEqual(fs.readdirSync(path.join(dataDir, 'uploads')), [], 'the upload is not kept');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
