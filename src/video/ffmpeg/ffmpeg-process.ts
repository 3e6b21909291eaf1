/**
 * Runs ffmpeg/ffprobe as a child process: progress from `-progress pipe:1`, cancellation through
 * an AbortSignal (SIGTERM, then SIGKILL), and errors that say what ffmpeg said last.
 */
import { spawn } from 'node:child_process';

export interface FfmpegLogger {
  info: Function;
  warn: Function;
  debug: Function;
}

/** ffmpeg (or ffprobe) failed; `message` is the readable reason taken from its last error lines. */
export class FfmpegError extends Error {
  override name = 'FfmpegError';
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly lastLines: string[],
  ) {
    super(message);
  }
}

/** The binary could not be started (not installed, wrong FFMPEG_PATH/FFPROBE_PATH): the server's fault, never the file's. */
export class FfmpegUnavailableError extends FfmpegError {
  override name = 'FfmpegUnavailableError';
  constructor(message: string) {
    super(message, null, []);
  }
}

export interface RunOptions {
  bin: string;
  args: string[];
  signal?: AbortSignal;
  /** Media duration; with it, `-progress pipe:1` output becomes `onProgress(0..1)`. */
  durationSeconds?: number;
  onProgress?: (fraction: number) => void;
  logger?: FfmpegLogger;
  /** Grace period between SIGTERM and SIGKILL. */
  killAfterMs?: number;
  /** Called with the child's pid once spawned (logs, tests). */
  onSpawn?: (pid: number) => void;
}

const TAIL_LINES = 30;

/** Spawns the binary; resolves with stdout (minus progress lines) when it exits 0. */
export function runFfmpegProcess(o: RunOptions): Promise<{ stdout: string; stderr: string[] }> {
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) return reject(abortError(o.signal));
    o.logger?.debug({ bin: o.bin, args: o.args }, 'ffmpeg start');
    const child = spawn(o.bin, o.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid !== undefined) o.onSpawn?.(child.pid);
    const tail: string[] = [];
    let stdout = '';
    let partialErr = '';
    let partialOut = '';
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      child.kill('SIGTERM');
      // ffmpeg usually stops on SIGTERM within a frame or two; a stuck muxer gets SIGKILL.
      killTimer = setTimeout(() => child.kill('SIGKILL'), o.killAfterMs ?? 2000);
      killTimer.unref();
    };
    o.signal?.addEventListener('abort', onAbort, { once: true });

    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const lines = (partialErr + chunk).split(/\r?\n|\r/);
      partialErr = lines.pop() ?? '';
      for (const line of lines) pushTail(tail, line);
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (partialOut + chunk).split('\n');
      partialOut = lines.pop() ?? '';
      for (const line of lines) {
        const progress = parseProgressLine(line, o.durationSeconds);
        if (progress === null) stdout += `${line}\n`;
        else if (progress >= 0) o.onProgress?.(progress);
      }
    });
    child.on('error', (err) => {
      o.signal?.removeEventListener('abort', onAbort);
      reject(new FfmpegUnavailableError(`cannot start ${o.bin}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      o.signal?.removeEventListener('abort', onAbort);
      if (killTimer) clearTimeout(killTimer);
      pushTail(tail, partialErr);
      stdout += partialOut;
      if (o.signal?.aborted) return reject(abortError(o.signal));
      if (code === 0) return resolve({ stdout, stderr: tail });
      const reason = readableReason(tail) ?? (signal ? `killed by ${signal}` : `exited with code ${code}`);
      o.logger?.warn({ bin: o.bin, code, signal, lastLines: tail }, 'ffmpeg failed');
      reject(new FfmpegError(reason, code, tail));
    });
  });
}

function pushTail(tail: string[], line: string): void {
  const trimmed = line.trim();
  if (!trimmed) return;
  tail.push(trimmed);
  if (tail.length > TAIL_LINES) tail.shift();
}

/**
 * One `-progress` line: the fraction done for `out_time_us=` (or `out_time_ms=`, which ffmpeg
 * also reports in microseconds), 1 for `progress=end`, -1 for other progress keys, null for a
 * line that is not progress.
 */
export function parseProgressLine(line: string, durationSeconds?: number): number | null {
  const match = /^([a-z_0-9]+)=(.*)$/.exec(line.trim());
  if (!match) return null;
  const [, key, value] = match as unknown as [string, string, string];
  if (!PROGRESS_KEYS.has(key) && !key.startsWith('stream_')) return null;
  if (key === 'progress') return value === 'end' ? 1 : -1;
  if (key !== 'out_time_us' || !durationSeconds || durationSeconds <= 0) return -1;
  const us = Number(value);
  if (!Number.isFinite(us) || us < 0) return -1;
  return Math.min(1, us / 1e6 / durationSeconds);
}

const PROGRESS_KEYS = new Set([
  'frame', 'fps', 'bitrate', 'total_size', 'out_time_us', 'out_time_ms', 'out_time', 'dup_frames',
  'drop_frames', 'speed', 'progress',
]);

/**
 * The reason a person can read: ffmpeg's last error lines without the `[muxer @ 0x…]` prefixes,
 * preferring a line that names an OS error (e.g. "No space left on device", "Permission denied").
 */
export function readableReason(lines: string[]): string | null {
  const cleaned = lines
    .map((l) => l.replace(/^\[[^\]]+ @ 0x[0-9a-f]+\]\s*/i, '').trim())
    .filter((l) => l && !/^(Conversion failed!|Exiting normally|Error closing file)/.test(l));
  if (cleaned.length === 0) return null;
  const osError = [...cleaned].reverse().find((l) => OS_ERRORS.test(l));
  if (osError) {
    const name = OS_ERRORS.exec(osError)![0];
    return `${name} (${osError.length > 200 ? `${osError.slice(0, 200)}…` : osError})`;
  }
  const last = cleaned.slice(-2).join(' — ');
  return last.length > 300 ? `${last.slice(0, 300)}…` : last;
}

const OS_ERRORS = /No space left on device|Permission denied|No such file or directory|Disk quota exceeded|Read-only file system|Cannot allocate memory/;

function abortError(signal: AbortSignal): Error {
  const reason = signal.reason;
  if (reason instanceof Error) return reason;
  const err = new Error('ffmpeg was stopped (aborted)');
  err.name = 'AbortError';
  return err;
}

/** Arguments every run shares: quiet, no stdin, errors only on stderr, progress on stdout. */
export function commonArgs(progress: boolean): string[] {
  return ['-hide_banner', '-nostdin', '-v', 'error', '-y', ...(progress ? ['-progress', 'pipe:1', '-nostats'] : [])];
}
