import { useEffect, useRef, useState } from 'preact/hooks';
import type { DateRange } from '../../api/analytics-types.js';
import type { FieldMessage } from '../../components/FieldError.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormats } from '../useFormats.js';
import { checkRange, MAX_RANGE_DAYS, type RangeProblem } from './date-range.js';
import { DateField } from './DateField.js';

interface Props {
  /** The range the figures show (the server's answer, its default until one is chosen). */
  shown: DateRange | undefined;
  onApply: (range: DateRange) => void;
  testId?: string;
}

/** From and to days, checked here (filled, in order, at most a year) before the figures reload. */
export function DateRangePicker({ shown, onApply, testId = 'date-range' }: Props) {
  const { t } = useI18n();
  const formats = useFormats();
  const [draft, setDraft] = useState<DateRange>(shown ?? { from: '', to: '' });
  const [problems, setProblems] = useState<RangeProblem[]>([]);
  const touched = useRef(false);
  const form = useRef<HTMLFormElement>(null);

  // The first answer tells the default range: show it until the teacher types another.
  useEffect(() => {
    if (shown && !touched.current) setDraft(shown);
  }, [shown?.from, shown?.to]);

  const change = (patch: Partial<DateRange>) => {
    touched.current = true;
    setProblems([]);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const errorOf = (field: 'from' | 'to'): FieldMessage | undefined => {
    const problem = problems.find((p) => p.field === field);
    if (!problem) return undefined;
    if (problem.reason === 'required') return { text: t('analytics.range.error.required') };
    if (problem.reason === 'order') return { text: t('analytics.range.error.order') };
    return { text: t('analytics.range.error.span', { max: String(MAX_RANGE_DAYS) }) };
  };
  const submit = (event: Event) => {
    event.preventDefault();
    const found = checkRange(draft);
    setProblems(found);
    if (found.length) {
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    onApply({ ...draft });
  };

  return (
    <form ref={form} class="amphi-date-range" noValidate onSubmit={submit} data-testid={testId}>
      <fieldset class="amphi-fieldset">
        <legend>{t('analytics.range.legend')}</legend>
        <div class="amphi-filters">
          <DateField label={t('analytics.range.from')} value={draft.from} error={errorOf('from')} onInput={(from) => change({ from })} testId={`${testId}-from`} />
          <DateField label={t('analytics.range.to')} value={draft.to} error={errorOf('to')} onInput={(to) => change({ to })} testId={`${testId}-to`} />
          <button type="submit" class="amphi-button amphi-button-secondary" data-testid={`${testId}-apply`}>
            {t('analytics.range.apply')}
          </button>
        </div>
      </fieldset>
      {shown && (
        <p class="amphi-muted amphi-small" data-testid={`${testId}-shown`}>
          {t('analytics.range.shown', { from: formats.longDay(shown.from), to: formats.longDay(shown.to) })}
        </p>
      )}
    </form>
  );
}
