/**
 * ffmpeg arguments for the HLS encodes: one decode feeding every rendition of a pass
 * (`-filter_complex` split + scale), fixed keyframe instants, fMP4 segments (played by hls.js
 * through MSE and natively by Safari since iOS 10).
 */
import path from 'node:path';
import { commonArgs } from './ffmpeg-process.js';
import { ownPlaylistInputArgs, sourceInputArgs } from './input-args.js';
import { h264Level, h264Profile, KEYFRAME_SECONDS, outputFrameRate, SEGMENT_SECONDS, X264_CRF, X264_PRESET } from './h264.js';
import type { Rendition } from './ladder.js';
import type { MediaProbe } from './probe.js';

export interface StoryboardPlan {
  file: string;
  tileWidth: number;
  tileHeight: number;
  intervalSeconds: number;
  columns: number;
  rows: number;
}

export interface VideoPassArgs {
  input: string;
  outputDir: string;
  probe: MediaProbe;
  renditions: Rendition[];
  /** Adds a storyboard sprite branch to this pass's single decode. */
  storyboard?: StoryboardPlan;
  encoder?: { preset?: string; crf?: number };
}

/** The playlist path of a rendition, relative to the output folder. */
export function renditionPlaylist(name: string): string {
  return `${name}/index.m3u8`;
}

export function videoPassArgs(o: VideoPassArgs): string[] {
  const fps = outputFrameRate(o.probe.video?.frameRate ?? 0);
  const needsFps = Math.abs(fps - (o.probe.video?.frameRate ?? 0)) > 0.01;
  const branches = o.renditions.length + (o.storyboard ? 1 : 0);
  const labels = Array.from({ length: branches }, (_, i) => `[s${i}]`);
  const graph = [`[0:v:0]${needsFps ? `fps=${fps},` : ''}split=${branches}${labels.join('')}`];
  o.renditions.forEach((r, i) => graph.push(`[s${i}]scale=${r.width}:${r.height}:flags=bicubic,setsar=1,format=yuv420p[v${i}]`));
  if (o.storyboard) {
    const sb = o.storyboard;
    // The first frame at or after each multiple of the interval (the `fps` filter emits nothing
    // for clips shorter than its period); timestamps from 0 whatever the container starts at.
    const pick = `select='gte(t,selected_n*${sb.intervalSeconds})'`;
    graph.push(`[s${o.renditions.length}]setpts=PTS-STARTPTS,${pick},scale=${sb.tileWidth}:${sb.tileHeight},setsar=1,tile=${sb.columns}x${sb.rows}[sb]`);
  }
  const args = [...commonArgs(true), ...sourceInputArgs(), '-i', o.input, '-filter_complex', graph.join(';')];
  o.renditions.forEach((r, i) => args.push(...renditionOutput(o, r, `[v${i}]`, fps)));
  if (o.storyboard) args.push('-map', '[sb]', '-frames:v', '1', '-q:v', '5', '-update', '1', path.join(o.outputDir, o.storyboard.file));
  return args;
}

function renditionOutput(o: VideoPassArgs, r: Rendition, label: string, fps: number): string[] {
  const gop = String(Math.max(1, Math.round(fps * KEYFRAME_SECONDS)));
  const level = h264Level(r.width, r.height, fps);
  return [
    '-map', label,
    ...(o.probe.audio ? ['-map', '0:a:0'] : []),
    '-c:v', 'libx264', '-preset', o.encoder?.preset ?? X264_PRESET, '-crf', String(o.encoder?.crf ?? X264_CRF),
    '-profile:v', h264Profile(r.width, r.height), '-level:v', level.name,
    '-maxrate', `${r.videoKbps}k`, '-bufsize', `${r.videoKbps * 2}k`,
    // Same keyframe instants in every rendition and in both passes: segments line up.
    '-g', gop, '-keyint_min', gop, '-sc_threshold', '0',
    '-force_key_frames', `expr:gte(t,n_forced*${KEYFRAME_SECONDS})`,
    ...(o.probe.audio ? audioEncodeArgs(o.probe, r.audioKbps) : []),
    ...hlsMuxArgs(o.outputDir, r.name),
  ];
}

export function audioEncodeArgs(probe: MediaProbe, kbps: number): string[] {
  const rate = probe.audio?.sampleRate === 44100 ? '44100' : '48000';
  const channels = Math.min(2, Math.max(1, probe.audio?.channels ?? 2));
  return ['-c:a', 'aac', '-b:a', `${kbps}k`, '-ac', String(channels), '-ar', rate];
}

export function hlsMuxArgs(outputDir: string, name: string): string[] {
  return [
    '-f', 'hls', '-hls_time', String(SEGMENT_SECONDS), '-hls_playlist_type', 'vod',
    '-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', 'init.mp4',
    '-hls_flags', 'independent_segments', '-start_number', '1',
    '-hls_segment_filename', path.join(outputDir, name, 'seg_%03d.m4s'),
    path.join(outputDir, renditionPlaylist(name)),
  ];
}

/** Audio-only source: one AAC rendition, plus a waveform poster from the same decode. */
export function audioPassArgs(o: { input: string; outputDir: string; probe: MediaProbe; kbps: number; poster: string }): string[] {
  const graph = [
    '[0:a:0]aformat=channel_layouts=mono,showwavespic=s=1280x360:colors=0x5eead4[w]',
    'color=c=0x1e293b:s=1280x360[bg]',
    '[bg][w]overlay=shortest=1:format=auto,format=yuvj420p[wave]',
  ].join(';');
  return [
    ...commonArgs(true), ...sourceInputArgs(), '-i', o.input, '-filter_complex', graph,
    '-map', '0:a:0', ...audioEncodeArgs(o.probe, o.kbps), ...hlsMuxArgs(o.outputDir, 'audio'),
    '-map', '[wave]', '-frames:v', '1', '-q:v', '3', '-update', '1', path.join(o.outputDir, o.poster),
  ];
}

/** The download file: the top rendition's segments remuxed (no re-encode), index up front. */
export function downloadArgs(outputDir: string, playlist: string, file: string): string[] {
  return [
    ...commonArgs(false), ...ownPlaylistInputArgs(), '-i', path.join(outputDir, playlist), '-map', '0', '-c', 'copy',
    '-movflags', '+faststart', '-f', file.endsWith('.m4a') ? 'ipod' : 'mp4', path.join(outputDir, file),
  ];
}
