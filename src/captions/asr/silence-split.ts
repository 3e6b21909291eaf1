/**
 * Cuts a long recording into chunks of similar length that can be recognised in parallel, each
 * cut in the middle of a silence so that no word is split. The level of every 10 ms is computed
 * from the PCM we already have (one read of the file, ~0.1 s per hour of audio) rather than by
 * another ffmpeg `silencedetect` pass, which decodes the file again (see bench/captions).
 * With no silence near a target, the cut goes to the quietest 0.1 s within ±15 s of it.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { abortError } from './speech-engine-error.js';
import { assertSpeechWav, readWavInfo, wavHeader, SPEECH_SAMPLE_RATE, type WavInfo } from './wav.js';

export interface SilenceOptions {
  /** Below this level (dBFS, mean power over 10 ms) is silence; ffmpeg silencedetect's usual -35 dB. */
  silenceDb?: number;
  /** A pause shorter than this is not a silence (a stop consonant is ~0.1 s). */
  minSilenceSeconds?: number;
  /** How far from the even split a cut may move. */
  searchSeconds?: number;
}

export interface AudioChunk {
  index: number;
  /** A 16 kHz mono WAV with a 44-byte header. */
  path: string;
  /** Where the chunk starts in the whole recording: add it to the chunk's word times. */
  offsetSeconds: number;
  durationSeconds: number;
}

/** Seconds per level frame. */
export const FRAME_SECONDS = 0.01;
const FRAME_SAMPLES = SPEECH_SAMPLE_RATE * FRAME_SECONDS;
/** The quietest-window fallback looks at 0.1 s windows. */
const QUIET_WINDOW_FRAMES = 10;
const FULL_SCALE_POWER = 32768 * 32768;

/**
 * Mean power of every 10 ms of a 16-bit mono WAV, in dBFS (-100 for digital silence). Reads the
 * file once, in 1 MiB blocks, through an Int16Array (a little-endian host, as the WAV is).
 */
export async function frameLevels(wavPath: string, info?: WavInfo, signal?: AbortSignal): Promise<Float32Array> {
  const wav = info ?? (await readWavInfo(wavPath));
  assertSpeechWav(wav, wavPath);
  const totalSamples = Math.floor(wav.dataBytes / 2);
  const levels = new Float32Array(Math.ceil(totalSamples / FRAME_SAMPLES));
  const block = Buffer.allocUnsafeSlow(1 << 20); // unpooled: offset 0, so 2-byte aligned
  const handle = await fs.open(wavPath, 'r');
  try {
    let sum = 0;
    let inFrame = 0;
    let frame = 0;
    for (let done = 0; done < totalSamples; ) {
      if (signal?.aborted) throw abortError(signal, 'silence detection');
      const want = Math.min(block.length, (totalSamples - done) * 2);
      const { bytesRead } = await handle.read(block, 0, want, wav.dataOffset + done * 2);
      if (bytesRead < 2) break;
      const samples = new Int16Array(block.buffer, block.byteOffset, bytesRead >> 1);
      for (let i = 0; i < samples.length; i++) {
        const s = samples[i]!;
        sum += s * s;
        if (++inFrame === FRAME_SAMPLES) {
          levels[frame++] = toDb(sum / FRAME_SAMPLES);
          sum = 0;
          inFrame = 0;
        }
      }
      done += samples.length;
    }
    if (inFrame > 0) levels[frame++] = toDb(sum / inFrame);
    return frame === levels.length ? levels : levels.subarray(0, frame);
  } finally {
    await handle.close();
  }
}

const toDb = (meanPower: number) => (meanPower > 0 ? Math.max(-100, 10 * Math.log10(meanPower / FULL_SCALE_POWER)) : -100);

/**
 * Where to cut (seconds, increasing, count - 1 of them) so the pieces are of similar length: at
 * the middle of the silence nearest each even split, else at the quietest 0.1 s near it. Pure.
 */
