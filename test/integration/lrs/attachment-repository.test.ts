import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { loadAttachments, saveAttachments, type AttachmentPart } from '../../../src/lrs/attachments/attachment.repository.js';
import { addLrsPlatform } from '../../support/lrs-client.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

const part = (content: Buffer | string, contentType = 'text/plain'): AttachmentPart => {
  const bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
  return { sha2: createHash('sha256').update(bytes).digest('hex'), contentType, content: bytes };
};

/** Attachment data in lrs_attachments, on the test run's engine (PGlite or PostgreSQL). */
describe('attachment repository', () => {
  let app: TestApp;
  let platformId: string;
  let otherPlatformId: string;
  const binary = part(Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x80, 0x00]), 'image/png');
  const text = part('here is a simple attachment', 'text/plain; charset=ascii');

  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());
  beforeEach(async () => {
    await app.reset();
    platformId = await addLrsPlatform(app, 'Moodle A');
    otherPlatformId = await addLrsPlatform(app, 'Moodle B');
  });

  const rows = () => app.ctx.db.selectFrom('lrs_attachments').select(['platform_id', 'sha2', 'content_type', 'length']).orderBy('sha2').execute();
  const bySha2 = (parts: AttachmentPart[]) => [...parts].sort((a, b) => a.sha2.localeCompare(b.sha2));

  it('stores each part with its type and length, and gives back the same bytes', async () => {
    await saveAttachments(app.ctx.db, platformId, [binary, text]);
    assert.deepEqual(await rows(), bySha2([binary, text]).map((p) => ({ platform_id: platformId, sha2: p.sha2, content_type: p.contentType, length: p.content.length })));
    const loaded = await loadAttachments(app.ctx.db, platformId, [text.sha2, binary.sha2]);
    assert.deepEqual(bySha2(loaded), bySha2([binary, text]));
    assert.ok(loaded.every((p) => Buffer.isBuffer(p.content)), 'content is a Buffer on every engine');
  });

  it('keeps one copy per hash: a repeated part, in one call or later, changes nothing', async () => {
    await saveAttachments(app.ctx.db, platformId, [text, text]);
    await saveAttachments(app.ctx.db, platformId, [{ ...text, contentType: 'text/plain' }, binary]);
    assert.deepEqual(
      (await rows()).map((r) => [r.sha2, r.content_type]),
      bySha2([text, binary]).map((p) => [p.sha2, p.contentType]),
    );
  });

  it('stores and finds hashes lower-cased, whatever case they were sent in', async () => {
    await saveAttachments(app.ctx.db, platformId, [{ ...text, sha2: text.sha2.toUpperCase() }]);
    assert.deepEqual(await loadAttachments(app.ctx.db, platformId, [text.sha2.toUpperCase(), text.sha2]), [text]);
  });

  it('keeps each platform’s data apart', async () => {
    await saveAttachments(app.ctx.db, platformId, [text]);
    assert.deepEqual(await loadAttachments(app.ctx.db, otherPlatformId, [text.sha2]), []);
    await saveAttachments(app.ctx.db, otherPlatformId, [{ ...text, contentType: 'text/x-other' }]);
    assert.equal((await loadAttachments(app.ctx.db, otherPlatformId, [text.sha2]))[0]!.contentType, 'text/x-other');
    assert.equal((await loadAttachments(app.ctx.db, platformId, [text.sha2]))[0]!.contentType, 'text/plain; charset=ascii');
  });

  it('leaves out hashes it has no data for, and does nothing for no parts or no hashes', async () => {
    await saveAttachments(app.ctx.db, platformId, []);
    assert.deepEqual(await rows(), []);
    await saveAttachments(app.ctx.db, platformId, [text]);
    assert.deepEqual(await loadAttachments(app.ctx.db, platformId, []), []);
    assert.deepEqual(await loadAttachments(app.ctx.db, platformId, [binary.sha2, text.sha2]), [text]);
  });

  it('writes within the caller’s transaction: nothing remains when it rolls back', async () => {
    await assert.rejects(
      app.ctx.db.transaction().execute(async (trx) => {
        await saveAttachments(trx, platformId, [text]);
        assert.equal((await loadAttachments(trx, platformId, [text.sha2])).length, 1);
        throw new Error('statement refused later');
      }),
      /statement refused later/,
    );
    assert.deepEqual(await rows(), []);
  });

  it('saves and loads more parts than one SQL statement takes', async () => {
    const many = Array.from({ length: 1203 }, (_, i) => part(`attachment ${i}`));
    await saveAttachments(app.ctx.db, platformId, many);
    const loaded = await loadAttachments(app.ctx.db, platformId, many.map((p) => p.sha2));
    assert.equal(loaded.length, 1203);
    assert.deepEqual(bySha2(loaded), bySha2(many));
  });

  it('goes with its platform', async () => {
    await saveAttachments(app.ctx.db, platformId, [text]);
    await app.ctx.db.deleteFrom('platforms').where('id', '=', platformId).execute();
    assert.deepEqual(await rows(), []);
  });
});
