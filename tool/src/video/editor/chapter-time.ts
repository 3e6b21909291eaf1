/**
 * Times as teachers type and read them in the chapters editor: `m:ss` or `h:mm:ss` (the way
 * players show time), never a bare number of seconds that reads ambiguously ("90" = 1:30?).
 */

const PATTERN = /^(?:(\d+):)?(\d+):(\d{1,2})(?:[.,](\d{1,3}))?$/;

/**
 * `"1:05"` → 65, `"1:02:03"` → 3723, `"0:07.5"` (or `"0:07,5"` as French writes it) → 7.5.
 * Minutes may exceed 59 only without hours (`"75:00"`); seconds never. Null when unreadable.
 */
export function parseTime(text: string): number | null {
  const match = PATTERN.exec(text.trim());
  if (!match) return null;
  const [, hours, minutes, seconds, fraction] = match;
  const h = hours === undefined ? 0 : Number(hours);
  const m = Number(minutes);
  const s = Number(seconds);
  if (s >= 60 || (hours !== undefined && m >= 60)) return null;
  const total = h * 3600 + m * 60 + s + (fraction ? Number(`0.${fraction}`) : 0);
  return Math.round(total * 1000) / 1000;
}

/**
 * 65 → `"1:05"`, 3723 → `"1:02:03"`. Whole seconds (a chapter starts on a second); hours appear
 * when the time or `longest` (the video's duration, so every row of one list reads alike) needs them.
 */
export function formatTime(seconds: number, longest = 0): string {
  const total = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0 || longest >= 3600) return `${h}:${pad(m)}:${pad(s)}`;
  return `${m}:${pad(s)}`;
}
