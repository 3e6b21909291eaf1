/**
 * Real media files for tests, made by the real ffmpeg from lavfi sources (`testsrc2` picture,
 * `sine` tone). Clips are tiny by default (320x180, 3 s) because the machine is shared, and
 * cached per process: asking twice for the same clip returns the same file.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type ClipContainer = 'mp4' | 'mkv' | 'mov' | 'webm' | 'm4a' | 'wav';

export interface ClipOptions {
  width?: number;
  height?: number;
  seconds?: number;
  video?: boolean;
  audio?: boolean;
  container?: ClipContainer;
  /**
   * Display rotation metadata (mp4/mov), pixels stay as generated. Written through ffmpeg 5.1's
   * legacy `rotate` tag, which its mov muxer stores so that ffprobe reports `rotation` = this
   * value counter-clockwise (rotation: 90 → players turn the picture 90° counter-clockwise).
   */
  rotation?: number;
  /** File name (may lie about the container, e.g. a Matroska file named `clip.mp4`). */
  name?: string;
  /** mp4/mov/m4a: index (moov) before the data; default true. False puts it at the end. */
  faststart?: boolean;
}

export const FFMPEG = process.env.FFMPEG_PATH ?? '/usr/bin/ffmpeg';
export const FFPROBE = process.env.FFPROBE_PATH ?? '/usr/bin/ffprobe';

const MUXERS: Record<ClipContainer, string> = { mp4: 'mp4', mkv: 'matroska', mov: 'mov', webm: 'webm', m4a: 'ipod', wav: 'wav' };

let dir: string | undefined;
const clips = new Map<string, Promise<string>>();
let counter = 0;

/** The per-process folder holding generated files; removed when the process exits. */
export function mediaFixtureDir(): string {
  if (!dir) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-media-'));
    const created = dir;
    process.once('exit', () => fs.rmSync(created, { recursive: true, force: true }));
  }
  return dir;
}

export function generateClip(o: ClipOptions = {}): Promise<string> {
  const container = o.container ?? 'mp4';
  const audioOnlyContainer = container === 'm4a' || container === 'wav';
  const spec = {
    width: o.width ?? 320,
    height: o.height ?? 180,
    seconds: o.seconds ?? 3,
    video: audioOnlyContainer ? false : (o.video ?? true),
    audio: o.audio ?? true,
    container,
    rotation: o.rotation ?? 0,
    name: o.name ?? null,
    faststart: o.faststart ?? true,
  };
  if (!spec.video && !spec.audio) throw new Error('generateClip: a clip needs video or audio');
  const key = JSON.stringify(spec);
  let clip = clips.get(key);
  if (!clip) {
    clip = makeClip(spec);
    clips.set(key, clip);
    clip.catch(() => clips.delete(key));
  }
  return clip;
}

async function makeClip(s: Required<Omit<ClipOptions, 'name'>> & { name: string | null }): Promise<string> {
  const file = path.join(mediaFixtureDir(), s.name ?? `clip-${++counter}-${s.width}x${s.height}-${s.seconds}s.${s.container}`);
  const args = ['-v', 'error', '-y'];
  if (s.video) args.push('-f', 'lavfi', '-i', `testsrc2=size=${s.width}x${s.height}:rate=25:duration=${s.seconds}`);
  if (s.audio) args.push('-f', 'lavfi', '-i', `sine=frequency=440:beep_factor=4:sample_rate=48000:duration=${s.seconds}`);
  if (s.video) {
    if (s.container === 'webm') args.push('-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k');
    else args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p');
  }
  if (s.audio) {
    if (s.container === 'webm') args.push('-c:a', 'libopus', '-b:a', '64k');
    else if (s.container === 'wav') args.push('-c:a', 'pcm_s16le');
    else args.push('-c:a', 'aac', '-b:a', '64k');
  }
  if (s.faststart && ['mp4', 'mov', 'm4a'].includes(s.container)) args.push('-movflags', '+faststart');
  args.push('-shortest', '-f', MUXERS[s.container]);
  if (!s.rotation) {
    await runFfmpeg([...args, file]);
    return file;
  }
  // ffmpeg 5.1 writes a display matrix only when remuxing with a `rotate` tag.
  const plain = `${file}.plain.${s.container}`;
  await runFfmpeg([...args, plain]);
  await runFfmpeg(['-v', 'error', '-y', '-i', plain, '-map', '0', '-c', 'copy', '-metadata:s:v:0', `rotate=${s.rotation}`,
    ...(s.faststart && ['mp4', 'mov'].includes(s.container) ? ['-movflags', '+faststart'] : []), '-f', MUXERS[s.container], file]);
  fs.rmSync(plain, { force: true });
  return file;
}

