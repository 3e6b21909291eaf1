import type { Translate } from '../i18n/i18n.js';
import type { ApiError } from '../session/session-api.js';

export interface ErrorText {
  message: string;
  /** The server's own words, in English (problem+json detail), when we have no translation. */
  detail?: string;
  /** `code · requestId`, for support, as on the server's error pages. */
  reference?: string;
}

const TRANSLATED: Record<string, Parameters<Translate>[0]> = {
  'session-required': 'error.session-required',
  forbidden: 'error.forbidden',
  network: 'error.network',
};

/** What to tell a person about a failed API call, in their language. */
export function describeApiError(error: ApiError, t: Translate): ErrorText {
  const known = TRANSLATED[error.code];
  if (known) return { message: t(known) };
  return {
    message: t('error.generic'),
    // internal-error's detail only repeats the generic message, in English.
    detail: error.code === 'internal-error' ? undefined : error.detail,
    reference: [error.code, error.requestId].filter(Boolean).join(' · '),
  };
}