export function chooseCuts(levels: Float32Array, count: number, o: SilenceOptions = {}): number[] {
  const silenceDb = o.silenceDb ?? -35;
  const minFrames = Math.round((o.minSilenceSeconds ?? 0.3) / FRAME_SECONDS);
  const frames = levels.length;
  if (count <= 1 || frames < count * 2) return [];
  const silences: { start: number; end: number; mid: number }[] = [];
  for (let i = 0; i < frames; ) {
    if (levels[i]! >= silenceDb) { i++; continue; }
    let j = i;
    while (j < frames && levels[j]! < silenceDb) j++;
    if (j - i >= minFrames && i > 0 && j < frames) silences.push({ start: i, end: j, mid: Math.floor((i + j) / 2) });
    i = j;
  }
  const spacing = frames / count;
  // Neighbouring search windows never overlap, so the cuts stay in order and chunks not tiny.
  const reach = Math.max(1, Math.min(Math.round((o.searchSeconds ?? 15) / FRAME_SECONDS), Math.floor(spacing / 2) - 1));
  const cuts: number[] = [];
  for (let k = 1; k < count; k++) {
    const target = Math.round(k * spacing);
    const lo = Math.max(1, target - reach);
    const hi = Math.min(frames - 1, target + reach);
    let best: number | null = null;
    for (const s of silences) {
      if (s.mid < lo || s.mid > hi) continue;
      if (best === null || Math.abs(s.mid - target) < Math.abs(best - target)) best = s.mid;
    }
    cuts.push(Math.round((best ?? quietestWindowCentre(levels, lo, hi)) * FRAME_SECONDS * 1000) / 1000);
  }
  return cuts;
}

/** Centre frame of the 0.1 s window of least mean power whose centre lies in [lo, hi]. */
function quietestWindowCentre(levels: Float32Array, lo: number, hi: number): number {
  const half = QUIET_WINDOW_FRAMES / 2;
  const power = (i: number) => 10 ** (levels[i]! / 10);
  const first = Math.max(0, lo - half);
  const last = Math.min(levels.length, hi + half);
  let sum = 0;
  let bestSum = Infinity;
  let best = Math.round((lo + hi) / 2);
  for (let i = first; i < last; i++) {
    sum += power(i);
    if (i - first >= QUIET_WINDOW_FRAMES) sum -= power(i - QUIET_WINDOW_FRAMES);
    if (i - first + 1 < QUIET_WINDOW_FRAMES) continue;
    const centre = i - half + 1;
    if (centre >= lo && centre <= hi && sum < bestSum) {
      bestSum = sum;
      best = centre;
    }
  }
  return best;
}

export interface SplitOptions extends SilenceOptions {
  wavPath: string;
  count: number;
  /** Where the chunk files go (chunk-000.wav, …). */
  outDir: string;
  signal?: AbortSignal;
}

/** The chunks of the recording; one chunk is the file itself (nothing is read or written). */
export async function splitAtSilences(o: SplitOptions): Promise<AudioChunk[]> {
  const info = await readWavInfo(o.wavPath);
  assertSpeechWav(info, o.wavPath);
  const totalSamples = Math.floor(info.dataBytes / 2);
  const cuts = o.count > 1 ? chooseCuts(await frameLevels(o.wavPath, info, o.signal), o.count, o) : [];
  if (cuts.length === 0 && info.dataOffset === 44) return [{ index: 0, path: o.wavPath, offsetSeconds: 0, durationSeconds: info.durationSeconds }];
  const bounds = [0, ...cuts.map((c) => Math.round(c * SPEECH_SAMPLE_RATE)), totalSamples];
  const chunks: AudioChunk[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    if (o.signal?.aborted) throw abortError(o.signal, 'audio split');
    const [from, to] = [bounds[i]!, bounds[i + 1]!];
    const file = path.join(o.outDir, `chunk-${String(i).padStart(3, '0')}.wav`);
    await fs.writeFile(file, wavHeader((to - from) * 2));
    if (to > from) {
      await pipeline(
        createReadStream(o.wavPath, { start: info.dataOffset + from * 2, end: info.dataOffset + to * 2 - 1, highWaterMark: 1 << 20 }),
        createWriteStream(file, { flags: 'a' }),
        { signal: o.signal },
      );
    }
    chunks.push({ index: i, path: file, offsetSeconds: from / SPEECH_SAMPLE_RATE, durationSeconds: (to - from) / SPEECH_SAMPLE_RATE });
  }
  return chunks;
}
