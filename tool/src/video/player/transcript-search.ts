/**
 * Searching a transcript the way people type: without accents and in any case ("ecole" finds
 * "École"). Text is folded per character (NFD, combining marks removed, lower case) and each
 * folded character remembers where it came from, so a match is highlighted in the text as written.
 */

export interface FoldedText {
  folded: string;
  /** For each folded character, its index in the original text; one more entry: the text's length. */
  map: number[];
}

const MARKS = /\p{M}/gu;

export function foldForSearch(text: string): FoldedText {
  let folded = '';
  const map: number[] = [];
  let index = 0;
  for (const ch of text) {
    const f = ch.normalize('NFD').replace(MARKS, '').toLowerCase();
    for (let k = 0; k < f.length; k++) map.push(index);
    folded += f;
    index += ch.length;
  }
  map.push(index);
  return { folded, map };
}

/** The query folded alike, spaces collapsed: "  Été " → "ete". */
export function foldQuery(query: string): string {
  return query.normalize('NFD').replace(MARKS, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface TranscriptMatch {
  /** Index of the cue. */
  cue: number;
  /** Range in the cue's text as written. */
  start: number;
  end: number;
}

/** Every match of `query` in the texts, in order (non-overlapping within a text). */
export function findMatches(texts: readonly FoldedText[], query: string): TranscriptMatch[] {
  const q = foldQuery(query);
  if (!q) return [];
  const matches: TranscriptMatch[] = [];
  texts.forEach(({ folded, map }, cue) => {
    let from = folded.indexOf(q);
    while (from >= 0) {
      matches.push({ cue, start: map[from]!, end: map[from + q.length]! });
      from = folded.indexOf(q, from + q.length);
    }
  });
  return matches;
}

/** A text cut around its matches: plain parts and marked parts, in order. */
export function markedParts(text: string, ranges: readonly { start: number; end: number }[]): { text: string; mark: boolean; index: number }[] {
  const parts: { text: string; mark: boolean; index: number }[] = [];
  let at = 0;
  ranges.forEach((range, index) => {
    if (range.start > at) parts.push({ text: text.slice(at, range.start), mark: false, index: -1 });
    parts.push({ text: text.slice(range.start, range.end), mark: true, index });
    at = range.end;
  });
  if (at < text.length) parts.push({ text: text.slice(at), mark: false, index: -1 });
  return parts;
}

/** The cue being said at `time`: the last one started (the previous sentence stays marked through a pause); -1 before the first. */
export function transcriptIndexAt(cues: readonly { start: number }[], time: number): number {
  let lo = 0;
  let hi = cues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]!.start <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
