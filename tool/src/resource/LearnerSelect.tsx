import type { Ref } from 'preact';
import { useId } from 'preact/hooks';
import type { GradebookLearner } from '../api/api-types.js';
import { FieldError, type FieldMessage } from '../components/FieldError.js';
import { useI18n } from '../i18n/I18nContext.js';
import { learnerName } from './GradeRow.js';

interface Props {
  learners: GradebookLearner[];
  value: string;
  onChange: (userId: string) => void;
  error?: FieldMessage;
  selectRef?: Ref<HTMLSelectElement>;
}

/** Which learner the score is for. */
export function LearnerSelect({ learners, value, onChange, error, selectRef }: Props) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div class="amphi-form-field">
      <label for={id}>
        {t('grades.form.learner')}
        <span class="amphi-required" aria-hidden="true"> *</span>
      </label>
      <select
        id={id}
        ref={selectRef}
        class="amphi-input"
        value={value}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid="score-learner"
        onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}
      >
        <option value="">{t('grades.form.learner.choose')}</option>
        {learners.map((learner) => (
          <option key={learner.userId} value={learner.userId}>
            {learnerName(learner, t('grades.unnamed'))}
          </option>
        ))}
      </select>
      {error && <FieldError id={`${id}-error`} error={error} />}
    </div>
  );
}
