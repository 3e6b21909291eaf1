/**
 * Audience retention along a video's timeline (docs/indicators.md): the timeline cut into
 * `slices` equal parts (100, or one per second for a video under 100 s); a viewer retains a
 * slice when one of their played segments covers its middle. Share = viewers retaining it /
 * viewers. Segments are the server's merged ones (video_views), so a viewer counts once per slice.
 */
export type Segment = readonly [number, number];

export interface RetentionSlice {
  startSeconds: number;
  endSeconds: number;
  share: number;
}

export function retentionCurve(viewers: readonly (readonly Segment[])[], durationSeconds: number): RetentionSlice[] {
  if (!(durationSeconds > 0)) return [];
  const slices = Math.max(1, Math.min(100, Math.ceil(durationSeconds)));
  const width = durationSeconds / slices;
  const diff = new Array<number>(slices + 1).fill(0);
  let counted = 0;
  for (const segments of viewers) {
    if (!segments.length) continue;
    counted++;
    for (const [start, end] of segments) {
      // Slices whose middle (i + 0.5) · width lies in [start, end).
      const first = Math.max(0, Math.ceil(start / width - 0.5));
      const last = Math.min(slices - 1, Math.ceil(end / width - 0.5) - 1);
      if (last < first) continue;
      diff[first]! += 1;
      diff[last + 1]! -= 1;
    }
  }
  const out: RetentionSlice[] = [];
  let running = 0;
  for (let i = 0; i < slices; i++) {
    running += diff[i]!;
    out.push({ startSeconds: round(i * width), endSeconds: round((i + 1) * width), share: counted ? round(running / counted) : 0 });
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
