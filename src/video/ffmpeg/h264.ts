/**
 * H.264 encoder settings shared by every rendition, and the RFC 6381 codec strings the master
 * playlist announces (hls.js and Safari pick variants by them).
 */

/** x264 speed/quality trade-off, tuned with `npm run bench:video` (see bench/RESULTS.md). */
export const X264_PRESET = 'faster';
/** Constant quality, capped by each rendition's `-maxrate` (capped CRF). */
export const X264_CRF = 23;
/** Seconds between keyframes: every rendition cuts at the same instants, so players switch cleanly. */
export const KEYFRAME_SECONDS = 2;
/** Target HLS segment length (a multiple of the keyframe interval). */
export const SEGMENT_SECONDS = 4;

export type H264Profile = 'main' | 'high';

export interface H264Level {
  /** `-level:v` value, e.g. '3.1'. */
  name: string;
  /** level_idc, e.g. 31. */
  idc: number;
}

/** Limits from ITU-T H.264 Table A-1: max frame size and max macroblock rate. */
const LEVELS: { name: string; idc: number; maxFs: number; maxMbps: number }[] = [
  { name: '3.0', idc: 30, maxFs: 1620, maxMbps: 40500 },
  { name: '3.1', idc: 31, maxFs: 3600, maxMbps: 108000 },
  { name: '3.2', idc: 32, maxFs: 5120, maxMbps: 216000 },
  { name: '4.0', idc: 40, maxFs: 8192, maxMbps: 245760 },
  { name: '4.2', idc: 42, maxFs: 8704, maxMbps: 522240 },
  { name: '5.0', idc: 50, maxFs: 22080, maxMbps: 589824 },
  { name: '5.1', idc: 51, maxFs: 36864, maxMbps: 983040 },
];

/** The lowest level (at least 3.0, what every phone decodes) that fits the size and frame rate. */
export function h264Level(width: number, height: number, frameRate: number): H264Level {
  const frameMbs = Math.ceil(width / 16) * Math.ceil(height / 16);
  const mbps = frameMbs * Math.max(frameRate, 1);
  const level = LEVELS.find((l) => frameMbs <= l.maxFs && mbps <= l.maxMbps) ?? LEVELS[LEVELS.length - 1]!;
  return { name: level.name, idc: level.idc };
}

/** Main profile up to 480 lines for old devices; High above, where its tools save bits. */
export function h264Profile(width: number, height: number): H264Profile {
  return Math.min(width, height) <= 480 ? 'main' : 'high';
}

/** e.g. `avc1.4d401e` (Main 3.0), `avc1.640028` (High 4.0). */
export function avcCodecString(profile: H264Profile, level: H264Level): string {
  const profileIdc = profile === 'high' ? '64' : '4d';
  const constraints = profile === 'high' ? '00' : '40';
  return `avc1.${profileIdc}${constraints}${level.idc.toString(16).padStart(2, '0')}`;
}

/** AAC-LC. */
export const AAC_CODEC_STRING = 'mp4a.40.2';

/** The frame rate we encode at: the source's up to 60, halved above (120 fps phone clips). */
export function outputFrameRate(sourceRate: number): number {
  if (!(sourceRate > 0)) return 25;
  let rate = sourceRate;
  while (rate > 60) rate /= 2;
  return Math.round(rate * 1000) / 1000;
}
