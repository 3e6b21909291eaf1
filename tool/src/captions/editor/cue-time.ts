/**
 * Cue times as the subtitle editor shows and reads them: `m:ss.mmm` (`h:mm:ss.mmm` past an hour),
 * to the millisecond, the precision of WebVTT and SubRip.
 */

const PATTERN = /^(?:(\d+):)?(\d+):(\d{1,2})(?:[.,](\d{1,3}))?$/;

/**
 * `"1:05.250"` → 65.25, `"1:02:03.5"` → 3723.5, `"0:07,5"` (a French decimal comma) → 7.5,
 * `"1:05"` → 65. Minutes may pass 59 only without hours; seconds never. Null when unreadable.
 */
export function parseCueTime(text: string): number | null {
  const match = PATTERN.exec(text.trim());
  if (!match) return null;
  const [, hours, minutes, seconds, fraction] = match;
  const m = Number(minutes);
  const s = Number(seconds);
  if (s >= 60 || (hours !== undefined && m >= 60)) return null;
  const millis = fraction ? Number(fraction.padEnd(3, '0')) : 0;
  return ((hours === undefined ? 0 : Number(hours)) * 3600 + m * 60 + s) + millis / 1000;
}

/** 65.25 → `"1:05.250"`; hours appear when the time or `longest` (the media's duration) needs them, so a list reads alike. */
export function formatCueTime(seconds: number, longest = 0): string {
  const totalMs = Math.max(0, Math.round((Number.isFinite(seconds) ? seconds : 0) * 1000));
  const ms = totalMs % 1000;
  const total = Math.floor(totalMs / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const tail = `${pad(s)}.${pad(ms, 3)}`;
  return h > 0 || longest >= 3600 ? `${h}:${pad(m)}:${tail}` : `${m}:${tail}`;
}

/** Seconds rounded to the millisecond (what the files keep), so a split or a nudge never leaves 1.0000000002. */
export function toMillis(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
