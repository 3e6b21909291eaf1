/**
 * Source file → HLS ladder + download file + poster, thumbnails and storyboard, all inside
 * `outputDir` (the caller's temp folder, moved into place when we return).
 *
 * Order matters for the person waiting: images (seeks, cheap), then the LOWEST rendition alone
 * (with the storyboard branch on the same decode) so a master over it can be published through
 * `onFirstRendition`, then the rest of the ladder in one decode, then the final master and the
 * download (a remux). Keyframes sit at the same instants in both passes, so the first
 * rendition's segments stay aligned with the others.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { FfmpegError, runFfmpegProcess, type FfmpegLogger } from './ffmpeg-process.js';
import { AAC_CODEC_STRING, avcCodecString, h264Level, h264Profile, outputFrameRate } from './h264.js';
import { audioPassArgs, downloadArgs, renditionPlaylist, videoPassArgs, type StoryboardPlan } from './hls-args.js';
import { fitSize, imagesArgs, planStoryboard, storyboardVtt, thumbnailFiles } from './images.js';
import { AUDIO_ONLY_KBPS, chooseLadder, type Rendition } from './ladder.js';
import { writeMasterPlaylist, type VariantInfo } from './master-playlist.js';
import type { MediaProbe } from './probe.js';

export interface TranscodeOutput {
  master: string;
  renditions: { name: string; width: number; height: number; bandwidth: number; playlist: string }[];
  audioOnly: boolean;
  download: string | null;
  poster: string;
  thumbnails: string[];
  storyboard: { image: string; vtt: string; tileWidth: number; tileHeight: number; intervalSeconds: number } | null;
  durationSeconds: number;
}

export interface TranscodeOptions {
  input: string;
  outputDir: string;
  probe: MediaProbe;
  ffmpegPath: string;
  onProgress?: (fraction: number, label: string) => void;
  /** Lowest rendition + master + poster are in outputDir: the video can be played already. */
  onFirstRendition?: (partial: TranscodeOutput) => Promise<void>;
  signal?: AbortSignal;
  logger?: FfmpegLogger;
  /** Encoder overrides (benchmarks only). */
  encoder?: { preset?: string; crf?: number };
}

export const MASTER = 'master.m3u8';
const POSTER = 'poster.jpg';

interface Stage {
  label: string;
  args: () => string[];
  /** Media seconds the stage reads, for `-progress` fractions (none: the stage jumps to done). */
  seconds?: number;
}

export async function transcodeMedia(o: TranscodeOptions): Promise<TranscodeOutput> {
  await fs.mkdir(o.outputDir, { recursive: true });
  const ladder = chooseLadder(o.probe);
  return ladder.length === 0 ? transcodeAudio(o) : transcodeVideo(o, ladder);
}

async function transcodeVideo(o: TranscodeOptions, ladder: Rendition[]): Promise<TranscodeOutput> {
  const { probe, outputDir } = o;
  const video = probe.video!;
  const [lowest, ...rest] = ladder as [Rendition, ...Rendition[]];
  const top = ladder[ladder.length - 1]!;
  const fps = outputFrameRate(video.frameRate);
  const storyboard = planStoryboard(probe.durationSeconds, video.width, video.height);
  const thumbnails = thumbnailFiles();
  await fs.mkdir(path.join(outputDir, 'thumbs'), { recursive: true });
  for (const r of ladder) await fs.mkdir(path.join(outputDir, r.name), { recursive: true });

  const variant = (r: Rendition): VariantInfo => ({
    playlist: renditionPlaylist(r.name), width: r.width, height: r.height, frameRate: fps,
    codecs: [avcCodecString(h264Profile(r.width, r.height), h264Level(r.width, r.height, fps)), ...(probe.audio ? [AAC_CODEC_STRING] : [])],
  });
  const output = (renditions: Rendition[], measured: { bandwidth: number }[], download: string | null): TranscodeOutput => ({
    master: MASTER,
    renditions: renditions.map((r, i) => ({ name: r.name, width: r.width, height: r.height, bandwidth: measured[i]!.bandwidth, playlist: renditionPlaylist(r.name) })),
    audioOnly: false,
    download,
    poster: POSTER,
    thumbnails,
    storyboard: hasStoryboard ? storyboardOutput(storyboard) : null,
    durationSeconds: probe.durationSeconds,
  });

  // Decoding costs about as much as encoding a mid-size rendition; weights only shape the bar.
  const decode = video.width * video.height * 0.5;
  const pixels = (rs: Rendition[]) => rs.reduce((sum, r) => sum + r.width * r.height, 0);
  const progress = progressReporter(o.onProgress, [0.02 * (decode + pixels(ladder)), decode + pixels([lowest]), rest.length ? decode + pixels(rest) : 0, 0.03 * (decode + pixels(ladder))]);
  const seconds = probe.durationSeconds;

  await runStage(o, progress, 0, {
    // Stage labels are read by the teacher's page (tool/src/video/editor/processing-stage.ts), which translates them.
    label: 'Preparing images',
    args: () => imagesArgs({ input: o.input, outputDir, durationSeconds: seconds, poster: { file: POSTER, ...fitSize(video.width, video.height, 720) }, thumbnails, thumbnailSize: fitSize(video.width, video.height, 180) }),
  });
  await runStage(o, progress, 1, {
    label: `Encoding ${lowest.name}`, seconds,
    args: () => videoPassArgs({ input: o.input, outputDir, probe, renditions: [lowest], storyboard, encoder: o.encoder }),
  });
  // Never announce images that are not there (a filter that produced no frame fails silently).
  const hasStoryboard = await exists(path.join(outputDir, storyboard.file));
  if (hasStoryboard) await fs.writeFile(path.join(outputDir, 'storyboard.vtt'), storyboardVtt(storyboard, seconds));
  else o.logger?.warn({ file: storyboard.file }, 'storyboard not produced');
  const thumbnailsMade = (await Promise.all(thumbnails.map((t) => exists(path.join(outputDir, t))))).every(Boolean);
  if (!(await exists(path.join(outputDir, POSTER))) || !thumbnailsMade) throw new FfmpegError('Preparing images: ffmpeg produced no picture', 0, []);
  const first = await writeMasterPlaylist(outputDir, MASTER, [variant(lowest)]);
  await o.onFirstRendition?.(output([lowest], first, null));

  if (rest.length) {
    await runStage(o, progress, 2, {
      label: `Encoding ${rest.map((r) => r.name).join(', ')}`, seconds,
      args: () => videoPassArgs({ input: o.input, outputDir, probe, renditions: rest, encoder: o.encoder }),
    });
  }
  const all = await writeMasterPlaylist(outputDir, MASTER, ladder.map(variant));
  await runStage(o, progress, 3, { label: 'Preparing download', args: () => downloadArgs(outputDir, renditionPlaylist(top.name), 'download.mp4') });
  progress.finish();
  return output(ladder, all, 'download.mp4');
}

