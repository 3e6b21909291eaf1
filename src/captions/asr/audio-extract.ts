/**
 * The audio of a media as the speech engines read it: 16 kHz mono 16-bit PCM WAV with a plain
 * 44-byte header (`-bitexact`, no metadata: pocketsphinx skips exactly 44 bytes), in the caller's
 * work folder. A media without sound is told apart before any decoding (ffprobe when given,
 * else ffmpeg's own "matches no streams" refusal, which comes before it decodes anything).
 */
import path from 'node:path';
import { FfmpegError, FfmpegUnavailableError, runFfmpegProcess, type FfmpegLogger } from '../../video/ffmpeg/ffmpeg-process.js';
import { probeInputArgs, sourceInputArgs } from '../../video/ffmpeg/input-args.js';
import { abortError } from './speech-engine-error.js';
import { readWavInfo, SPEECH_SAMPLE_RATE } from './wav.js';

/** The media has no audio stream: nothing to recognise (not a failure of the server). */
export class NoAudioError extends Error {
  override name = 'NoAudioError';
  constructor(message = 'The media has no audio stream.') {
    super(message);
  }
}

export interface ExtractAudioOptions {
  input: string;
  /** Where to write; the caller owns and removes the folder. */
  workDir: string;
  ffmpegPath: string;
  /** With it: no-audio is found by probing, and progress is reported (it needs the duration). */
  ffprobePath?: string;
  /** 0..1 of the extraction; without ffprobe only 1 at the end. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  logger?: FfmpegLogger;
}

export interface ExtractedAudio {
  wavPath: string;
  durationSeconds: number;
}

export const AUDIO_FILE = 'audio.wav';

export async function extractAudio(o: ExtractAudioOptions): Promise<ExtractedAudio> {
  if (o.signal?.aborted) throw abortError(o.signal, 'audio extraction');
  const durationSeconds = o.ffprobePath ? await probeAudio(o.input, o.ffprobePath, o.signal, o.logger) : undefined;
  const wavPath = path.join(o.workDir, AUDIO_FILE);
  const args = [
    '-hide_banner', '-nostdin', '-v', 'error', '-y', '-progress', 'pipe:1', '-nostats',
    ...sourceInputArgs(), '-i', o.input,
    // The first audio stream only; video, subtitles and data are never decoded.
    '-map', '0:a:0', '-vn', '-sn', '-dn', '-map_metadata', '-1', '-bitexact',
    '-ac', '1', '-ar', String(SPEECH_SAMPLE_RATE), '-c:a', 'pcm_s16le', '-f', 'wav', wavPath,
  ];
  try {
    await runFfmpegProcess({ bin: o.ffmpegPath, args, signal: o.signal, durationSeconds, onProgress: o.onProgress, logger: o.logger });
  } catch (err) {
    if (err instanceof FfmpegError && !(err instanceof FfmpegUnavailableError) && /matches no streams|does not contain any stream/i.test(err.lastLines.join('\n'))) {
      throw new NoAudioError();
    }
    throw err;
  }
  o.onProgress?.(1);
  const info = await readWavInfo(wavPath);
  return { wavPath, durationSeconds: info.durationSeconds };
}

/** Duration of the media (for progress); NoAudioError when it has no audio stream. */
async function probeAudio(input: string, ffprobePath: string, signal?: AbortSignal, logger?: FfmpegLogger): Promise<number | undefined> {
  const { stdout } = await runFfmpegProcess({
    bin: ffprobePath,
    args: ['-hide_banner', '-v', 'error', '-print_format', 'json', '-show_entries', 'format=duration:stream=codec_type,duration', ...probeInputArgs(), input],
    signal,
    logger,
  });
  const info = JSON.parse(stdout) as { format?: { duration?: string }; streams?: { codec_type?: string; duration?: string }[] };
  const audio = info.streams?.find((s) => s.codec_type === 'audio');
  if (!audio) throw new NoAudioError();
  const duration = Number(info.format?.duration ?? audio.duration);
  return Number.isFinite(duration) && duration > 0 ? duration : undefined;
}
