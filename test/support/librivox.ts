/**
 * Real English speech for the speech-recognition tests and benchmark: Debian's
 * `pocketsphinx-testdata` (five LibriVox recordings of Sense and Sensibility, 16 kHz mono, 24.7 s,
 * with their reference text). Joined files are made with the real ffmpeg into a temp folder.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TimedWord } from '../../src/captions/asr/speech-engine.js';

export const LIBRIVOX_DIR = '/usr/share/pocketsphinx/test/data/librivox';
export const POCKETSPHINX_PRESENT = fs.existsSync('/usr/bin/pocketsphinx_continuous') && fs.existsSync(path.join(LIBRIVOX_DIR, 'transcription'));
/** Silence between the joined recordings. */
export const GAP_SECONDS = 0.8;

export interface Recording {
  id: string;
  wav: string;
  /** Reference words, as spoken. */
  text: string;
}

/** The recordings in their order, with the reference text of each. */
export function librivoxRecordings(): Recording[] {
  const lines = fs.readFileSync(path.join(LIBRIVOX_DIR, 'transcription'), 'utf8').split('\n').filter(Boolean);
  return lines.map((line) => {
    const m = /^<s>\s*(.*?)\s*<\/s>\s*\((.+)\)$/.exec(line.trim());
    if (!m) throw new Error(`unexpected transcription line: ${line}`);
    return { id: m[2]!, wav: path.join(LIBRIVOX_DIR, `${m[2]}.wav`), text: m[1]! };
  });
}

export const librivoxText = (): string => librivoxRecordings().map((r) => r.text).join(' ');

const run = promisify(execFile);

/**
 * The five recordings joined with GAP_SECONDS of digital silence between them, as `out` (its
 * extension picks the container): .wav → 16 kHz PCM; .mp4 → AAC + a small H.264 picture;
 * .webm → Opus + VP8. Resolves with the file's path.
 */
export async function joinedLibrivox(ffmpeg: string, out: string): Promise<string> {
  const recordings = librivoxRecordings();
  const n = recordings.length;
  const inputs = recordings.flatMap((r) => ['-i', r.wav]);
  const gaps = Array.from({ length: n - 1 }, (_, i) => `[g${i}]`);
  const order = recordings.map((_, i) => `[${i}:a]${i < n - 1 ? gaps[i] : ''}`).join('');
  let filter = `anullsrc=r=16000:cl=mono,atrim=0:${GAP_SECONDS},asplit=${n - 1}${gaps.join('')};${order}concat=n=${2 * n - 1}:v=0:a=1[a]`;
  const ext = path.extname(out);
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...inputs];
  if (ext === '.wav') {
    args.push('-filter_complex', filter, '-map', '[a]', '-map_metadata', '-1', '-bitexact', '-c:a', 'pcm_s16le', out);
  } else {
    // The picture lasts as long as the sound (each recording: its PCM after a 44-byte header).
    const seconds = recordings.reduce((sum, r) => sum + (fs.statSync(r.wav).size - 44) / 32000, 0) + (n - 1) * GAP_SECONDS;
    filter += `;color=c=0x336699:s=160x90:r=10:d=${seconds.toFixed(2)}[v]`;
    const codecs = ext === '.webm' ? ['-c:v', 'libvpx', '-b:v', '100k', '-c:a', 'libopus', '-b:a', '48k'] : ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '64k'];
    args.push('-filter_complex', filter, '-map', '[v]', '-map', '[a]', ...codecs, out);
  }
  await run(ffmpeg, args);
  return out;
}

/** Where each recording lies in a joined file (its PCM after a 44-byte header, then the gap). */
export function librivoxSpans(): { start: number; end: number }[] {
  let at = 0;
  return librivoxRecordings().map((r) => {
    const seconds = (fs.statSync(r.wav).size - 44) / 32000;
    const span = { start: at, end: at + seconds };
    at += seconds + GAP_SECONDS;
    return span;
  });
}

/** Words in order, not overlapping, inside 0..duration. */
export function assertOrderedWithin(words: TimedWord[], duration: number): void {
  assert.ok(words.length > 0, 'no words');
  words.forEach((w, i) => {
    assert.ok(w.start >= 0 && w.end >= w.start && w.end <= duration + 0.05, `${w.word} ${w.start}–${w.end} outside 0–${duration}`);
    if (i > 0) assert.ok(w.start >= words[i - 1]!.end - 0.001, `${w.word} at ${w.start} before the end of ${words[i - 1]!.word} (${words[i - 1]!.end})`);
  });
}
