import type { Translate } from '../../i18n/i18n.js';

/**
 * The transcode's stage label (`processing.label`) in the teacher's language. The server writes
 * the stage names of src/video/ffmpeg/transcode.ts ("Preparing images", "Encoding 360p, 480p",
 * "Encoding audio", "Preparing download", "Done"); anything else is shown as sent.
 */
export function processingStageText(label: string, t: Translate): string {
  if (label === 'Preparing images') return t('videoEditor.stage.images');
  if (label === 'Preparing download') return t('videoEditor.stage.download');
  if (label === 'Done') return t('videoEditor.stage.done');
  if (label === 'Encoding audio') return t('videoEditor.stage.audio');
  const encoding = /^Encoding (.+)$/.exec(label);
  if (encoding) return t('videoEditor.stage.encoding', { renditions: encoding[1]! });
  return label;
}
