import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { buildApp } from '../../../src/app.js';
import type { ResourceRow } from '../../../src/content/resource.table.js';
import { createLogger } from '../../../src/http/logger.js';
import { createResource, launchPerson, type LaunchedPerson } from '../../support/factories.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { generateClip, truncateFile, writeFakeFile } from '../../support/media-fixtures.js';
import { ROLE } from '../../support/test-platform.js';
import { createUpload, getVideo, sendChunks, uploadOffset, uploadVideo, waitForVideo } from '../../support/video-client.js';

/** Upload (tus) → probe → transcode → signed media URLs, and every refusal on the way. */
describe('video upload and media', () => {
  const t = useRegisteredPlatform({ JOBS_POLL_MS: '100', JOBS_RETRY_BASE_MS: '50' });
  let clip: string;
  let teacher: LaunchedPerson;
  let learner: LaunchedPerson;
  let resource: ResourceRow;

  before(async () => {
    clip = await generateClip({ width: 320, height: 180, seconds: 3 });
  });
  beforeEach(async () => {
    // The database is emptied per test, the data directory is not: start without media files.
    for (const dir of ['media', 'uploads', 'tmp']) {
      const root = path.join(t.app.config.dataDir, dir);
      for (const entry of fs.existsSync(root) ? fs.readdirSync(root) : []) fs.rmSync(path.join(root, entry), { recursive: true, force: true });
    }
    teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', name: 'Claire Martin', roles: [ROLE.instructor], locale: 'fr-FR' });
    learner = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'learner-1', name: 'Inès Dupont', roles: [ROLE.learner] });
    resource = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId, title: 'Cours 1 : probabilités' });
  });

  /** Every file under DATA_DIR/<dir>, relative. */
  const filesUnder = (dir: string): string[] => {
    const root = path.join(t.app.config.dataDir, dir);
    return fs.existsSync(root) ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile()) : [];
  };

  it('uploads in chunks, transcodes and serves HLS, poster, storyboard and download through signed URLs', async () => {
    const up = await uploadVideo(t.app.url, teacher.token, resource.id, clip, { chunkSize: 64 * 1024 });
    assert.equal(up.status, 204, JSON.stringify(up.body));
    const processing = (await getVideo(t.app.url, teacher.token, resource.id)).body;
    assert.ok(['processing', 'ready'].includes(processing.status));
    assert.equal(processing.canEdit, true);
    assert.deepEqual(processing.upload, { endpoint: '/api/uploads/', maxBytes: t.app.config.video.maxUploadBytes });

    const ready = await waitForVideo(t.app.url, teacher.token, resource.id, (v) => v.status === 'ready' && v.processing === null);
    const media = ready.media!;
    assert.ok(Math.abs(media.durationSeconds - 3) < 0.5, `duration ${media.durationSeconds}`);
    assert.equal(media.audioOnly, false);
    assert.equal(media.downloadUrl, null, 'no download unless the teacher allows it');
    assert.ok(media.renditions.length >= 1);
    assert.deepEqual(filesUnder('uploads'), [], 'nothing left in the upload area');

    const master = await fetch(media.masterUrl);
    assert.equal(master.status, 200);
    assert.equal(master.headers.get('content-type'), 'application/vnd.apple.mpegurl');
    assert.match(master.headers.get('cache-control')!, /^private, max-age=\d+, immutable$/);
    const masterText = await master.text();
    const variant = masterText.split('\n').find((l) => l && !l.startsWith('#'))!;
    const playlist = await fetch(new URL(variant, media.masterUrl));
    assert.equal(playlist.status, 200, 'relative URLs inherit the token');
    const playlistText = await playlist.text();
    const segment = playlistText.split('\n').find((l) => l && !l.startsWith('#'))!;
    const segUrl = new URL(segment, playlist.url);
    const whole = await fetch(segUrl);
    assert.equal(whole.status, 200);
    assert.equal(whole.headers.get('accept-ranges'), 'bytes');
    assert.ok(whole.headers.get('etag'));
    const size = (await whole.arrayBuffer()).byteLength;
    const ranged = await fetch(segUrl, { headers: { Range: 'bytes=0-99' } });
    assert.equal(ranged.status, 206);
    assert.equal(ranged.headers.get('content-range'), `bytes 0-99/${size}`);
    assert.equal((await ranged.arrayBuffer()).byteLength, 100);

    const poster = await fetch(media.posterUrl);
    assert.equal(poster.status, 200);
    assert.equal(poster.headers.get('content-type'), 'image/jpeg');
    assert.ok(media.storyboardVttUrl);
    const vtt = await fetch(media.storyboardVttUrl!);
    assert.equal(vtt.status, 200);
    assert.match(vtt.headers.get('content-type')!, /^text\/vtt/);
    assert.match(await vtt.text(), /^WEBVTT/);

    // The learner sees the same media, no processing and no upload.
    const seen = (await getVideo(t.app.url, learner.token, resource.id)).body;
    assert.equal(seen.status, 'ready');
    assert.equal(seen.processing, null);
    assert.equal(seen.upload, null);
    assert.equal(seen.canEdit, false);

    // The download: only once allowed, as an attachment named after the title.
    const patched = await teacher.api('PATCH', `/api/videos/${resource.id}`, { allowDownload: true });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const dl = patched.body.media.downloadUrl as string;
    assert.ok(dl);
    const file = await fetch(dl);
    assert.equal(file.status, 200);
    assert.equal(file.headers.get('content-type'), 'video/mp4');
    assert.match(file.headers.get('content-disposition')!, /^attachment; filename="Cours 1 probabilites.mp4"; filename\*=UTF-8''/);
    // The same file through the playback token (no download grant) is refused.
    const playbackBase = media.masterUrl.slice(0, media.masterUrl.lastIndexOf('/') + 1);
    assert.equal((await fetch(playbackBase + 'download.mp4')).status, 403);
  });

  it('refuses forged, expired and other-platform access to media and video', async () => {
    await uploadVideo(t.app.url, teacher.token, resource.id, clip);
    const ready = await waitForVideo(t.app.url, teacher.token, resource.id, (v) => v.status === 'ready' && v.processing === null);
    const master = new URL(ready.media!.masterUrl);
    const token = master.pathname.split('/')[2]!;
    const [body, mac] = token.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString());

    const forged = Buffer.from(JSON.stringify({ ...payload, e: payload.e + 3600 })).toString('base64url');
    assert.equal((await fetch(`${t.app.url}/media/${forged}.${mac}/master.m3u8`)).status, 403);
    const answer = await fetch(`${t.app.url}/media/${body}.${mac!.slice(0, -2)}AA/master.m3u8`, { headers: { Accept: 'application/json' } });
    assert.equal(answer.status, 403);
    assert.equal((await answer.json()).code, 'media-link-invalid');

    const { signMediaToken } = await import('../../../src/video/media/media-token.js');
    const expired = signMediaToken(t.app.ctx.secrets.sessionKeyBytes, { mediaId: payload.m, platformId: payload.p, exp: Math.floor(Date.now() / 1000) - 1 });
    assert.equal((await fetch(`${t.app.url}/media/${expired}/master.m3u8`)).status, 403);
    const valid = signMediaToken(t.app.ctx.secrets.sessionKeyBytes, { mediaId: payload.m, platformId: payload.p, exp: Math.floor(Date.now() / 1000) + 60 });
    assert.equal((await fetch(`${t.app.url}/media/${valid}/master.m3u8`)).status, 200);
    assert.equal((await fetch(`${t.app.url}/media/${valid}/..%2Fsource`)).status, 404, 'the source is never served');
    // A range or a precondition the file does not meet keeps its answer (a player tells it from a missing file).
    const masterUrl = `${t.app.url}/media/${valid}/master.m3u8`;
    const size = (await (await fetch(masterUrl)).arrayBuffer()).byteLength;
    const pastTheEnd = await fetch(masterUrl, { headers: { Range: `bytes=${size + 10}-` } });
    assert.deepEqual([pastTheEnd.status, pastTheEnd.headers.get('content-range'), await pastTheEnd.text()], [416, `bytes */${size}`, '']);
    const changed = await fetch(masterUrl, { headers: { 'If-Match': '"another-version"' } });
    assert.deepEqual([changed.status, await changed.text()], [412, '']);
    assert.equal((await fetch(`${t.app.url}/media/${valid}/absent.m3u8`, { headers: { Range: 'bytes=999999-' } })).status, 404);
    // Odd names are simply not there: 404, never a 500, and never logged as a server error. The
    // same app on a logger this test reads.
    const logLines: { level: number; msg: string }[] = [];
    const logger = createLogger('info', { write: (line: string) => void logLines.push(JSON.parse(line) as { level: number; msg: string }) });
    const logged = http.createServer(buildApp({ ...t.app.ctx, logger }));
    await new Promise<void>((resolve) => logged.listen(0, '127.0.0.1', resolve));
    const loggedUrl = `http://127.0.0.1:${(logged.address() as AddressInfo).port}`;
    const odd = ['master.m3u8%00', '%00', 'master%00.m3u8', '..%5Csource', 'x%5C..%5C..%5Csource', '..\\source', 'x\\..\\master.m3u8', '%2e%2e/source', '%zz', `${'a'.repeat(300)}.m4s`, `${'a'.repeat(200)}/${'b'.repeat(200)}/${'c'.repeat(200)}/${'d'.repeat(200)}/e`];
    const answers: string[] = [];
    for (const name of odd) {
      for (const base of ['/media/<token>/', '/static/', '/app/assets/']) {
        const response = await rawRequest(loggedUrl, `${base.replace('<token>', valid)}${name}`);
        answers.push(`${response.status} ${base}${name.slice(0, 40)}`);
      }
    }
    // The same names as a tus upload id, for the instructor who may upload.
    for (const name of odd) {
      for (const method of ['HEAD', 'PATCH', 'DELETE']) {
        const response = await rawRequest(loggedUrl, `/api/uploads/${name}`, { method, headers: { Authorization: `Bearer ${teacher.token}`, 'Tus-Resumable': '1.0.0' } });
        answers.push(`${response.status} ${method} /api/uploads/${name.slice(0, 40)}`);
      }
    }
    logged.close();
    assert.deepEqual(answers.filter((a) => !a.startsWith('404 ')), []);
    assert.ok(logLines.length >= answers.length, 'every answer is logged');
    assert.deepEqual(logLines.filter((l) => l.level >= 50).map((l) => l.msg), [], 'no error-level line');
    const otherPlatform = signMediaToken(t.app.ctx.secrets.sessionKeyBytes, { mediaId: payload.m, platformId: 'another-platform', exp: payload.e });
    assert.equal((await fetch(`${t.app.url}/media/${otherPlatform}/master.m3u8`)).status, 403);

    // A session of another platform cannot see the video (same ids, another tenant).
    const { TestPlatform } = await import('../../support/test-platform.js');
    const other = await TestPlatform.start();
    try {
      await t.app.register(other);
      const stranger = await launchPerson(t.app.ctx.db, other, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
      assert.equal((await getVideo(t.app.url, stranger.token, resource.id)).status, 404);
      const up = await createUpload(t.app.url, stranger.token, 100, { resourceId: resource.id, filename: 'x.mp4' });
      assert.equal(up.status, 404);
    } finally {
      await other.close();
    }
  });

  it('refuses uploads from learners (403), over the limit (413) and without metadata (400)', async () => {
    const byLearner = await createUpload(t.app.url, learner.token, 1000, { resourceId: resource.id, filename: 'a.mp4' });
    assert.equal(byLearner.status, 403);
    const huge = await createUpload(t.app.url, teacher.token, t.app.config.video.maxUploadBytes + 1, { resourceId: resource.id, filename: 'a.mp4' });
    assert.equal(huge.status, 413);
    assert.equal(huge.body.code, 'upload-too-large');
    await t.app.ctx.db.updateTable('platforms').set({ name: 'x' }).where('id', '=', teacher.platformId).execute();
    const { setPlatformUploadLimit } = await import('../../../src/video/video.repository.js');
    await setPlatformUploadLimit(t.app.ctx.db, teacher.platformId, 5000);
    const overPlatform = await createUpload(t.app.url, teacher.token, 5001, { resourceId: resource.id, filename: 'a.mp4' });
    assert.equal(overPlatform.status, 413);
    assert.match(overPlatform.body.detail, /4\.9\u00a0KiB/, 'binary units, as the page writes them');
    assert.match(overPlatform.body.localizedDetail, /^Ce fichier \(4\.9\u00a0KiB\)/, 'the page shows the teacher’s language');
    assert.equal((await getVideo(t.app.url, teacher.token, resource.id)).body.upload.maxBytes, 5000);
    const noMeta = await createUpload(t.app.url, teacher.token, 100, { filename: 'a.mp4' });
    assert.equal(noMeta.status, 400);
    assert.equal(noMeta.body.code, 'upload-metadata');
    const noToken = await fetch(`${t.app.url}/api/uploads/`, { method: 'POST', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': '10' } });
    assert.equal(noToken.status, 401);
    assert.deepEqual(filesUnder('uploads'), []);
  });

  for (const bad of [
    { name: 'an empty file', reasons: ['empty'], make: () => writeFakeFile('empty.mp4', 0) },
    { name: 'a text file named .mp4', reasons: ['not-media'], make: () => writeFakeFile('notes.mp4', 'Bonjour, ceci est un texte.\n'.repeat(200)) },
    { name: 'a truncated mp4', reasons: ['truncated', 'undecodable'], make: async () => truncateFile(await generateClip({ seconds: 3 }), 20_000, 'cut.mp4') },
  ]) {
    it(`refuses ${bad.name} with 422, a reason, and keeps nothing`, async () => {
      const file = await bad.make();
      const up = await uploadVideo(t.app.url, teacher.token, resource.id, file);
      assert.equal(up.status, 422, JSON.stringify(up.body));
      assert.equal(up.body.code, 'media-refused');
      assert.ok(bad.reasons.includes(up.body.reason), up.body.reason);
      assert.match(up.body.detail, /^Ce fichier ne peut pas servir de vidéo/, 'in the teacher’s language');
      assert.deepEqual(filesUnder('uploads'), []);
      assert.deepEqual(filesUnder('media'), []);
      assert.equal((await getVideo(t.app.url, teacher.token, resource.id)).body.status, 'empty');
    });
  }

  it('accepts an mkv named .mp4: the content decides, not the name', async () => {
    const mkv = await generateClip({ container: 'mkv', seconds: 2, name: 'lying' });
    const named = path.join(path.dirname(mkv), 'lying-really-mkv.mp4');
    fs.copyFileSync(mkv, named);
    const up = await uploadVideo(t.app.url, teacher.token, resource.id, named);
    assert.equal(up.status, 204, JSON.stringify(up.body));
    const ready = await waitForVideo(t.app.url, teacher.token, resource.id, (v) => v.status === 'ready' && v.processing === null);
    assert.ok(ready.media!.durationSeconds > 1.5);
  });

  it('resumes an interrupted upload from another tab (HEAD offset, then PATCH)', async () => {
    const bytes = new Uint8Array(fs.readFileSync(clip));
    const created = await createUpload(t.app.url, teacher.token, bytes.length, { resourceId: resource.id, filename: 'cours.mp4', filetype: 'video/mp4' });
    assert.equal(created.status, 201);
    const half = Math.floor(bytes.length / 2);
    assert.equal((await sendChunks(created.uploadUrl, teacher.token, bytes, 0, 32 * 1024, half)).status, 204);
    // Another tab of the same teacher (a new launch, a new token) resumes it.
    const otherTab = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
    const head = await uploadOffset(created.uploadUrl, otherTab.token);
    assert.equal(head.status, 200);
    assert.equal(head.offset, half);
    // Another person of the same platform cannot see or touch it.
    const colleague = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-2', roles: [ROLE.instructor] });
    assert.equal((await uploadOffset(created.uploadUrl, colleague.token)).status, 404);
    const last = await sendChunks(created.uploadUrl, otherTab.token, bytes, head.offset!, 64 * 1024);
    assert.equal(last.status, 204, JSON.stringify(last.body));
    await waitForVideo(t.app.url, teacher.token, resource.id, (v) => v.status === 'ready' && v.processing === null);
  });

  describe('playlists and manifests uploaded as a video', () => {
    /** A loopback service standing for an internal one: it must receive nothing. */
    let hits: string[];
    let internal: http.Server;
    let internalUrl: string;
    before(async () => {
      hits = [];
      internal = http.createServer((req, res) => {
        hits.push(`${req.method} ${req.url}`);
        res.writeHead(200, { 'content-type': 'video/mp4' });
        res.end(fs.readFileSync(clip));
      });
      await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
      internalUrl = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => internal.close(() => resolve())));

    it('fetches nothing a DASH manifest or an HLS playlist names, and refuses them as any other non-video', async () => {
      const bodies = {
        dash: `<?xml version="1.0"?>\n<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT3S" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011">\n<BaseURL>${internalUrl}/dash/</BaseURL>\n<Period><AdaptationSet mimeType="video/mp4"><Representation id="1" bandwidth="100000" codecs="avc1.42c01e"><BaseURL>video.mp4</BaseURL></Representation></AdaptationSet></Period>\n</MPD>\n`,
        hls: `#EXTM3U\n#EXT-X-TARGETDURATION:3\n#EXT-X-KEY:METHOD=AES-128,URI="${internalUrl}/hls/key"\n#EXTINF:3.0,\n${internalUrl}/hls/segment.ts\n#EXT-X-ENDLIST\n`,
        // A file of the server (another platform's video): whether it exists must not show.
        hlsLocal: `#EXTM3U\n#EXT-X-TARGETDURATION:3\n#EXTINF:3.0,\n${clip}\n#EXT-X-ENDLIST\n`,
        hlsMissing: `#EXTM3U\n#EXT-X-TARGETDURATION:3\n#EXTINF:3.0,\n${path.join(path.dirname(clip), 'missing.mp4')}\n#EXT-X-ENDLIST\n`,
      };
      const refusals: Record<string, string> = {};
      for (const [name, body] of Object.entries(bodies)) {
        const up = await uploadVideo(t.app.url, teacher.token, resource.id, await writeFakeFile(`${name}.mp4`, body));
        assert.equal(up.status, 422, `${name}: ${JSON.stringify(up.body)}`);
        assert.equal(up.body.reason, 'not-media', name);
        assert.match(up.body.detail, /^Ce fichier ne peut pas servir de vidéo/);
        refusals[name] = up.body.technicalDetail;
      }
      assert.deepEqual(hits, [], 'the internal service received nothing');
      assert.deepEqual(new Set(Object.values(refusals)).size, 1, `one refusal for all, whatever the playlist names: ${JSON.stringify(refusals)}`);
      assert.equal(refusals.hlsLocal, 'The file is not a video or audio file that can be read.', 'the refusal of any file ffprobe cannot read');
      assert.deepEqual(filesUnder('uploads'), []);
      assert.deepEqual(filesUnder('media'), []);
    });
  });
});

/** A request with the path sent exactly as written (fetch would turn \\ into / and resolve dot segments). */
function rawRequest(base: string, rawPath: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const headers = { Accept: 'application/json', ...options.headers };
    const request = http.request({ host: url.hostname, port: url.port, path: rawPath, method: options.method ?? 'GET', headers }, (response) => {
      let body = '';
      response.setEncoding('utf8').on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
    });
    request.on('error', reject);
    request.end();
  });
}
