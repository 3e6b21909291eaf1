import type { VideoProgress } from '../../api/api-types.js';
import { mergeSegments, watchedShare, type Segment } from '../xapi/played-segments.js';

/**
 * The share shown under the player: what the server credited, with what this page has played
 * since (not sent yet, or sent and not acknowledged). For the display only: the server computes
 * the figure it keeps and grades from the statements, never from this.
 */
export function shownShare(server: VideoProgress | null, local: readonly Segment[], durationSeconds: number): number {
  const credited = server?.watchedShare ?? 0;
  const segments = mergeSegments([...(server?.playedSegments ?? []), ...local]);
  return Math.max(credited, watchedShare(segments, durationSeconds));
}

/** Screen readers hear the share at each quarter (and at completion), not every second of playback. */
export const ANNOUNCE_EVERY = 0.25;

export function announcedStep(share: number): number {
  return Math.floor(share / ANNOUNCE_EVERY + 1e-9) * ANNOUNCE_EVERY;
}
