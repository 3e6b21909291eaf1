import type { ApiError } from '../api/api-client.js';
import type { RecordScoreBody } from '../api/api-types.js';
import type { FieldMessage } from '../components/FieldError.js';
import type { MessageKey } from '../i18n/i18n.js';

export interface ScoreDraft {
  userId: string;
  scoreGiven: string;
  comment: string;
}
export type ScoreErrors = Partial<Record<keyof ScoreDraft, FieldMessage>>;

/** The browser's checks: a learner, and a score between 0 and the maximum. */
export function validateScore(draft: ScoreDraft, scoreMaximum: number, t: (key: MessageKey, params?: Record<string, string>) => string): ScoreErrors {
  const errors: ScoreErrors = {};
  if (!draft.userId) errors.userId = { text: t('grades.form.error.learner') };
  const score = Number(draft.scoreGiven);
  if (!draft.scoreGiven.trim() || !Number.isFinite(score) || score < 0 || score > scoreMaximum) {
    errors.scoreGiven = { text: t('grades.form.error.score', { max: String(scoreMaximum) }) };
  }
  return errors;
}

export function toScoreBody(draft: ScoreDraft): RecordScoreBody {
  const comment = draft.comment.trim();
  return { userId: draft.userId, scoreGiven: Number(draft.scoreGiven), ...(comment ? { comment } : {}) };
}

/** The server's validation issues under the fields they name (in its English). */
export function scoreServerErrors(error: ApiError): ScoreErrors {
  const errors: ScoreErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.split('.').pop();
    if (field === 'userId' || field === 'scoreGiven' || field === 'comment') errors[field] ??= { text: issue.message, lang: 'en' };
  }
  return errors;
}
