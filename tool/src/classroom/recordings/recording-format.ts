import type { MessageKey, Translate } from '../../i18n/i18n.js';
import type { RecordingItem } from './recordings-api.js';

const FORMAT_KEYS: Record<string, MessageKey> = {
  presentation: 'recordings.format.presentation',
  video: 'recordings.format.video',
  podcast: 'recordings.format.podcast',
  screenshare: 'recordings.format.screenshare',
  notes: 'recordings.format.notes',
};

/** BBB's playback format in words (an unknown one keeps BBB's name). */
export function formatName(type: string, t: Translate): string {
  const key = FORMAT_KEYS[type];
  return key ? t(key) : type;
}

/** The first preview picture BBB gave (the presentation's first slides). */
export function thumbnailOf(item: RecordingItem): RecordingItem['formats'][number]['previewImages'][number] | undefined {
  for (const f of item.formats) if (f.previewImages.length) return f.previewImages[0];
  return undefined;
}

export function isImporting(item: RecordingItem): boolean {
  return item.import?.status === 'queued' || item.import?.status === 'running';
}
