import type { Segment } from './played-segments.js';

/**
 * What the server credits of the segments a page says it played. Computed on whole milliseconds
 * (what stored segments hold), so that rounding never adds a second nobody paid for: every
 * millisecond the credited set grows by is counted against the budget, the gaps that merging
 * fills included (segments a few milliseconds apart are one; a claim of many tiny segments
 * with tiny gaps would otherwise be paid for its segments and credited for its gaps too).
 */
type Span = [start: number, end: number];

/** Gaps up to this are filled, as mergeSegments does (player time updates, rounding). */
const JOIN_GAP_MS = 10;
/**
 * At most this many credited segments per view (as many as one statement may carry): each seek
 * forward leaves a hole, a real viewing has far fewer; a claim shredded into slivers cannot grow
 * the stored row without bound.
 */
export const MAX_VIEW_SEGMENTS = 2000;

export interface SegmentCredit {
  /** The credited segments after this claim: sorted, merged, in seconds with at most 3 decimals. */
  segments: Segment[];
  /** How many seconds were added (≤ the budget). */
  seconds: number;
}

/**
 * Adds to `credited` what `claimed` holds beyond it, along the video's timeline (earliest first),
 * up to `budgetSeconds`; the rest is dropped (a player re-sends its cumulative segments, so an
 * honest one is credited later, when the time has passed). Claims must be within the video.
 */
export function creditSegments(credited: readonly Segment[], claimed: readonly Segment[], budgetSeconds: number): SegmentCredit {
  const have = canonical(toSpans(credited));
  const fresh = subtract(canonical([...have, ...toSpans(claimed)]), have);
  const starts = new Set(have.map(([s]) => s));
  const ends = new Set(have.map(([, e]) => e));
  let count = have.length;
  let left = Math.max(0, Math.floor(budgetSeconds * 1000));
  const taken: Span[] = [];
  for (const [start, end] of fresh) {
    if (left <= 0) break;
    // Cut short, a piece must not end within the join gap of what follows: merging would fill it for free.
    let cut = Math.min(end, start + left);
    if (cut < end && end - cut <= JOIN_GAP_MS) cut = end - JOIN_GAP_MS - 1;
    if (cut <= start) break;
    // A piece joins the credited segment it touches; one touching none is one more segment.
    const next = count + 1 - (ends.has(start) ? 1 : 0) - (cut === end && starts.has(end) ? 1 : 0);
    if (next > MAX_VIEW_SEGMENTS) continue;
    count = next;
    taken.push([start, cut]);
    left -= cut - start;
    if (cut < end) break;
  }
  const segments = canonical([...have, ...taken]);
  return { segments: toSegments(segments), seconds: (length(segments) - length(have)) / 1000 };
}

/** The part of `claimed` that is in `credited`: what a stored statement may say was played. */
export function creditedPart(claimed: readonly Segment[], credited: readonly Segment[]): Segment[] {
  const a = canonical(toSpans(claimed));
  const b = canonical(toSpans(credited));
  const out: Span[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const start = Math.max(a[i]![0], b[j]![0]);
    const end = Math.min(a[i]![1], b[j]![1]);
    if (end > start) out.push([start, end]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return toSegments(out);
}

function toSpans(segments: readonly Segment[]): Span[] {
  return segments.filter(([s, e]) => Number.isFinite(s) && Number.isFinite(e)).map(([s, e]) => [Math.round(s * 1000), Math.round(e * 1000)]);
}

function toSegments(spans: readonly Span[]): Segment[] {
  return spans.map(([s, e]) => [s / 1000, e / 1000]);
}

/** Sorted, without empty spans, overlaps or gaps up to JOIN_GAP_MS. */
function canonical(spans: readonly Span[]): Span[] {
  const sorted = spans.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Span[] = [];
  for (const [s, e] of sorted) {
    const last = out.at(-1);
    if (last && s <= last[1] + JOIN_GAP_MS) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** `a` without `b` (both canonical), in one pass over each. */
function subtract(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let j = 0;
  for (const [start, end] of a) {
    let from = start;
    while (j < b.length && b[j]![1] <= from) j++;
    for (let k = j; k < b.length && b[k]![0] < end; k++) {
      if (b[k]![0] > from) out.push([from, b[k]![0]]);
      from = Math.max(from, b[k]![1]);
    }
    if (from < end) out.push([from, end]);
  }
  return out;
}

function length(spans: readonly Span[]): number {
  return spans.reduce((sum, [s, e]) => sum + (e - s), 0);
}
