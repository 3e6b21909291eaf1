import type { Translate } from '../i18n/i18n.js';
import type { ApiError } from '../api/api-client.js';

export interface ErrorText {
  message: string;
  /** The server's own words, in English (problem+json detail), when we have no translation. */
  detail?: string;
  /** The language `detail` is written in: the server's translation when it sent one, else English. */
  detailLang?: string;
  /** `code · requestId`, for support, as on the server's error pages. */
  reference?: string;
}

const TRANSLATED: Record<string, Parameters<Translate>[0]> = {
  'session-required': 'error.session-required',
  forbidden: 'error.forbidden',
  network: 'error.network',
  'not-found': 'error.not-found',
  'invalid-request': 'error.invalid-request',
  'resource-not-found': 'error.resource-not-found',
  'resource-forbidden': 'error.resource-forbidden',
  'course-forbidden': 'error.course-forbidden',
  'score-maximum-required': 'error.score-maximum-required',
  'score-out-of-range': 'error.score-out-of-range',
  'resource-not-gradable': 'error.resource-not-gradable',
  'learner-not-in-course': 'error.learner-not-in-course',
  'grades-unavailable': 'error.grades-unavailable',
  'grades-other-course': 'error.grades-other-course',
  'deep-linking-multiple': 'error.deep-linking-multiple',
  'bbb-not-configured': 'error.bbb-not-configured',
  'external-service': 'error.external-service',
  'dashboard-for-instructors': 'error.dashboard-for-instructors',
  'analytics-no-course': 'error.analytics-no-course',
  'analytics-no-user': 'error.analytics-no-user',
  'analytics-unknown-resource': 'error.analytics-unknown-resource',
  'analytics-not-a-dashboard': 'error.analytics-not-a-dashboard',
  'analytics-no-analytics': 'error.analytics-no-analytics',
};

/** Codes whose server detail says more than our sentence (which field, which value). */
const KEEP_DETAIL = new Set(['invalid-request', 'grades-unavailable', 'external-service']);

/** What to tell a person about a failed API call, in their language. */
export function describeApiError(error: ApiError, t: Translate): ErrorText {
  const known = TRANSLATED[error.code];
  const detail = error.localized?.text ?? error.detail;
  const detailLang = error.localized?.lang ?? 'en';
  if (known) return { message: t(known), ...(KEEP_DETAIL.has(error.code) && detail ? { detail, detailLang } : {}) };
  const refused = error.status >= 400 && error.status < 500;
  return {
    message: t(refused ? 'error.refused' : 'error.generic'),
    // internal-error's detail only repeats the generic message.
    ...(error.code !== 'internal-error' && detail ? { detail, detailLang } : {}),
    reference: [error.code, error.requestId].filter(Boolean).join(' · '),
  };
}
