import { useId } from 'preact/hooks';
import { FieldError, type FieldMessage } from '../../components/FieldError.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';

/** ISO weekday (1 = Monday) → its name in the page's language. 2024-01-01 was a Monday. */
export function weekdayName(locale: string, isoDay: number, width: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, isoDay)));
}

/** Seven checkboxes in a fieldset (Monday first). */
export function WeekdayChoice({ value, onChange, error, testId }: { value: number[]; onChange: (days: number[]) => void; error?: FieldMessage; testId?: string }) {
  const { t } = useI18n();
  const format = useFormatter();
  const id = useId();
  return (
    <fieldset class="amphi-fieldset amphi-weekdays" data-testid={testId}>
      <legend>{t('schedule.session.weekdays')}</legend>
      {[1, 2, 3, 4, 5, 6, 7].map((day) => (
        <div class="amphi-check" key={day}>
          <input
            id={`${id}-${day}`}
            type="checkbox"
            checked={value.includes(day)}
            // A group cannot be invalid in ARIA: its boxes are, and they point at the message.
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            data-testid={testId ? `${testId}-${day}` : undefined}
            onChange={(event) => {
              const on = (event.currentTarget as HTMLInputElement).checked;
              onChange(on ? [...value.filter((d) => d !== day), day].sort() : value.filter((d) => d !== day));
            }}
          />
          <label for={`${id}-${day}`}>{weekdayName(format.tag, day)}</label>
        </div>
      ))}
      {error && <FieldError id={`${id}-error`} error={error} />}
    </fieldset>
  );
}
