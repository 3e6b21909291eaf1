import { formatterFor } from '../../i18n/format.js';
import type { Locale, Translate } from '../../i18n/i18n.js';

/**
 * The words and numbers around an upload: sizes in binary units through the shared formatter
 * ("31.5 MiB", French "31,5 Mio": the platform's limits are set in GiB), the speed measured over
 * the last seconds, the time left, and when to tell a screen reader.
 */

export function formatBytes(locale: Locale, bytes: number): string {
  return formatterFor(locale).size(bytes);
}

/** "1 min 20 s", "45 s", "2 h 5 min": the two largest units are enough for a wait (never "0 s left"). */
export function formatDuration(locale: Locale, seconds: number): string {
  return formatterFor(locale).duration(Math.max(1, seconds));
}

/** Whole percent, never 100 before the last byte is acknowledged. */
export function percentOf(sent: number, total: number): number {
  if (total <= 0) return 0;
  if (sent >= total) return 100;
  return Math.min(99, Math.floor((sent / total) * 100));
}

/** Screen readers hear the progress at every quarter (and at the end), not at every chunk. */
export const ANNOUNCE_STEP = 25;

export function announcementStep(percent: number): number {
  return Math.floor(percent / ANNOUNCE_STEP) * ANNOUNCE_STEP;
}

/**
 * Bytes per second over a sliding window: a first chunk that waited for the server, or a pause,
 * does not weigh on the estimate for long.
 */
export class TransferRate {
  private samples: { at: number; bytes: number }[] = [];

  constructor(
    private readonly windowMs = 6000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  add(bytes: number): void {
    const at = this.now();
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[0]!.at > this.windowMs) this.samples.shift();
  }

  /** Forget the history (after a pause: the time paused is not transfer time). */
  reset(): void {
    this.samples = [];
  }

  /** Null until two samples at least half a second apart exist. */
  bytesPerSecond(): number | null {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at - first.at < 500 || last.bytes < first.bytes) return null;
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
  }
}

/** "12.3 MB of 40 MB · 2.1 MB/s · about 13 s left" (speed and time once measurable). */
export function describeTransfer(locale: Locale, t: Translate, sent: number, total: number, rate: number | null): string {
  const parts = [t('videoEditor.upload.bytes', { sent: formatBytes(locale, sent), total: formatBytes(locale, total) })];
  if (rate !== null && rate > 0 && sent < total) {
    parts.push(t('videoEditor.upload.speed', { speed: formatBytes(locale, rate) }));
    parts.push(t('videoEditor.upload.eta', { time: formatDuration(locale, (total - sent) / rate) }));
  }
  return parts.join(' · ');
}

/** The client's own check before sending anything: an empty file, or over the platform's limit. */
export function checkFileSize(locale: Locale, t: Translate, size: number, maxBytes: number): string | null {
  if (size <= 0) return t('videoEditor.upload.error.empty');
  if (maxBytes > 0 && size > maxBytes) {
    return t('videoEditor.upload.error.tooBig', { size: formatBytes(locale, size), max: formatBytes(locale, maxBytes) });
  }
  return null;
}
