import { useState } from 'preact/hooks';
import { FieldError, type FieldMessage } from '../../components/FieldError.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { InputField } from './InputField.js';

/** A weekly session's skipped dates: a date input and Add, then the list with a Remove button each. */
export function ExceptionsEditor({ value, onChange, error, testId }: { value: string[]; onChange: (dates: string[]) => void; error?: FieldMessage; testId: string }) {
  const { t } = useI18n();
  const formatter = useFormatter();
  const [date, setDate] = useState('');
  // A calendar day, with its weekday: the skipped dates of a weekly session are read by their day.
  const format = (iso: string) => new Intl.DateTimeFormat(formatter.tag, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  const add = () => {
    if (!date) return;
    if (!value.includes(date)) onChange([...value, date].sort());
    setDate('');
  };
  return (
    <div class="amphi-fieldset amphi-exceptions" role="group" aria-label={t('schedule.session.exceptions')} data-testid={testId}>
      <p class="amphi-exceptions-title">{t('schedule.session.exceptions')}</p>
      {value.length === 0 ? (
        <p class="amphi-hint">{t('schedule.session.exceptions.none')}</p>
      ) : (
        <ul class="amphi-exception-list">
          {value.map((d) => (
            <li key={d}>
              <span>{format(d)}</span>{' '}
              <button type="button" class="amphi-button amphi-button-quiet amphi-button-small" aria-label={t('schedule.session.exception.remove', { date: format(d) })} onClick={() => onChange(value.filter((x) => x !== d))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div
        class="amphi-exception-add"
        onKeyDown={(event) => {
          // Enter in the date field adds it instead of submitting the whole form.
          if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') {
            event.preventDefault();
            add();
          }
        }}
      >
        <InputField label={t('schedule.session.exception.new')} type="date" value={date} onInput={setDate} testId={`${testId}-new`} />
        <button type="button" class="amphi-button amphi-button-secondary amphi-button-small" data-testid={`${testId}-add`} onClick={add}>
          {t('schedule.session.exception.add')}
        </button>
      </div>
      {error && <FieldError id={`${testId}-error`} error={error} />}
    </div>
  );
}
