import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NoAudioError } from '../../../../src/captions/asr/audio-extract.js';
import { PocketsphinxEngine } from '../../../../src/captions/asr/pocketsphinx-engine.js';
import { SpeechEngineUnavailableError } from '../../../../src/captions/asr/speech-engine-error.js';
import { SpeechEngines } from '../../../../src/captions/asr/speech-engines.js';
import { chunkCount, mergeChunks, transcribeMedia, type TranscribeResult } from '../../../../src/captions/asr/transcribe-media.js';
import { assertOrderedWithin, joinedLibrivox, librivoxSpans, librivoxText, POCKETSPHINX_PRESENT } from '../../../support/librivox.js';
import { FFMPEG, FFPROBE, generateClip } from '../../../support/media-fixtures.js';
import { wordErrorRate } from '../../../support/word-error-rate.js';
import { isAlive } from '../../../support/processes.js';

const skip = POCKETSPHINX_PRESENT ? false : 'pocketsphinx_continuous or pocketsphinx-testdata is not installed';

describe('transcribeMedia', () => {
  let dir: string;
  let video: string;
  let n = 0;
  const workDir = () => fs.mkdtempSync(path.join(dir, `work-${n++}-`));
  const pids: number[] = [];
  const engines = new SpeechEngines([new PocketsphinxEngine({ onSpawn: (pid) => pids.push(pid) })]);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-asr-media-'));
    if (!skip) video = await joinedLibrivox(FFMPEG, path.join(dir, 'lecture.mp4'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('on real speech (pocketsphinx)', { skip }, () => {
    let one: TranscribeResult;
    let two: TranscribeResult;
    const progress: [number, string][] = [];

    before(async () => {
      // One after the other: the one-chunk run is the reference for the two-chunk run's times.
      one = await transcribeMedia({ input: video, lang: 'en', engines, ffmpegPath: FFMPEG, workDir: workDir(), concurrency: 1 });
      two = await transcribeMedia({
        input: video, lang: 'en-GB', engines, ffmpegPath: FFMPEG, ffprobePath: FFPROBE, workDir: workDir(), concurrency: 2, minChunkSeconds: 5,
        onProgress: (fraction, label) => progress.push([fraction, label]),
      });
    });

    it('recognises an MP4 (AAC + H.264) in two parallel chunks with WER ≤ 0.35 and ordered times', () => {
      assert.equal(one.chunks, 1);
      assert.equal(two.chunks, 2);
      assert.ok(Math.abs(two.durationSeconds - librivoxSpans().at(-1)!.end) < 0.1, `duration ${two.durationSeconds}`);
      for (const r of [one, two]) {
        const wer = wordErrorRate(librivoxText(), r.words.map((w) => w.word));
        assert.ok(wer <= 0.35, `${r.chunks} chunk(s): WER ${wer.toFixed(3)}: ${r.words.map((w) => w.word).join(' ')}`);
        assertOrderedWithin(r.words, r.durationSeconds);
      }
    });

    it('cuts in a silence between recordings, and no word spans the cut', () => {
      assert.equal(two.cutsSeconds.length, 1);
      const cut = two.cutsSeconds[0]!;
      const spans = librivoxSpans();
      assert.ok(spans.some((s, i) => i > 0 && cut > spans[i - 1]!.end && cut < s.start), `cut at ${cut} is not in a gap`);
      for (const w of two.words) assert.ok(!(w.start < cut && w.end > cut), `${w.word} ${w.start}–${w.end} spans the cut at ${cut}`);
    });

    it('gives the words after the cut their absolute times (as the one-chunk run does, ±0.3 s)', () => {
      const cut = two.cutsSeconds[0]!;
      const late = two.words.filter((w) => w.start > cut);
      assert.ok(late.length >= 10);
      let matched = 0;
      for (const w of late) {
        const same = one.words.find((o) => o.word === w.word && Math.abs(o.start - w.start) <= 0.3);
        if (same) matched++;
      }
      // Recognition of the second chunk may differ a little (other context): most words match.
      assert.ok(matched / late.length >= 0.8, `${matched}/${late.length} words after the cut match the one-chunk run`);
      const lastSpan = librivoxSpans().at(-1)!;
      const tail = two.words.filter((w) => w.start >= lastSpan.start - 0.15);
      assert.ok(tail.length >= 5 && tail.every((w) => w.end <= lastSpan.end + 0.15), 'the last recording’s words are at its place');
    });

    it('reports progress forward: audio to 1, then recognition to 1', () => {
      const audio = progress.filter(([, l]) => l === 'audio').map(([f]) => f);
      const recognition = progress.filter(([, l]) => l === 'recognition').map(([f]) => f);
      assert.deepEqual(progress.map(([, l]) => l), [...audio.map(() => 'audio'), ...recognition.map(() => 'recognition')]);
      for (const fractions of [audio, recognition]) {
        assert.equal(fractions.at(-1), 1);
        assert.deepEqual(fractions, [...new Set(fractions)].sort((a, b) => a - b), 'strictly increasing');
      }
      assert.equal(recognition.length, 3, '0, one chunk, both chunks');
    });

    it('stops on abort mid-recognition: rejects, and no pocketsphinx process is left', async () => {
      const controller = new AbortController();
      const spawned: number[] = [];
      let abortedAt = 0;
      const watched = new SpeechEngines([new PocketsphinxEngine({ onSpawn: (pid) => {
        spawned.push(pid);
        if (spawned.length === 2) setTimeout(() => { abortedAt = performance.now(); controller.abort(); }, 300);
      } })]);
      await assert.rejects(
        transcribeMedia({ input: video, lang: 'en', engines: watched, ffmpegPath: FFMPEG, workDir: workDir(), concurrency: 2, minChunkSeconds: 5, signal: controller.signal }),
        (err: Error) => err.name === 'AbortError',
      );
      assert.ok(abortedAt > 0 && performance.now() - abortedAt < 1500, `stopped ${performance.now() - abortedAt} ms after the abort`);
      assert.equal(spawned.length, 2);
      for (const pid of spawned) assert.equal(isAlive(pid), false, `pocketsphinx ${pid} still running`);
    });
  });

  it('throws NoAudioError for a video without sound, before decoding it (with and without ffprobe)', async () => {
    const silent = await generateClip({ audio: false, seconds: 2 });
    for (const ffprobePath of [FFPROBE, undefined]) {
      const t0 = performance.now();
      await assert.rejects(
        transcribeMedia({ input: silent, lang: 'en', engines: anyEngine, ffmpegPath: FFMPEG, ffprobePath, workDir: workDir() }),
        NoAudioError,
      );
      assert.ok(performance.now() - t0 < 1500, `${ffprobePath ? 'ffprobe' : 'ffmpeg'}: ${performance.now() - t0} ms`);
    }
  });

  it('throws SpeechEngineUnavailableError for a language without an engine, before any work', async () => {
    await assert.rejects(
      transcribeMedia({ input: '/nonexistent.mp4', lang: 'fr-FR', engines: new SpeechEngines([]), ffmpegPath: FFMPEG, workDir: workDir() }),
      (err: Error) => err instanceof SpeechEngineUnavailableError && /"fr-FR"/.test(err.message),
    );
  });
});

/** Never called: the media fails before recognition. */
const anyEngine = { engineFor: () => ({ name: 'pocketsphinx' as const, lang: 'en', recognize: async () => assert.fail('recognize called') }) };

describe('how many chunks', () => {
  it('one per worker when the media is long enough, more for a lecture, never a chunk under the minimum', () => {
    assert.equal(chunkCount(15, 2, 20, 120), 1, 'a short clip is one chunk');
    assert.equal(chunkCount(45, 2, 20, 120), 2);
    assert.equal(chunkCount(45, 8, 20, 120), 2, 'no chunk under 20 s, whatever the cores');
    const lecture = chunkCount(3600, 2, 20, 120);
    assert.equal(lecture, 30, 'an hour: chunks of two minutes, so progress moves and workers stay busy');
    assert.ok(3600 / chunkCount(3601, 2, 20, 120) <= 120);
  });
});

describe('merging chunk words', () => {
  it('shifts each chunk by its offset and drops a word seen on both sides of a cut', () => {
    const words = mergeChunks([{ offsetSeconds: 0 }, { offsetSeconds: 10 }], [
      [{ word: 'a', start: 1, end: 2, confidence: 1 }, { word: 'cut', start: 9.8, end: 10.2, confidence: 1 }],
      [{ word: 'cut', start: 0, end: 0.2, confidence: 0.5 }, { word: 'b', start: 1, end: 1.5, confidence: 1 }],
    ]);
    assert.deepEqual(words.map((w) => [w.word, w.start, w.end]), [['a', 1, 2], ['cut', 9.8, 10.2], ['b', 11, 11.5]]);
  });
});
