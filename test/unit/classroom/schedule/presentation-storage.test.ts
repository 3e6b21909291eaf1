import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { presentationPath, stagePresentation } from '../../../../src/classroom/schedule/presentation-storage.js';

describe('presentation storage', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-presentation-'));
  const file = presentationPath(dataDir, 'platform-1', 'classroom-1');
  const leftovers = () => fs.readdirSync(path.dirname(file)).filter((f) => f !== 'presentation');

  it('replaces the file in one rename and leaves no temp or backup behind', async () => {
    const first = await stagePresentation(dataDir, 'platform-1', 'classroom-1', Buffer.from('first'));
    await first.commit();
    await first.finish();
    const second = await stagePresentation(dataDir, 'platform-1', 'classroom-1', Buffer.from('second'));
    assert.equal(fs.readFileSync(file, 'utf8'), 'first', 'staging does not touch the current file');
    await second.commit();
    await second.finish();
    assert.equal(fs.readFileSync(file, 'utf8'), 'second');
    assert.deepEqual(leftovers(), []);
  });

  it('puts the previous file back on rollback, and removes a first file rolled back', async () => {
    const staged = await stagePresentation(dataDir, 'platform-1', 'classroom-1', Buffer.from('third'));
    await staged.commit();
    assert.equal(fs.readFileSync(file, 'utf8'), 'third');
    await staged.rollback();
    assert.equal(fs.readFileSync(file, 'utf8'), 'second');
    assert.deepEqual(leftovers(), []);

    const fresh = await stagePresentation(dataDir, 'platform-1', 'classroom-2', Buffer.from('only'));
    await fresh.commit();
    await fresh.rollback();
    assert.equal(fs.existsSync(presentationPath(dataDir, 'platform-1', 'classroom-2')), false);
  });

  it('discards a staged file that was never committed, and hashes ids that are not plain', async () => {
    const staged = await stagePresentation(dataDir, 'platform-1', 'classroom-1', Buffer.from('unused'));
    await staged.discard();
    assert.deepEqual(leftovers(), []);
    assert.equal(fs.readFileSync(file, 'utf8'), 'second');
    const odd = presentationPath(dataDir, '../escape', 'x/y');
    assert.ok(odd.startsWith(path.join(dataDir, 'classroom')) && !odd.includes('..'), odd);
  });
});
