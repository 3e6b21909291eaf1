import { TextField } from '../../components/TextField.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { ExceptionsEditor } from './ExceptionsEditor.js';
import { InputField } from './InputField.js';
import type { ClassroomErrors, SessionDraft } from './schedule-draft.js';
import { WeekdayChoice } from './WeekdayChoice.js';

interface Props {
  session: SessionDraft;
  index: number;
  errors: ClassroomErrors;
  onChange: (patch: Partial<SessionDraft>) => void;
  onRemove: () => void;
}

/** One session's fields: a one-off's date, or a weekly one's days, dates and exceptions. */
export function SessionEditor({ session, index, errors, onChange, onRemove }: Props) {
  const { t } = useI18n();
  const at = (field: string) => errors[`sessions.${index}.${field}`];
  const testId = `schedule-session-${index}`;
  const headingId = `amphi-session-${index}-heading`;
  return (
    <section class="amphi-session amphi-card" aria-labelledby={headingId} data-testid={testId} data-kind={session.kind}>
      <h4 id={headingId}>{t('schedule.session.heading', { kind: t(session.kind === 'once' ? 'schedule.session.once' : 'schedule.session.weekly'), number: String(index + 1) })}</h4>
      <TextField label={t('schedule.session.title')} value={session.title} error={at('title')} testId={`${testId}-title`} onInput={(title) => onChange({ title })} />
      <div class="amphi-session-row">
        {session.kind === 'once' && (
          <InputField label={t('schedule.session.date')} type="date" required value={session.date} error={at('date')} testId={`${testId}-date`} onInput={(date) => onChange({ date })} />
        )}
        <InputField label={t('schedule.session.startTime')} type="time" required value={session.startTime} error={at('startTime')} testId={`${testId}-start`} onInput={(startTime) => onChange({ startTime })} />
        <InputField
          label={t('schedule.session.duration')}
          type="number"
          min={5}
          max={720}
          required
          value={session.duration}
          error={at('durationMinutes')}
          testId={`${testId}-duration`}
          onInput={(duration) => onChange({ duration })}
        />
      </div>
      {session.kind === 'weekly' && (
        <>
          <WeekdayChoice value={session.weekdays} error={at('weekdays')} testId={`${testId}-weekdays`} onChange={(weekdays) => onChange({ weekdays })} />
          <div class="amphi-session-row">
            <InputField label={t('schedule.session.fromDate')} type="date" required value={session.fromDate} error={at('fromDate')} testId={`${testId}-from`} onInput={(fromDate) => onChange({ fromDate })} />
            <InputField label={t('schedule.session.untilDate')} type="date" required value={session.untilDate} error={at('untilDate')} testId={`${testId}-until`} onInput={(untilDate) => onChange({ untilDate })} />
          </div>
          <ExceptionsEditor value={session.exceptions} error={at('exceptions')} testId={`${testId}-exceptions`} onChange={(exceptions) => onChange({ exceptions })} />
        </>
      )}
      {at('id') && <p class="amphi-field-error">{at('id')!.text}</p>}
      <div class="amphi-actions">
        <button type="button" class="amphi-button amphi-button-secondary amphi-button-small" data-testid={`${testId}-remove`} onClick={onRemove}>
          {t('schedule.session.remove')}
        </button>
      </div>
    </section>
  );
}
