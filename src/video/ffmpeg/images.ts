/**
 * Still images: the poster, a few thumbnails (one ffmpeg run, a fast seek per picture) and the
 * storyboard plan + its WebVTT map (sprite tiles the player shows above the seek bar).
 */
import path from 'node:path';
import { commonArgs } from './ffmpeg-process.js';
import type { StoryboardPlan } from './hls-args.js';
import { sourceInputArgs } from './input-args.js';

export const THUMBNAIL_COUNT = 5;
export const THUMBNAIL_WIDTH = 320;
export const STORYBOARD_TILE_WIDTH = 160;
export const STORYBOARD_MAX_TILES = 100;
const STORYBOARD_COLUMNS = 10;

export function thumbnailFiles(count = THUMBNAIL_COUNT): string[] {
  return Array.from({ length: count }, (_, i) => `thumbs/${String(i + 1).padStart(2, '0')}.jpg`);
}

/**
 * Poster: ~10 % in, the most representative of ~2 s of frames (ffmpeg's `thumbnail` filter),
 * which skips the black or faded frames a recording often starts with.
 * Thumbnails: evenly spread, at the middle of each fifth.
 */
export function imagesArgs(o: {
  input: string; outputDir: string; durationSeconds: number; poster: { file: string; width: number; height: number };
  thumbnails: string[]; thumbnailSize: { width: number; height: number };
}): string[] {
  const d = o.durationSeconds;
  const args = [...commonArgs(false)];
  args.push('-ss', (d * 0.1).toFixed(3), ...sourceInputArgs(), '-i', o.input);
  o.thumbnails.forEach((_, i) => args.push('-ss', ((d * (i + 0.5)) / o.thumbnails.length).toFixed(3), ...sourceInputArgs(), '-i', o.input));
  args.push(
    '-map', '0:v:0', '-vf', `thumbnail=50,scale=${o.poster.width}:${o.poster.height},setsar=1`,
    '-frames:v', '1', '-q:v', '3', '-update', '1', path.join(o.outputDir, o.poster.file),
  );
  o.thumbnails.forEach((file, i) => args.push(
    '-map', `${i + 1}:v:0`, '-vf', `scale=${o.thumbnailSize.width}:${o.thumbnailSize.height},setsar=1`,
    '-frames:v', '1', '-q:v', '4', '-update', '1', path.join(o.outputDir, file),
  ));
  return args;
}

/** One tile every N whole seconds, N chosen so the sprite keeps at most 100 tiles. */
export function planStoryboard(durationSeconds: number, width: number, height: number): StoryboardPlan {
  const intervalSeconds = Math.max(1, Math.ceil(durationSeconds / STORYBOARD_MAX_TILES));
  const tiles = Math.max(1, Math.ceil(durationSeconds / intervalSeconds));
  const columns = Math.min(STORYBOARD_COLUMNS, tiles);
  const tileWidth = width >= height ? STORYBOARD_TILE_WIDTH : evenAtLeast2((STORYBOARD_TILE_WIDTH * width) / height);
  const tileHeight = width >= height ? evenAtLeast2((STORYBOARD_TILE_WIDTH * height) / width) : STORYBOARD_TILE_WIDTH;
  return { file: 'storyboard.jpg', tileWidth, tileHeight, intervalSeconds, columns, rows: Math.ceil(tiles / columns) };
}

/** WebVTT cues mapping each time range to its tile: `storyboard.jpg#xywh=x,y,w,h`. */
export function storyboardVtt(plan: StoryboardPlan, durationSeconds: number): string {
  const tiles = Math.max(1, Math.ceil(durationSeconds / plan.intervalSeconds));
  const cues = ['WEBVTT', ''];
  for (let i = 0; i < tiles; i++) {
    const start = i * plan.intervalSeconds;
    const end = Math.min((i + 1) * plan.intervalSeconds, durationSeconds);
    const x = (i % plan.columns) * plan.tileWidth;
    const y = Math.floor(i / plan.columns) * plan.tileHeight;
    cues.push(`${vttTime(start)} --> ${vttTime(end)}`, `${plan.file}#xywh=${x},${y},${plan.tileWidth},${plan.tileHeight}`, '');
  }
  return cues.join('\n');
}

export function vttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** Fits a box of `maxWidth` wide (landscape) or `maxWidth` tall (portrait), even sizes. */
export function fitSize(width: number, height: number, maxShort: number): { width: number; height: number } {
  const short = Math.min(width, height);
  const scale = Math.min(1, maxShort / short);
  return { width: evenAtLeast2(width * scale), height: evenAtLeast2(height * scale) };
}

function evenAtLeast2(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}
