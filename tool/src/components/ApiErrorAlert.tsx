import type { ApiError } from '../api/api-client.js';
import { useI18n } from '../i18n/I18nContext.js';
import { describeApiError } from '../launch/error-message.js';
import { ErrorAlert } from './ErrorAlert.js';

/** A failed API call, said in the user's language, with the server's reference for support. */
export function ApiErrorAlert({ error }: { error: ApiError }) {
  const { t } = useI18n();
  const { message, detail, detailLang, reference } = describeApiError(error, t);
  const notes = [
    ...(detail ? [{ label: t('error.details'), text: detail, lang: detailLang ?? 'en' }] : []),
    ...(reference ? [{ label: t('error.reference'), text: reference, code: true }] : []),
  ];
  return <ErrorAlert message={message} notes={notes} />;
}
