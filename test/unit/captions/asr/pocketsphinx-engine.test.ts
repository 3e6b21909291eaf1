import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parsePocketsphinxOutput, PocketsphinxEngine } from '../../../../src/captions/asr/pocketsphinx-engine.js';
import { SpeechEngineUnavailableError } from '../../../../src/captions/asr/speech-engine-error.js';
import { assertOrderedWithin, joinedLibrivox, librivoxSpans as spans, librivoxText, POCKETSPHINX_PRESENT } from '../../../support/librivox.js';
import { FFMPEG } from '../../../support/media-fixtures.js';
import { wordErrorRate } from '../../../support/word-error-rate.js';

const skip = POCKETSPHINX_PRESENT ? false : 'pocketsphinx_continuous or pocketsphinx-testdata is not installed (apt-get install pocketsphinx pocketsphinx-en-us pocketsphinx-testdata)';

describe('pocketsphinx -time yes output', () => {
  it('keeps words with their times, drops sentence marks, silences, noises and fillers, strips pronunciation variants', () => {
    const words = parsePocketsphinxOutput([
      'he was not an illness those young man',
      '<s> 0.000 0.060 0.999500',
      '<sil> 0.070 0.200 0.694306',
      'he 0.210 0.320 0.998701',
      'was(2) 0.330 0.540 0.999800',
      '[SPEECH] 0.980 1.100 0.535598',
      '[NOISE] 1.100 1.200 0.5',
      '++UH++ 1.200 1.250 0.5',
      "o'clock 1.300 1.680 1.000200",
      '</s> 2.800 2.970 1.000000',
      '',
    ].join('\n'));
    assert.deepEqual(words, [
      { word: 'he', start: 0.21, end: 0.32, confidence: 0.998701 },
      { word: 'was', start: 0.33, end: 0.54, confidence: 0.9998 },
      { word: "o'clock", start: 1.3, end: 1.68, confidence: 1 },
    ]);
  });
});

describe('pocketsphinx engine', { skip }, () => {
  let dir: string;
  let joined: string;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-asr-ps-'));
    joined = await joinedLibrivox(FFMPEG, path.join(dir, 'joined.wav'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('recognises the five recordings joined by silences: WER ≤ 0.35, times absolute from the file start', async () => {
    const words = await new PocketsphinxEngine().recognize(joined, {});
    const wer = wordErrorRate(librivoxText(), words.map((w) => w.word));
    assert.ok(wer <= 0.35, `WER ${wer.toFixed(3)}: ${words.map((w) => w.word).join(' ')}`);
    assertOrderedWithin(words, spans().at(-1)!.end);
    // Every word lies inside the recording it was said in (times run on across utterances).
    for (const w of words) {
      assert.ok(spans().some((s) => w.start >= s.start - 0.15 && w.end <= s.end + 0.15), `${w.word} ${w.start}–${w.end} falls in a gap`);
    }
    for (const s of spans()) assert.ok(words.some((w) => w.start >= s.start - 0.15 && w.end <= s.end + 0.15), `no word in ${s.start}–${s.end}`);
  });

  it('names the missing binary or model file', async () => {
    const noBinary = new PocketsphinxEngine({ binary: path.join(dir, 'no-such-pocketsphinx') });
    await assert.rejects(noBinary.recognize(joined, {}), (err: Error) =>
      err instanceof SpeechEngineUnavailableError && err.message.includes(path.join(dir, 'no-such-pocketsphinx')));
    const noModel = new PocketsphinxEngine({ modelDir: path.join(dir, 'no-model') });
    await assert.rejects(noModel.load(), (err: Error) =>
      err instanceof SpeechEngineUnavailableError && err.message.includes(path.join(dir, 'no-model', 'en-us', 'mdef')) && err.message.includes('cmudict-en-us.dict'));
  });
});
