import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { AppContext } from '../../../../src/app-context.js';
import { importedCaptionPath, listImportedCaptions, saveImportedCaptions } from '../../../../src/video/import/imported-captions.js';

describe('imported captions', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-captions-'));
  const ctx = { config: { dataDir } } as AppContext;
  const MEDIA = '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b';
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('keeps WebVTT tracks with a language tag beside the media, and lists them', async () => {
    const kept = await saveImportedCaptions(ctx, 'p1', MEDIA, [
      { lang: 'fr-FR', label: 'Français', vtt: 'WEBVTT\n\n00:00.000 --> 00:01.000\nBonjour\n' },
      { lang: '../../etc', label: 'Escape', vtt: 'WEBVTT\n' },
      { lang: 'en', label: 'English', vtt: '<html>not captions</html>' },
      { lang: 'fr-FR', label: 'Doublon', vtt: 'WEBVTT\n' },
      { lang: 'en', label: '', vtt: '\uFEFFWEBVTT\n\n00:00.000 --> 00:01.000\nHello\n' },
    ]);
    assert.deepEqual(kept, [
      { lang: 'fr-FR', label: 'Français', file: 'fr-FR.vtt' },
      { lang: 'en', label: 'en', file: 'en.vtt' },
    ]);
    assert.deepEqual(await listImportedCaptions(ctx, 'p1', MEDIA), kept);
    const file = await importedCaptionPath(ctx, 'p1', MEDIA, 'fr-FR');
    assert.match(fs.readFileSync(file!, 'utf8'), /Bonjour/);
    assert.equal(await importedCaptionPath(ctx, 'p1', MEDIA, 'de'), null);
    assert.equal(await importedCaptionPath(ctx, 'p1', MEDIA, '../x'), null);
    assert.ok(!fs.existsSync(path.join(dataDir, 'etc')));
  });

  it('lists nothing for a media without captions', async () => {
    assert.deepEqual(await listImportedCaptions(ctx, 'p1', '0a1b2c3d-0000-4000-8000-000000000000'), []);
  });
});