async function transcodeAudio(o: TranscodeOptions): Promise<TranscodeOutput> {
  const { outputDir, probe } = o;
  await fs.mkdir(path.join(outputDir, 'audio'), { recursive: true });
  const progress = progressReporter(o.onProgress, [0.95, 0.05]);
  await runStage(o, progress, 0, {
    label: 'Encoding audio', seconds: probe.durationSeconds,
    args: () => audioPassArgs({ input: o.input, outputDir, probe, kbps: AUDIO_ONLY_KBPS, poster: POSTER }),
  });
  const [measured] = await writeMasterPlaylist(outputDir, MASTER, [{ playlist: renditionPlaylist('audio'), codecs: [AAC_CODEC_STRING] }]);
  const partial: TranscodeOutput = {
    master: MASTER,
    renditions: [{ name: 'audio', width: 0, height: 0, bandwidth: measured!.bandwidth, playlist: renditionPlaylist('audio') }],
    audioOnly: true, download: null, poster: POSTER, thumbnails: [], storyboard: null, durationSeconds: probe.durationSeconds,
  };
  await o.onFirstRendition?.(partial);
  await runStage(o, progress, 1, { label: 'Preparing download', args: () => downloadArgs(outputDir, renditionPlaylist('audio'), 'download.m4a') });
  progress.finish();
  return { ...partial, download: 'download.m4a' };
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then((s) => s.size > 0, () => false);
}

function storyboardOutput(plan: StoryboardPlan): TranscodeOutput['storyboard'] {
  return { image: plan.file, vtt: 'storyboard.vtt', tileWidth: plan.tileWidth, tileHeight: plan.tileHeight, intervalSeconds: plan.intervalSeconds };
}

async function runStage(o: TranscodeOptions, progress: ProgressReporter, index: number, stage: Stage): Promise<void> {
  progress.stage(index, 0, stage.label);
  o.logger?.info({ stage: stage.label }, 'transcode stage');
  try {
    await runFfmpegProcess({
      bin: o.ffmpegPath,
      args: stage.args(),
      signal: o.signal,
      logger: o.logger,
      durationSeconds: stage.seconds,
      onProgress: (fraction) => progress.stage(index, fraction, stage.label),
    });
  } catch (err) {
    if (!(err instanceof FfmpegError)) throw err;
    // The reason reaches teachers (job error): name files relative to the output, not server paths.
    const clean = (text: string) => text.split(`${o.outputDir}${path.sep}`).join('').split(o.outputDir).join('output').split(o.input).join('source file');
    throw new FfmpegError(`${stage.label}: ${clean(err.message)}`, err.exitCode, err.lastLines.map(clean));
  }
  progress.stage(index, 1, stage.label);
}

interface ProgressReporter {
  stage(index: number, fraction: number, label: string): void;
  finish(): void;
}

/** Turns per-stage fractions into one monotonic 0..1 figure, weighted by each stage's cost. */
export function progressReporter(onProgress: TranscodeOptions['onProgress'], weights: number[]): ProgressReporter {
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  let last = -1;
  let lastLabel = '';
  const emit = (value: number, label: string) => {
    const clamped = Math.min(1, Math.max(0, value));
    if (clamped < last || (clamped === last && label === lastLabel)) return;
    last = clamped;
    lastLabel = label;
    onProgress?.(clamped, label);
  };
  return {
    stage(index, fraction, label) {
      const before = weights.slice(0, index).reduce((a, b) => a + b, 0);
      // Stay below 1 until finish(): the caller's "done" is the returned output, not a stage.
      emit(Math.min(0.999, (before + (weights[index] ?? 0) * Math.min(1, fraction)) / total), label);
    },
    finish: () => emit(1, 'Done'),
  };
}
