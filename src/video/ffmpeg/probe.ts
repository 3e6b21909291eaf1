/**
 * What an uploaded file really is, read from its content (never its name): ffprobe for the
 * streams, then a short real decode of its start and end, because ffprobe happily describes
 * files whose packets cannot be decoded or whose end is missing.
 */
import fs from 'node:fs/promises';
import { commonArgs, FfmpegError, FfmpegUnavailableError, runFfmpegProcess } from './ffmpeg-process.js';
import { MEDIA_CONTAINERS, probeInputArgs, sourceInputArgs } from './input-args.js';

export interface MediaProbe {
  formatName: string;
  durationSeconds: number;
  sizeBytes: number;
  /** width/height = display size (sample aspect ratio and rotation applied). */
  video: { codec: string; width: number; height: number; frameRate: number; rotation: number } | null;
  audio: { codec: string; channels: number; sampleRate: number } | null;
}

export type MediaProbeReason = 'empty' | 'not-media' | 'no-streams' | 'truncated' | 'undecodable';

/** The file is refused; `detail` says why in words a teacher can act on. */
export class MediaProbeError extends Error {
  override name = 'MediaProbeError';
  constructor(
    readonly reason: MediaProbeReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

export interface ProbeOptions {
  ffprobePath: string;
  ffmpegPath: string;
  signal?: AbortSignal;
}

/** Seconds decoded at the start and at the end of the file to prove it is decodable and whole. */
const CHECK_SECONDS = 1.5;

export async function probeMedia(file: string, o: ProbeOptions): Promise<MediaProbe> {
  const { size } = await fs.stat(file);
  if (size === 0) throw new MediaProbeError('empty', 'The file is empty (0 bytes).');
  const info = await runProbe(file, o);
  const formatName = String(info.format?.format_name ?? '');
  const streams: FfprobeStream[] = info.streams ?? [];
  if (/(^|,)image2($|,)|_pipe$/.test(formatName)) {
    throw new MediaProbeError('no-streams', `The file is a still image (${streams[0]?.codec_name ?? formatName}), not a video or audio recording.`);
  }
  // Only containers that hold their media inside (input-args.ts already refuses to open playlists).
  if (!formatName.split(',').some((f) => MEDIA_CONTAINERS.has(f))) {
    throw new MediaProbeError('not-media', `The file's format (${formatName || 'unknown'}) is not a video or audio container Amphi accepts.`);
  }
  const videoStream = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audioStream = streams.find((s) => s.codec_type === 'audio');
  if (!videoStream && !audioStream) {
    const kinds = [...new Set(streams.map((s) => s.codec_type ?? 'unknown'))];
    throw new MediaProbeError('no-streams', kinds.length
      ? `The file contains no video or audio, only ${kinds.join(', ')} data.`
      : 'The file contains no video or audio stream.');
  }
  const durationSeconds = firstPositive(info.format?.duration, videoStream?.duration, audioStream?.duration);
  if (durationSeconds === null) throw new MediaProbeError('truncated', 'The file has no duration: it is probably incomplete.');
  await checkDecodable(file, durationSeconds, Boolean(videoStream), o);
  return {
    formatName,
    durationSeconds: round3(durationSeconds),
    sizeBytes: size,
    video: videoStream ? describeVideo(videoStream) : null,
    audio: audioStream
      ? { codec: audioStream.codec_name ?? 'unknown', channels: audioStream.channels ?? 0, sampleRate: Number(audioStream.sample_rate ?? 0) }
      : null,
  };
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  sample_aspect_ratio?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  duration?: string;
  channels?: number;
  sample_rate?: string;
  disposition?: { attached_pic?: number };
  tags?: { rotate?: string };
  side_data_list?: { side_data_type?: string; rotation?: number }[];
}

async function runProbe(file: string, o: ProbeOptions): Promise<{ format?: { format_name?: string; duration?: string }; streams?: FfprobeStream[] }> {
  try {
    const { stdout } = await runFfmpegProcess({
      bin: o.ffprobePath,
      args: ['-hide_banner', '-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', ...probeInputArgs(), file],
      signal: o.signal,
    });
    return JSON.parse(stdout);
  } catch (err) {
    if (!(err instanceof FfmpegError) || err instanceof FfmpegUnavailableError) throw err;
    if (/moov atom not found/i.test(err.message) && (await looksLikeIsoMedia(file))) {
      throw new MediaProbeError('truncated', 'The file is incomplete: its index (moov atom) is missing, the upload or export was probably cut short.');
    }
    throw new MediaProbeError('not-media', 'The file is not a video or audio file that can be read.');
  }
}

/** MP4/MOV files start with a box (`ftyp`, `mdat`, `moov`, `free`, `wide`, `skip`) at byte 4. */
async function looksLikeIsoMedia(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0);
    return bytesRead === 8 && ['ftyp', 'mdat', 'moov', 'free', 'wide', 'skip'].includes(buffer.toString('latin1', 4, 8));
  } finally {
    await handle.close();
  }
}

