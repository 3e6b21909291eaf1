/**
 * Played segments of the xAPI video profile: the parts of the video a person watched, as the
 * `https://w3id.org/xapi/video/extensions/played-segments` result extension writes them,
 * `"start[.]end[,]start[.]end"` in seconds (e.g. `"0[.]5.23[,]10[.]20"`).
 * https://liveaspankaj.gitbooks.io/xapi-video-profile/content/statement_data_model.html
 */
export type Segment = [start: number, end: number];

const NUMBER = String.raw`\d+(?:\.\d+)?`;
const PAIR = `${NUMBER}\\[\\.\\]${NUMBER}`;
/** Empty (nothing played yet) or pairs separated by `[,]`. */
const FORMAT = new RegExp(`^(?:${PAIR}(?:\\[,\\]${PAIR})*)?$`);
/** More than this in one string is not a real viewing session. */
export const MAX_SEGMENTS = 2000;
/** Gaps shorter than this (player time updates, rounding to milliseconds) are not holes. */
const JOIN_GAP_SECONDS = 0.01;

export class PlayedSegmentsError extends Error {}

/** Parses the profile's string; throws PlayedSegmentsError when it is not in the format or a segment ends before it starts. */
export function parsePlayedSegments(text: string): Segment[] {
  if (!FORMAT.test(text)) throw new PlayedSegmentsError('not in the format "start[.]end[,]start[.]end" (seconds)');
  if (text === '') return [];
  const parts = text.split('[,]');
  if (parts.length > MAX_SEGMENTS) throw new PlayedSegmentsError(`more than ${MAX_SEGMENTS} segments`);
  return parts.map((part) => {
    const [start, end] = part.split('[.]').map(Number) as [number, number];
    if (end < start) throw new PlayedSegmentsError(`segment ${part} ends before it starts`);
    return [start, end];
  });
}

export function formatPlayedSegments(segments: readonly Segment[]): string {
  return segments.map(([start, end]) => `${round3(start)}[.]${round3(end)}`).join('[,]');
}

/** Sorted, without overlaps: overlapping and touching segments become one; empty ones go. */
export function mergeSegments(...lists: readonly (readonly Segment[])[]): Segment[] {
  const all = lists.flat().filter(([start, end]) => Number.isFinite(start) && Number.isFinite(end) && end > start);
  all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Segment[] = [];
  for (const [start, end] of all) {
    const last = merged.at(-1);
    if (last && start <= last[1] + JOIN_GAP_SECONDS) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.map(([start, end]) => [round3(start), round3(end)]);
}

/** Segments cut to the video's length (a player may report a few milliseconds past the end). */
export function clipSegments(segments: readonly Segment[], durationSeconds: number): Segment[] {
  return segments.map(([s, e]): Segment => [Math.max(0, Math.min(s, durationSeconds)), Math.max(0, Math.min(e, durationSeconds))]).filter(([s, e]) => e > s);
}

/** The share of the video watched at least once: merged length / duration, 0..1. */
export function watchedShare(segments: readonly Segment[], durationSeconds: number | null): number {
  if (!durationSeconds || durationSeconds <= 0) return 0;
  const watched = mergeSegments(clipSegments(segments, durationSeconds)).reduce((sum, [s, e]) => sum + (e - s), 0);
  return Math.min(1, Math.round((watched / durationSeconds) * 10_000) / 10_000);
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}
