import type { FieldMessage } from '../../components/FieldError.js';
import type { Translate } from '../../i18n/i18n.js';

/**
 * A video's completion threshold as the settings form edits it: a whole percent in text, sent
 * as a share. A threshold under half would count a skim as watched.
 */
export const VIDEO_LIMITS = { thresholdMin: 50, thresholdMax: 100 } as const;

/** The server's default when a video never had one (src/video/video.schemas.ts, StoredVideoSettings). */
export const DEFAULT_COMPLETION_THRESHOLD = 0.9;

/** The stored share (resource.settings.completionThreshold, absent on older videos) as the field's text. */
export function thresholdDraft(stored: unknown): string {
  const share = typeof stored === 'number' && Number.isFinite(stored) ? stored : DEFAULT_COMPLETION_THRESHOLD;
  return String(Math.round(share * 100));
}

function percentOf(text: string): number {
  return Number(text.trim().replace(',', '.'));
}

/** A whole number from 50 to 100, or why not. */
export function thresholdError(text: string, t: Translate): FieldMessage | null {
  const percent = percentOf(text);
  if (text.trim() && Number.isInteger(percent) && percent >= VIDEO_LIMITS.thresholdMin && percent <= VIDEO_LIMITS.thresholdMax) return null;
  return { text: t('videoEditor.settings.error.threshold', { min: String(VIDEO_LIMITS.thresholdMin), max: String(VIDEO_LIMITS.thresholdMax) }) };
}

/** The share the API takes (0.5..1). */
export function thresholdShare(text: string): number {
  return percentOf(text) / 100;
}