/** Decodes the first and last seconds with `-xerror`: broken packets or a missing tail fail here. */
async function checkDecodable(file: string, duration: number, hasVideo: boolean, o: ProbeOptions): Promise<void> {
  const tailStart = Math.max(0, duration - CHECK_SECONDS);
  const maps = (i: number) => (hasVideo ? ['-map', `${i}:v:0`] : []).concat(['-map', `${i}:a:0?`]);
  const args = [
    ...commonArgs(false), '-xerror',
    '-t', String(CHECK_SECONDS), ...sourceInputArgs(), '-i', file,
    '-ss', tailStart.toFixed(3), ...sourceInputArgs(), '-i', file,
    ...maps(0), ...maps(1), '-f', 'null', '-',
  ];
  let lines: string[];
  try {
    lines = (await runFfmpegProcess({ bin: o.ffmpegPath, args, signal: o.signal })).stderr;
  } catch (err) {
    if (!(err instanceof FfmpegError) || err instanceof FfmpegUnavailableError) throw err;
    lines = err.lastLines.length ? err.lastLines : [err.message];
  }
  // -v error: anything on stderr is an error, even when ffmpeg still exits 0.
  if (lines.length === 0) return;
  // The server's file path is nobody's business: ffmpeg prefixes messages with it.
  lines = lines.map((l) => l.split(file).join('the file'));
  const text = lines.join('\n');
  if (/partial file|truncat|end of file|moov atom not found/i.test(text)) {
    throw new MediaProbeError('truncated', 'The end of the file is missing: the upload or export was probably cut short.');
  }
  throw new MediaProbeError('undecodable', `The file could not be decoded (${lines[lines.length - 1]!.replace(/^\[[^\]]+\]\s*/, '').slice(0, 200)}).`);
}

function describeVideo(s: FfprobeStream): NonNullable<MediaProbe['video']> {
  const rotation = rotationOf(s);
  const [sarNum, sarDen] = (s.sample_aspect_ratio ?? '1:1').split(':').map(Number) as [number, number];
  const sar = sarNum > 0 && sarDen > 0 ? sarNum / sarDen : 1;
  let width = Math.round((s.width ?? 0) * sar);
  let height = s.height ?? 0;
  if (rotation % 180 !== 0) [width, height] = [height, width];
  return { codec: s.codec_name ?? 'unknown', width, height, frameRate: frameRateOf(s), rotation };
}

/** Clockwise degrees (0, 90, 180, 270) a player turns the picture; ffmpeg's decoder applies it. */
function rotationOf(s: FfprobeStream): number {
  const matrix = s.side_data_list?.find((d) => d.side_data_type === 'Display Matrix' && typeof d.rotation === 'number');
  // ffprobe prints the display matrix angle counter-clockwise; the legacy tag is clockwise.
  const degrees = matrix ? -(matrix.rotation as number) : Number(s.tags?.rotate ?? 0);
  const normalized = ((Math.round(degrees / 90) * 90) % 360 + 360) % 360;
  return Number.isFinite(normalized) ? normalized : 0;
}

function frameRateOf(s: FfprobeStream): number {
  for (const value of [s.avg_frame_rate, s.r_frame_rate]) {
    const [num, den] = (value ?? '0/0').split('/').map(Number) as [number, number];
    const rate = den ? num / den : 0;
    if (rate > 0 && rate <= 240) return round3(rate);
  }
  return 0;
}

function firstPositive(...values: (string | undefined)[]): number | null {
  for (const v of values) {
    const n = Number(v);
    if (v !== undefined && Number.isFinite(n) && n > 0) return n;
  }
  return null;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
