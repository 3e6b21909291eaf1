import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chooseCuts, frameLevels, splitAtSilences } from '../../../../src/captions/asr/silence-split.js';
import { readWavInfo, wavHeader } from '../../../../src/captions/asr/wav.js';
import { joinedLibrivox, librivoxSpans, POCKETSPHINX_PRESENT } from '../../../support/librivox.js';
import { FFMPEG } from '../../../support/media-fixtures.js';

/** Levels (dBFS per 10 ms) of `seconds` of speech-like -20 dB with the given quieter stretches. */
function levels(seconds: number, quiet: { from: number; to: number; db: number }[]): Float32Array {
  const out = new Float32Array(Math.round(seconds * 100)).fill(-20);
  for (const q of quiet) out.fill(q.db, Math.round(q.from * 100), Math.round(q.to * 100));
  return out;
}

describe('choosing cuts', () => {
  it('cuts at the middle of the silence nearest each even split', () => {
    const l = levels(120, [{ from: 35, to: 36, db: -60 }, { from: 58, to: 58.4, db: -50 }, { from: 90, to: 92, db: -70 }]);
    assert.deepEqual(chooseCuts(l, 2), [58.2]);
    assert.deepEqual(chooseCuts(l, 3), [35.5, 91]);
  });

  it('ignores pauses shorter than 0.3 s and levels above -35 dB', () => {
    const l = levels(60, [{ from: 29, to: 29.2, db: -80 }, { from: 31, to: 32, db: -30 }, { from: 40, to: 41, db: -50 }]);
    assert.deepEqual(chooseCuts(l, 2), [40.5]);
  });

  it('with no silence within ±15 s, cuts at the quietest 0.1 s near the target', () => {
    const l = levels(100, [{ from: 10, to: 11, db: -60 }, { from: 44, to: 44.1, db: -28 }, { from: 57, to: 57.1, db: -25 }]);
    assert.deepEqual(chooseCuts(l, 2), [44.05]);
  });

  it('keeps cuts in order and chunks apart when chunks are short', () => {
    const l = levels(40, [{ from: 19, to: 21, db: -60 }]);
    const cuts = chooseCuts(l, 4);
    assert.equal(cuts.length, 3);
    cuts.forEach((c, i) => assert.ok(c > (cuts[i - 1] ?? 0) + 4, `${cuts}`));
    assert.deepEqual(chooseCuts(l, 1), []);
  });
});

describe('splitting a WAV', { skip: POCKETSPHINX_PRESENT ? false : 'pocketsphinx-testdata is not installed' }, () => {
  let dir: string;
  let joined: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-asr-split-'));
    joined = await joinedLibrivox(FFMPEG, path.join(dir, 'joined.wav'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('measures levels: the gaps between recordings are digital silence', async () => {
    const l = await frameLevels(joined);
    const spans = librivoxSpans();
    assert.equal(l.length, Math.ceil(spans.at(-1)!.end * 100));
    const gapMid = Math.round(((spans[0]!.end + spans[1]!.start) / 2) * 100);
    assert.equal(l[gapMid], -100);
    assert.ok(Math.max(...l.subarray(Math.round(spans[0]!.start * 100), Math.round(spans[0]!.end * 100))) > -25, 'speech is loud');
  });

  it('writes chunks with 44-byte headers whose samples, joined, are the original, cut inside gaps', async () => {
    const chunks = await splitAtSilences({ wavPath: joined, count: 3, outDir: dir });
    assert.equal(chunks.length, 3);
    const original = fs.readFileSync(joined).subarray(44);
    const parts = chunks.map((c) => fs.readFileSync(c.path));
    for (const p of parts) assert.deepEqual(p.subarray(0, 44), wavHeader(p.length - 44));
    assert.ok(Buffer.concat(parts.map((p) => p.subarray(44))).equals(original));
    const spans = librivoxSpans();
    chunks.forEach((c, i) => {
      assert.ok(Math.abs(c.offsetSeconds - (chunks[i - 1] ? chunks[i - 1]!.offsetSeconds + chunks[i - 1]!.durationSeconds : 0)) < 1e-9);
      if (i > 0) assert.ok(spans.some((s, j) => j > 0 && c.offsetSeconds > spans[j - 1]!.end && c.offsetSeconds < s.start), `cut at ${c.offsetSeconds}`);
    });
  });

  it('keeps a single chunk as the file itself', async () => {
    assert.deepEqual(await splitAtSilences({ wavPath: joined, count: 1, outDir: dir }), [
      { index: 0, path: joined, offsetSeconds: 0, durationSeconds: (await readWavInfo(joined)).durationSeconds },
    ]);
  });

  it('reads a WAV whose samples follow a LIST chunk', async () => {
    const withList = path.join(dir, 'list.wav');
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([10, 0, 0, 0]), Buffer.from('INFOISFT\0\0')]);
    const header = wavHeader(3200);
    const riff = Buffer.concat([header.subarray(0, 36), list, header.subarray(36), Buffer.alloc(3200)]);
    riff.writeUInt32LE(riff.length - 8, 4);
    fs.writeFileSync(withList, riff);
    assert.deepEqual(await readWavInfo(withList), { sampleRate: 16000, channels: 1, bitsPerSample: 16, dataOffset: 62, dataBytes: 3200, durationSeconds: 0.1 });
  });
});
