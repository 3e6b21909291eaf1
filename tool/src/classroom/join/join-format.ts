import type { Formatter } from '../../i18n/format.js';

/**
 * An instant as the viewer reads it: their own time zone (the browser's), the shared formatter's
 * variant of the page language (an en-GB browser reads 7 December, not December 7).
 */
export function dayOf(iso: string, format: Formatter): string {
  return new Intl.DateTimeFormat(format.tag, { weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(iso));
}

export function timeOf(iso: string, format: Formatter): string {
  return format.time(iso);
}

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
