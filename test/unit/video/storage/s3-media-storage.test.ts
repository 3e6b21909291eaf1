import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { S3MediaStorage } from '../../../../src/video/storage/s3-media-storage.js';
import { startS3, type S3Fixture } from './s3rver-fixture.js';

describe('S3 media storage (against s3rver)', () => {
  let s3: S3Fixture;
  let storage: S3MediaStorage;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-s3-storage-'));
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;

  before(async () => {
    s3 = await startS3();
    storage = new S3MediaStorage(dataDir, s3.settings, 0);
  });
  after(async () => {
    await s3.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function built(files: Record<string, string>): Promise<string> {
    const dir = await storage.workDir(`build-${Math.random().toString(36).slice(2)}`);
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    return dir;
  }

  it('stores a source (the local file goes) and gives it back in a job folder', async () => {
    const file = path.join(dataDir, 'upload-1');
    fs.writeFileSync(file, 'source bytes');
    await storage.storeSource('p1', 'm1', file);
    assert.equal(fs.existsSync(file), false);
    const work = await storage.workDir('job-1');
    const copy = await storage.readSource('p1', 'm1', work);
    assert.equal(fs.readFileSync(copy, 'utf8'), 'source bytes');
    assert.ok(copy.startsWith(work));
  });

  it('sends a source renamed into the local cache (an import) to the bucket at the first read', async () => {
    const cached = await storage.sourcePath('p1', 'imported');
    fs.writeFileSync(cached, 'imported bytes');
    await storage.readSource('p1', 'imported', await storage.workDir('job-2'));
    assert.equal(await storage.objects.size('media/p1/imported/source'), 'imported bytes'.length);
  });

  it('publishes outputs behind presigned URLs that fetch the bytes, and refuses names leaving the outputs', async () => {
    await storage.publishOutput('p1', 'm1', await built({ 'master.m3u8': '#EXTM3U\n360p/index.m3u8\n', '360p/seg_001.m4s': 'segment-1' }));
    assert.equal(await storage.readOutputText('p1', 'm1', 'master.m3u8'), '#EXTM3U\n360p/index.m3u8\n');
    const url = await storage.outputUrl('p1', 'm1', '360p/seg_001.m4s', { expiresAt });
    assert.ok(url?.startsWith(`${s3.endpoint}/${s3.bucket}/media/p1/m1/out-`), url ?? 'no url');
    const res = await fetch(url!);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'segment-1');
    for (const bad of ['../source', '360p/../../source', '.hidden', '/etc/passwd', '', '360p\\..\\source', '../m2/out']) {
      assert.equal(await storage.outputUrl('p1', 'm1', bad, { expiresAt }), null, bad);
      assert.equal(await storage.readOutputText('p1', 'm1', bad), null, bad);
    }
    await assert.rejects(storage.sourcePath('../p', 'm1'), /unsafe media path/);
    await assert.rejects(storage.outputUrl('p1', '../m1', 'master.m3u8', { expiresAt }), /unsafe media path/);
  });

  it('switches outputs in one step: a reader during a publish finds the old or the new, never none', async () => {
    await storage.publishOutput('p1', 'm2', await built({ 'master.m3u8': 'v0' }));
    const seen = new Set<string | null>();
    let reading = true;
    const reader = (async () => {
      // A fresh storage per read: no pointer cached, every read asks the bucket.
      while (reading) seen.add(await new S3MediaStorage(dataDir, s3.settings).readOutputText('p1', 'm2', 'master.m3u8'));
    })();
    await storage.publishOutput('p1', 'm2', await built({ 'master.m3u8': 'v1', 'a.m4s': '1', 'b.m4s': '2', 'c.m4s': '3', 'd.m4s': '4' }));
    await new S3MediaStorage(dataDir, s3.settings).readOutputText('p1', 'm2', 'master.m3u8');
    reading = false;
    await reader;
    assert.ok(!seen.has(null), `a reader found no output: ${[...seen].join(',')}`);
    assert.equal(await new S3MediaStorage(dataDir, s3.settings).readOutputText('p1', 'm2', 'master.m3u8'), 'v1');
  });

  it('keeps a replaced output for players mid-watch, then housekeeping removes it', async () => {
    const outputs = async () => new Set((await storage.objects.list('media/p1/m2/')).map((o) => o.key.split('/')[3]).filter((f) => f?.startsWith('out-')));
    assert.equal((await outputs()).size, 2);
    assert.equal(await storage.removeWorkDirsBefore(new Date(Date.now() - 3600_000)), 0);
    assert.equal((await outputs()).size, 2);
    await storage.removeWorkDirsBefore(new Date(Date.now() + 1000));
    assert.equal((await outputs()).size, 1);
    assert.equal(await storage.readOutputText('p1', 'm2', 'master.m3u8'), 'v1');
  });

  it('lists media folders, removes outputs only, then everything', async () => {
    const folders = await storage.listMediaFolders();
    assert.deepEqual(folders.map((f) => `${f.platformId}/${f.mediaId}`).sort(), ['p1/imported', 'p1/m1', 'p1/m2']);
    assert.ok((await storage.folderChangedAt('p1', 'm1'))! <= new Date());
    await storage.removeOutput('p1', 'm1');
    assert.equal(await storage.readOutputText('p1', 'm1', 'master.m3u8'), null);
    assert.equal(await storage.objects.size('media/p1/m1/source'), 'source bytes'.length);
    await storage.remove('p1', 'm1');
    assert.deepEqual(await storage.objects.list('media/p1/m1/'), []);
    assert.equal(await storage.folderChangedAt('p1', 'm1'), null);
  });

  it('is ready with good settings; says why not with wrong credentials or an unreachable bucket', async () => {
    assert.deepEqual(await storage.checkReady(), { ok: true });
    // s3rver checks the key id, not V4 signatures: a wrong key id stands for wrong credentials.
    const wrongKey = await new S3MediaStorage(dataDir, { ...s3.settings, credentials: { accessKeyId: 'WRONGKEY', secretAccessKey: 'wrong' } }).checkReady();
    assert.equal(wrongKey.ok, false);
    assert.match(!wrongKey.ok ? wrongKey.reason : '', /access denied.*S3_SECRET_ACCESS_KEY/);
    const noBucket = await new S3MediaStorage(dataDir, { ...s3.settings, bucket: 'missing-bucket' }).checkReady();
    assert.match(!noBucket.ok ? noBucket.reason : '', /missing-bucket.*not found/);
    const unreachable = await new S3MediaStorage(dataDir, { ...s3.settings, endpoint: 'http://127.0.0.1:1' }).checkReady();
    assert.match(!unreachable.ok ? unreachable.reason : '', /unreachable.*S3_ENDPOINT/);
    assert.doesNotMatch(JSON.stringify([wrongKey, noBucket, unreachable]), /wrong\b/, 'the secret never appears');
  });
});
