import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AppContext } from '../../../../src/app-context.js';
import { loadConfig, type Config } from '../../../../src/config/config.js';
import { AppError } from '../../../../src/http/errors.js';
import { MEDIA_MIGRATE_ADMIN_COMMANDS } from '../../../../src/video/media-migrate.commands.js';
import { migrateMediaToS3 } from '../../../../src/video/media-migrate.service.js';
import { LocalMediaStorage } from '../../../../src/video/storage/local-media-storage.js';
import { S3MediaStorage } from '../../../../src/video/storage/s3-media-storage.js';
import { startS3, type S3Fixture } from './s3rver-fixture.js';

const P = 'p1';
const M1 = '11111111-1111-4111-8111-111111111111';
const M2 = '22222222-2222-4222-8222-222222222222';

/** `amphi media migrate --to s3` on a small local library, against s3rver. */
describe('media migration to S3', () => {
  let s3: S3Fixture;
  let config: Config;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-migrate-'));
  const local = new LocalMediaStorage(dataDir);
  let bucket: S3MediaStorage;
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;

  async function publish(mediaId: string, files: Record<string, string>) {
    const dir = await local.workDir(`build-${mediaId}-${Math.random().toString(36).slice(2)}`);
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    await local.publishOutput(P, mediaId, dir);
  }

  before(async () => {
    s3 = await startS3();
    const { MEDIA_STORAGE: _ignored, ...bucketEnv } = s3.env;
    config = loadConfig({ ...bucketEnv, DATA_DIR: dataDir });
    bucket = new S3MediaStorage(dataDir, s3.settings);
    // M1: a source, an output replaced once (only the current one is copied), a caption file beside.
    fs.writeFileSync(path.join(dataDir, 'src-1'), 'source one');
    await local.storeSource(P, M1, path.join(dataDir, 'src-1'));
    await publish(M1, { 'master.m3u8': 'old' });
    await publish(M1, { 'master.m3u8': '#EXTM3U\n240p/index.m3u8\n', '240p/index.m3u8': '#EXTM3U\nseg_001.m4s\n', '240p/seg_001.m4s': 'segment bytes', 'poster.jpg': 'jpeg' });
    fs.mkdirSync(path.join(dataDir, 'media', P, M1, 'captions'));
    fs.writeFileSync(path.join(dataDir, 'media', P, M1, 'captions', 'fr.vtt'), 'WEBVTT\n');
    // M2: published before links were used (`out` is a folder).
    fs.mkdirSync(path.join(dataDir, 'media', P, M2, 'out'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'media', P, M2, 'source'), 'source two');
    fs.writeFileSync(path.join(dataDir, 'media', P, M2, 'out', 'master.m3u8'), 'legacy');
  });
  after(async () => {
    await s3.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies sources and current outputs, checks sizes, and the bucket then plays them', async () => {
    const progress: string[] = [];
    const summary = await migrateMediaToS3(config, (p) => progress.push(`${p.done}/${p.total} ${p.mediaId} ${p.copiedFiles}`));
    assert.deepEqual({ ...summary }, { bucket: s3.bucket, media: 2, copiedFiles: 8, skippedFiles: 0, copiedBytes: summary.copiedBytes, complete: true });
    assert.equal(summary.copiedBytes, ['source one', '#EXTM3U\n240p/index.m3u8\n', '#EXTM3U\nseg_001.m4s\n', 'segment bytes', 'jpeg', 'WEBVTT\n', 'source two', 'legacy'].join('').length);
    assert.deepEqual(progress.sort(), [`1/2 ${M1} 6`, `2/2 ${M2} 2`].sort());
    assert.equal(await bucket.readOutputText(P, M1, 'master.m3u8'), '#EXTM3U\n240p/index.m3u8\n', 'the current output, not the replaced one');
    assert.equal(await bucket.readOutputText(P, M2, 'master.m3u8'), 'legacy');
    assert.equal(await (await fetch((await bucket.outputUrl(P, M1, '240p/seg_001.m4s', { expiresAt }))!)).text(), 'segment bytes');
    assert.equal(await bucket.objects.size(`media/${P}/${M1}/captions/fr.vtt`), 'WEBVTT\n'.length);
    const work = await bucket.workDir('check');
    assert.equal(fs.readFileSync(await bucket.readSource(P, M2, work), 'utf8'), 'source two');
    assert.ok(fs.existsSync(path.join(dataDir, 'media', P, M1, 'source')), 'local files stay until the operator removes them');
  });

  it('is idempotent and resumes: a second run copies only what is missing or changed', async () => {
    const again = await migrateMediaToS3(config);
    assert.equal(again.copiedFiles, 0);
    assert.equal(again.skippedFiles, 8);
    // A file the first run did not finish (gone from the bucket) and a changed source.
    await bucket.objects.deleteKeys([`media/${P}/${M1}/${(await bucket.objects.getText(`media/${P}/${M1}/out`))!}/poster.jpg`]);
    fs.writeFileSync(path.join(dataDir, 'media', P, M2, 'source'), 'source two, longer');
    const resumed = await migrateMediaToS3(config);
    assert.equal(resumed.copiedFiles, 2);
    assert.equal(resumed.skippedFiles, 6);
  });

  it('runs as the admin command, and refuses clearly without a bucket, when already on s3, or when the bucket cannot be reached', async () => {
    const logged: unknown[] = [];
    const ctx = { config, logger: { info: (o: unknown) => logged.push(o) } } as unknown as AppContext;
    const cmd = MEDIA_MIGRATE_ADMIN_COMMANDS['media-migrate'];
    const result = (await cmd.run(ctx, cmd.args.parse({ to: 's3' }))) as { complete: boolean };
    assert.equal(result.complete, true);
    assert.equal(logged.length, 2, 'one progress line per media');
    assert.throws(() => cmd.args.parse({ to: 'local' }));
    const code = (err: unknown) => (err instanceof AppError ? err.code : String(err));
    await assert.rejects(migrateMediaToS3(loadConfig({ DATA_DIR: dataDir })), (e) => code(e) === 'media-migrate-no-bucket');
    await assert.rejects(migrateMediaToS3(loadConfig({ ...s3.env, DATA_DIR: dataDir })), (e) => code(e) === 'media-migrate-already-s3');
    await assert.rejects(migrateMediaToS3(loadConfig({ S3_BUCKET: s3.bucket, S3_ENDPOINT: 'http://127.0.0.1:1', S3_FORCE_PATH_STYLE: 'true', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b', DATA_DIR: dataDir })), (e) => code(e) === 'media-migrate-failed' && /unreachable/.test(JSON.stringify((e as AppError).params)));
  });

  it('the built CLI prints progress and a summary with the next steps', async () => {
    const { MEDIA_STORAGE: _ignored, ...bucketEnv } = s3.env;
    // Not spawnSync: s3rver answers from this very process.
    const run = await promisify(execFile)(process.execPath, ['dist/cli/main.js', 'media', 'migrate', '--to', 's3'], { env: { PATH: process.env.PATH, ...bucketEnv, DATA_DIR: dataDir }, encoding: 'utf8', timeout: 60_000 });
    assert.match(run.stderr, new RegExp(`\\[1/2\\] ${P}/${M1}: nothing to copy, 6 already there`));
    assert.match(run.stdout, /2 media in bucket amphi-media: 0 file\(s\) copied .*8 already there/);
    assert.match(run.stdout, /set MEDIA_STORAGE=s3/);
  });
});
