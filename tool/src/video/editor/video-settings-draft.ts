import type { ApiError } from '../../api/api-client.js';
import type { VideoResponse } from '../../api/api-types.js';
import type { FieldMessage } from '../../components/FieldError.js';
import type { Translate } from '../../i18n/i18n.js';

/** The video settings as typed: the completion threshold as a percent in text. */
export interface VideoSettingsDraft {
  title: string;
  description: string;
  allowDownload: boolean;
  thresholdPercent: string;
}

export type VideoSettingsField = 'title' | 'description' | 'thresholdPercent';
export type VideoSettingsErrors = Partial<Record<VideoSettingsField, FieldMessage>>;

/** Same limits as the resource forms; a threshold under half would count a skim as watched. */
export const VIDEO_LIMITS = { title: 255, description: 5000, thresholdMin: 50, thresholdMax: 100 } as const;

export function draftFromVideo(video: VideoResponse): VideoSettingsDraft {
  return {
    title: video.title,
    description: video.description,
    allowDownload: video.allowDownload,
    thresholdPercent: String(Math.round(video.completionThreshold * 100)),
  };
}

export function validateVideoSettings(draft: VideoSettingsDraft, t: Translate): VideoSettingsErrors {
  const errors: VideoSettingsErrors = {};
  const tooLong = (max: number) => ({ text: t('form.error.tooLong', { max: String(max) }) });
  if (!draft.title.trim()) errors.title = { text: t('form.error.titleRequired') };
  else if (draft.title.trim().length > VIDEO_LIMITS.title) errors.title = tooLong(VIDEO_LIMITS.title);
  if (draft.description.trim().length > VIDEO_LIMITS.description) errors.description = tooLong(VIDEO_LIMITS.description);
  const percent = Number(draft.thresholdPercent.trim().replace(',', '.'));
  if (!draft.thresholdPercent.trim() || !Number.isInteger(percent) || percent < VIDEO_LIMITS.thresholdMin || percent > VIDEO_LIMITS.thresholdMax) {
    errors.thresholdPercent = {
      text: t('videoEditor.settings.error.threshold', { min: String(VIDEO_LIMITS.thresholdMin), max: String(VIDEO_LIMITS.thresholdMax) }),
    };
  }
  return errors;
}

/** The PATCH body (threshold as a share, 0.5..1). */
export function toVideoUpdate(draft: VideoSettingsDraft) {
  return {
    title: draft.title.trim(),
    description: draft.description.trim(),
    allowDownload: draft.allowDownload,
    completionThreshold: Number(draft.thresholdPercent.trim().replace(',', '.')) / 100,
  };
}

const FIELD_OF: Record<string, VideoSettingsField> = {
  'body.title': 'title',
  'body.description': 'description',
  'body.completionThreshold': 'thresholdPercent',
};

/** The server's validation issues under their fields (in the server's English); the rest apart. */
export function videoSettingsServerErrors(error: ApiError): { fields: VideoSettingsErrors; other: FieldMessage[] } {
  const fields: VideoSettingsErrors = {};
  const other: FieldMessage[] = [];
  for (const issue of error.issues) {
    const field = FIELD_OF[issue.path];
    const message = { text: issue.message, lang: 'en' };
    if (field && !fields[field]) fields[field] = message;
    else other.push(message);
  }
  return { fields, other };
}
