import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { LocalMediaStorage } from '../../../src/video/storage/media-storage.js';

describe('media storage: publishing outputs', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-storage-'));
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const storage = new LocalMediaStorage(dataDir);
  const mediaDir = (id: string) => path.join(dataDir, 'media', 'p1', id);

  async function built(text: string): Promise<string> {
    const dir = await storage.workDir(`build-${Math.random().toString(36).slice(2)}`);
    fs.writeFileSync(path.join(dir, 'master.m3u8'), text);
    return dir;
  }

  it('swaps the published outputs so that a reader never finds none, and leaves no old folder behind', async () => {
    await storage.publishOutput('p1', 'm1', await built('v0'));
    const file = storage.resolveOutput('p1', 'm1', 'master.m3u8')!;
    let reading = true;
    let reads = 0;
    const missing: string[] = [];
    const reader = (async () => {
      while (reading) {
        try {
          fs.readFileSync(file, 'utf8');
          reads++;
        } catch (err) {
          missing.push((err as NodeJS.ErrnoException).code ?? String(err));
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let i = 1; i <= 30; i++) await storage.publishOutput('p1', 'm1', await built(`v${i}`));
    reading = false;
    await reader;
    assert.ok(reads > 0);
    assert.deepEqual(missing, []);
    assert.equal(fs.readFileSync(file, 'utf8'), 'v30');
    assert.deepEqual(fs.readdirSync(mediaDir('m1')).filter((n) => n.startsWith('out')).length, 2, 'the link and the one folder it names');
  });

  it('replaces a folder published before links were used, and removes outputs with the folder they name', async () => {
    fs.mkdirSync(path.join(mediaDir('m2'), 'out'), { recursive: true });
    fs.writeFileSync(path.join(mediaDir('m2'), 'out', 'master.m3u8'), 'legacy');
    await storage.publishOutput('p1', 'm2', await built('new'));
    assert.equal(fs.readFileSync(storage.resolveOutput('p1', 'm2', 'master.m3u8')!, 'utf8'), 'new');
    assert.ok(fs.lstatSync(path.join(mediaDir('m2'), 'out')).isSymbolicLink());
    await storage.removeOutput('p1', 'm2');
    assert.deepEqual(fs.readdirSync(mediaDir('m2')), []);
  });
});
