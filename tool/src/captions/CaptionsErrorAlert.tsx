import type { ApiError } from '../api/api-client.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useI18n } from '../i18n/I18nContext.js';

/**
 * A refused captions call: the captions API's own problems (captions-…) come with a detail in
 * the session's language that says what to do ("This video already has captions in fr: edit
 * them…"), shown as the message; anything else as every API error is shown.
 */
export function CaptionsErrorAlert({ error }: { error: ApiError }) {
  const { t } = useI18n();
  if (!error.code.startsWith('captions-') || !error.detail) return <ApiErrorAlert error={error} />;
  const notes = error.requestId ? [{ label: t('error.reference'), text: `${error.code} · ${error.requestId}`, code: true }] : [];
  return <ErrorAlert message={error.detail} notes={notes} />;
}
