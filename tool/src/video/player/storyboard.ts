/**
 * The seek preview's storyboard: a WebVTT file whose cues point at regions of one sprite image,
 * `storyboard.jpg#xywh=x,y,w,h` (media fragments). Parsed here, shown by SeekPreview.
 */

export interface StoryboardCue {
  start: number;
  end: number;
  /** Absolute URL of the sprite. */
  image: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** `00:01:02.500` or `01:02.500` → seconds. */
export function parseVttTime(text: string): number {
  const fields = text.trim().split(':').map(Number);
  if (fields.some((n) => !Number.isFinite(n))) return Number.NaN;
  return fields.reduce((total, n) => total * 60 + n, 0);
}

/** Cues of a storyboard VTT; image URLs resolved against the VTT's own URL. */
export function parseStoryboard(vtt: string, vttUrl: string): StoryboardCue[] {
  const cues: StoryboardCue[] = [];
  const lines = vtt.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const timing = /^\s*([\d:.]+)\s+-->\s+([\d:.]+)/.exec(lines[i] ?? '');
    if (!timing) continue;
    const target = (lines[i + 1] ?? '').trim();
    const fragment = /^(.*)#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(target);
    if (!fragment) continue;
    const [, file, x, y, w, h] = fragment;
    const start = parseVttTime(timing[1]!);
    const end = parseVttTime(timing[2]!);
    if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
    cues.push({ start, end, image: new URL(file!, vttUrl).href, x: Number(x), y: Number(y), width: Number(w), height: Number(h) });
  }
  return cues;
}

/** The cue showing `time` (the last one past the end). */
export function cueAt(cues: readonly StoryboardCue[], time: number): StoryboardCue | undefined {
  return cues.find((c) => time >= c.start && time < c.end) ?? (time >= (cues.at(-1)?.end ?? Infinity) ? cues.at(-1) : undefined);
}
