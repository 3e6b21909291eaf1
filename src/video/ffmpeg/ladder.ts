/**
 * The rendition ladder: which sizes and bitrates to encode for a source. Pure.
 * Names follow the short side (a 1080x1920 portrait phone video is "1080p"), never upscaled,
 * aspect ratio kept, dimensions even (yuv420p needs them).
 */
import type { MediaProbe } from './probe.js';

export interface Rendition {
  name: string;
  width: number;
  height: number;
  /** Ceiling for the capped-CRF encode (`-maxrate`), not a target. */
  videoKbps: number;
  audioKbps: number;
}

/** Short side → bitrate ceilings, close to Apple's HLS authoring guide for 30 fps. */
export const LADDER: readonly { shortSide: number; videoKbps: number; audioKbps: number }[] = [
  { shortSide: 240, videoKbps: 400, audioKbps: 64 },
  { shortSide: 360, videoKbps: 800, audioKbps: 96 },
  { shortSide: 480, videoKbps: 1400, audioKbps: 128 },
  { shortSide: 720, videoKbps: 2800, audioKbps: 128 },
  { shortSide: 1080, videoKbps: 5000, audioKbps: 160 },
];

/** Audio-only sources get this single AAC rendition. */
export const AUDIO_ONLY_KBPS = 128;

/** [] for audio-only sources; otherwise lowest first. */
export function chooseLadder(probe: MediaProbe): Rendition[] {
  const video = probe.video;
  if (!video || video.width <= 0 || video.height <= 0) return [];
  const { width, height } = video;
  const short = Math.min(width, height);
  const rungs = LADDER.filter((r) => r.shortSide <= short);
  if (rungs.length === 0) {
    // Smaller than the smallest rung: one rendition at the source's own size, rounded down to even.
    const w = Math.max(2, Math.floor(width / 2) * 2);
    const h = Math.max(2, Math.floor(height / 2) * 2);
    return [{ name: `${Math.min(w, h)}p`, width: w, height: h, videoKbps: LADDER[0]!.videoKbps, audioKbps: LADDER[0]!.audioKbps }];
  }
  return rungs.map((r) => {
    const scale = r.shortSide / short;
    const w = width <= height ? r.shortSide : even(width * scale);
    const h = width <= height ? even(height * scale) : r.shortSide;
    // Frame rates above 30 need more bits for the same quality.
    const fpsFactor = video.frameRate > 32 ? 1.5 : 1;
    return { name: `${r.shortSide}p`, width: w, height: h, videoKbps: Math.round(r.videoKbps * fpsFactor), audioKbps: r.audioKbps };
  });
}

/** Nearest even integer, at least 2 (16:9 at 240 lines: 426.67 → 426). */
function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}
