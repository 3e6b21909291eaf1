import type { Formatter } from '../../i18n/format.js';

/** A date and time in the viewer's time zone, the browser's variant of the page language; a dash when unknown. */
export function formatWhen(iso: string | null, format: Formatter): string {
  return iso ? format.dateTime(iso) : '—';
}

/** A time of day only (join and leave within a session). */
export function formatTime(iso: string | null, format: Formatter): string {
  return iso ? format.time(iso) : '—';
}

/** 1 h 5 min, 12 min, 45 s; a dash before BBB reported it. */
export function formatSeconds(seconds: number | null, format: Formatter): string {
  return seconds === null ? '—' : format.duration(seconds);
}

export function formatCount(n: number | null, format: Formatter): string {
  return n === null ? '—' : format.number(n, 0);
}