/** Debian's pocketsphinx-testdata: short LibriVox readings of Sense and Sensibility (16 kHz mono WAV). test/support/librivox.ts joins all five. */
export const LIBRIVOX_WAV_DIR = '/usr/share/pocketsphinx/test/data/librivox';

const speechClips = new Map<string, Promise<string>>();

/**
 * A small MP4 of one LibriVox reading (real English speech, e.g. `0930`: "he might even have been
 * made amiable himself", 3.3 s) under a plain colour picture: a video whose sound speech
 * recognition can caption. Cached per process like generateClip's clips.
 */
export function speechClip(reading = '0930', o: { width?: number; height?: number } = {}): Promise<string> {
  const wav = path.join(LIBRIVOX_WAV_DIR, `sense_and_sensibility_01_austen_64kb-${reading}.wav`);
  const width = o.width ?? 320;
  const height = o.height ?? 180;
  const key = `${reading}-${width}x${height}`;
  let clip = speechClips.get(key);
  if (!clip) {
    const file = path.join(mediaFixtureDir(), `speech-${key}.mp4`);
    clip = runFfmpeg(['-v', 'error', '-y', '-i', wav, '-f', 'lavfi', '-i', `color=c=0x336699:s=${width}x${height}:r=25`,
      '-map', '1:v', '-map', '0:a', '-shortest', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-b:a', '64k',
      '-movflags', '+faststart', '-f', 'mp4', file]).then(() => file);
    speechClips.set(key, clip);
    clip.catch(() => speechClips.delete(key));
  }
  return clip;
}

/** A copy of `src` cut to its first `bytes` bytes (a broken upload). */
export async function truncateFile(src: string, bytes: number, name?: string): Promise<string> {
  const data = await fs.promises.readFile(src);
  const file = path.join(mediaFixtureDir(), name ?? `truncated-${++counter}-${path.basename(src)}`);
  await fs.promises.writeFile(file, data.subarray(0, bytes));
  return file;
}

/** A copy of `src` with `length` pseudo-random bytes written at `offset` (damaged packets). */
export async function corruptFile(src: string, offset: number, length: number, name?: string): Promise<string> {
  const data = Buffer.from(await fs.promises.readFile(src));
  data.set(pseudoRandomBytes(Math.min(length, data.length - offset)), offset);
  const file = path.join(mediaFixtureDir(), name ?? `corrupt-${++counter}-${path.basename(src)}`);
  await fs.promises.writeFile(file, data);
  return file;
}

/** A file with the given name and content: a number gives that many pseudo-random bytes. */
export async function writeFakeFile(name: string, content: number | string | Uint8Array): Promise<string> {
  const file = path.join(mediaFixtureDir(), `${++counter}-${name}`);
  const data = typeof content === 'number' ? pseudoRandomBytes(content) : content;
  await fs.promises.writeFile(file, data);
  return file;
}

function pseudoRandomBytes(n: number): Uint8Array {
  // Deterministic (no crypto randomness) so a failing test fails the same way twice.
  const out = new Uint8Array(n);
  let x = 0x2545f491;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Runs ffmpeg (or ffprobe with `bin`) and resolves with stdout; rejects with stderr on a non-zero exit. */
export function runFfmpeg(args: string[], bin = FFMPEG): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${path.basename(bin)} exited ${code}: ${stderr.trim()}`))));
  });
}

/** ffprobe's JSON view of a file (streams + format), for assertions. */
export async function ffprobeJson(file: string, extra: string[] = []): Promise<any> {
  return JSON.parse(await runFfmpeg(['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', ...extra, file], FFPROBE));
}
