/**
 * The words of a media, with times from its start: audio out with ffmpeg, cut at silences into
 * as many chunks as there are cores (a chunk is never shorter than minChunkSeconds, so a short
 * media is one chunk), the chunks recognised in parallel, their words shifted back into place.
 * Imports nothing from the app (DESIGN.md, long jobs): the caller owns workDir and removes it.
 */
import os from 'node:os';
import type { FfmpegLogger } from '../../video/ffmpeg/ffmpeg-process.js';
import { extractAudio } from './audio-extract.js';
import { splitAtSilences, type AudioChunk } from './silence-split.js';
import type { SpeechEngine, TimedWord } from './speech-engine.js';
import { abortError, SpeechEngineUnavailableError } from './speech-engine-error.js';

export interface TranscribeMediaOptions {
  input: string;
  /** BCP 47 (fr, fr-FR, en). */
  lang: string;
  engines: { engineFor(lang: string): SpeechEngine | null };
  ffmpegPath: string;
  /** With it, no audio is detected by probing and extraction reports progress. */
  ffprobePath?: string;
  workDir: string;
  /** Chunks recognised at once; default os.availableParallelism(). */
  concurrency?: number;
  /** No chunk shorter than this (so a media shorter than twice this is one chunk). */
  minChunkSeconds?: number;
  /** Longer media are cut into chunks of about this length at most (progress, load balance). */
  maxChunkSeconds?: number;
  /** fraction is 0..1 of the step the label names: 'audio' (extraction), then 'recognition'. */
  onProgress?: (fraction: number, label: 'audio' | 'recognition') => void;
  signal?: AbortSignal;
  logger?: FfmpegLogger;
}

export interface TranscribeResult {
  words: TimedWord[];
  durationSeconds: number;
  chunks: number;
  /** Where the audio was cut (seconds from the start; chunks - 1 of them). */
  cutsSeconds: number[];
}

export const DEFAULT_MIN_CHUNK_SECONDS = 20;
/** About two minutes of speech per chunk at most. */
export const DEFAULT_MAX_CHUNK_SECONDS = 120;

export async function transcribeMedia(o: TranscribeMediaOptions): Promise<TranscribeResult> {
  const engine = o.engines.engineFor(o.lang);
  if (!engine) throw new SpeechEngineUnavailableError(`No speech recognition engine for the language "${o.lang}" on this server`);
  if (o.signal?.aborted) throw abortError(o.signal, 'transcription');
  const started = performance.now();
  const report = monotonicProgress(o.onProgress);

  report(0, 'audio');
  const audio = await extractAudio({
    input: o.input, workDir: o.workDir, ffmpegPath: o.ffmpegPath, ffprobePath: o.ffprobePath, signal: o.signal, logger: o.logger,
    onProgress: (f) => report(f, 'audio'),
  });
  const concurrency = Math.max(1, Math.floor(o.concurrency ?? os.availableParallelism()));
  const count = chunkCount(audio.durationSeconds, concurrency, o.minChunkSeconds ?? DEFAULT_MIN_CHUNK_SECONDS, o.maxChunkSeconds ?? DEFAULT_MAX_CHUNK_SECONDS);
  const chunks = await splitAtSilences({ wavPath: audio.wavPath, count, outDir: o.workDir, signal: o.signal });
  o.logger?.debug({ engine: engine.name, lang: engine.lang, durationSeconds: audio.durationSeconds, chunks: chunks.map((c) => [c.offsetSeconds, c.durationSeconds]) }, 'speech recognition start');

  report(0, 'recognition');
  let doneSeconds = 0;
  const perChunk = await recognizeAll(chunks, concurrency, engine, o.signal, (chunk) => {
    doneSeconds += chunk.durationSeconds;
    report(audio.durationSeconds > 0 ? Math.min(1, doneSeconds / audio.durationSeconds) : 1, 'recognition');
  });
  const words = mergeChunks(chunks, perChunk);
  o.logger?.info({ engine: engine.name, lang: engine.lang, durationSeconds: audio.durationSeconds, chunks: chunks.length, words: words.length, wallSeconds: (performance.now() - started) / 1000 }, 'speech recognition done');
  return { words, durationSeconds: audio.durationSeconds, chunks: chunks.length, cutsSeconds: chunks.slice(1).map((c) => c.offsetSeconds) };
}

/**
 * As many chunks as workers (none shorter than minSeconds), and more for a long lecture (none
 * longer than about maxSeconds): each finished chunk moves the teacher's progress bar, and a
 * worker that ends early takes the next one.
 */
export function chunkCount(durationSeconds: number, concurrency: number, minSeconds: number, maxSeconds: number): number {
  const forWorkers = Math.min(concurrency, Math.floor(durationSeconds / minSeconds));
  return Math.max(1, forWorkers, Math.ceil(durationSeconds / maxSeconds));
}

/**
 * Recognises every chunk, at most `concurrency` at once. The first failure stops the others
 * (their processes are killed) and is thrown once all have stopped: nothing outlives the call.
 */
async function recognizeAll(
  chunks: AudioChunk[], concurrency: number, engine: SpeechEngine, signal: AbortSignal | undefined, onChunk: (c: AudioChunk) => void,
): Promise<TimedWord[][]> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const results: TimedWord[][] = new Array(chunks.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (next < chunks.length && !stop.signal.aborted) {
      const chunk = chunks[next++]!;
      try {
        results[chunk.index] = await engine.recognize(chunk.path, { signal: stop.signal });
        onChunk(chunk);
      } catch (error) {
        failure ??= { error };
        stop.abort(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (signal?.aborted) throw abortError(signal, 'transcription');
  if (failure) throw (failure as { error: unknown }).error;
  return results;
}

/**
 * Chunk words shifted by the chunk's offset, in order. Cuts are in silences, so a word is seen
 * by one chunk only; should an engine still report a word across the cut in both chunks, the
 * second sighting (same word, starting before the previous one ended) is dropped.
 */
export function mergeChunks(chunks: Pick<AudioChunk, 'offsetSeconds'>[], perChunk: TimedWord[][]): TimedWord[] {
  const words: TimedWord[] = [];
  chunks.forEach((chunk, i) => {
    for (const w of perChunk[i] ?? []) {
      const shifted = { ...w, start: round3(w.start + chunk.offsetSeconds), end: round3(w.end + chunk.offsetSeconds) };
      const last = words.at(-1);
      if (last && i > 0 && shifted.start < last.end && shifted.word === last.word) continue;
      words.push(shifted);
    }
  });
  return words;
}

/** Passes on a report only when it moves forward (ffmpeg repeats its last progress; 1 comes twice). */
function monotonicProgress(onProgress: TranscribeMediaOptions['onProgress']): NonNullable<TranscribeMediaOptions['onProgress']> {
  let last: { label: string; fraction: number } | null = null;
  return (fraction, label) => {
    if (last && last.label === label && fraction <= last.fraction) return;
    last = { label, fraction };
    onProgress?.(fraction, label);
  };
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
