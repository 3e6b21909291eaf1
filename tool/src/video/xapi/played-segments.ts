/**
 * Played segments of the xAPI video profile (https://w3id.org/xapi/video, "played-segments"):
 * the parts of the media the learner actually played, merged, written `"0[.]5.23[,]10[.]20"`.
 * The watched share (what completion and the grade rest on) is their total length over the
 * media's duration, so seeking to the end never counts as watching.
 */

/** `[start, end]` in seconds, start ≤ end. */
export type Segment = readonly [number, number];

/** Seconds with at most 3 decimals, as the profile's numbers are written. */
export function roundTime(seconds: number): number {
  return Math.round(Math.max(0, seconds) * 1000) / 1000;
}

/** Sorted, overlapping or touching segments joined, empty ones dropped. */
export function mergeSegments(segments: readonly Segment[]): Segment[] {
  const sorted = segments
    .map(([a, b]) => [roundTime(Math.min(a, b)), roundTime(Math.max(a, b))] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The profile's text form: `start[.]end` joined by `[,]`. */
export function formatSegments(segments: readonly Segment[]): string {
  return mergeSegments(segments)
    .map(([a, b]) => `${a}[.]${b}`)
    .join('[,]');
}

/** The inverse of formatSegments (malformed parts are skipped). */
export function parseSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  for (const part of text.split('[,]')) {
    const [a, b] = part.split('[.]').map(Number);
    if (a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b)) segments.push([a, b]);
  }
  return mergeSegments(segments);
}

export function coveredSeconds(segments: readonly Segment[]): number {
  return roundTime(mergeSegments(segments).reduce((sum, [a, b]) => sum + (b - a), 0));
}

/** 0..1 (3 decimals); 0 when the duration is unknown. */
export function watchedShare(segments: readonly Segment[], durationSeconds: number): number {
  if (!(durationSeconds > 0)) return 0;
  return Math.min(1, Math.round((coveredSeconds(segments) / durationSeconds) * 1000) / 1000);
}

/**
 * Records what plays: a segment opens when playback starts and closes when it pauses, seeks or
 * jumps (a `timeupdate` far from the last one means the position moved without us seeing it).
 */
export class SegmentRecorder {
  private closed: Segment[] = [];
  private openStart: number | null = null;
  private lastTime = 0;
  /** Media seconds played, counting replays (the completed statement's duration). */
  private playedSeconds = 0;

  constructor(private readonly maxJumpSeconds = 2.5) {}

  start(time: number): void {
    if (this.openStart !== null) this.stop(this.lastTime);
    this.openStart = time;
    this.lastTime = time;
  }

  /** Extends the open segment; a jump closes it and opens another where playback is now. */
  update(time: number): void {
    if (this.openStart === null) {
      this.lastTime = time;
      return;
    }
    const delta = time - this.lastTime;
    if (delta < 0 || delta > this.maxJumpSeconds) {
      this.stop(this.lastTime);
      this.start(time);
      return;
    }
    this.lastTime = time;
  }

  stop(time: number): void {
    if (this.openStart === null) return;
    const end = time >= this.openStart && time - this.lastTime <= this.maxJumpSeconds ? time : this.lastTime;
    if (end > this.openStart) {
      this.closed.push([this.openStart, end]);
      this.playedSeconds += end - this.openStart;
    }
    this.closed = mergeSegments(this.closed);
    this.openStart = null;
    this.lastTime = time;
  }

  get playing(): boolean {
    return this.openStart !== null;
  }

  /** Closed segments plus the open one up to the last known time. */
  segments(): Segment[] {
    const open: Segment[] = this.openStart !== null && this.lastTime > this.openStart ? [[this.openStart, this.lastTime]] : [];
    return mergeSegments([...this.closed, ...open]);
  }

  played(): number {
    const open = this.openStart !== null ? Math.max(0, this.lastTime - this.openStart) : 0;
    return roundTime(this.playedSeconds + open);
  }
}
