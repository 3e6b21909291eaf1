import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useI18n } from '../i18n/I18nContext.js';
import type { ResourceForm } from './useResourceForm.js';

/** What went wrong with a resource form beyond its fields. */
export function FormProblems({ form }: { form: ResourceForm }) {
  const { t } = useI18n();
  if (form.failure) return <ApiErrorAlert error={form.failure} />;
  if (!form.otherErrors.length) return null;
  return (
    <ErrorAlert
      message={t('form.error.rejected')}
      notes={form.otherErrors.map((error, index) => ({ label: `${index + 1}.`, text: error.text, lang: error.lang }))}
    />
  );
}
