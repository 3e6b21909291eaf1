import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../api/api-client.js';
import type { GradebookLearner } from '../api/api-types.js';
import { useApi } from '../api/ApiContext.js';
import { recordScore } from '../api/grades-api.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { TextField } from '../components/TextField.js';
import { useI18n } from '../i18n/I18nContext.js';
import { useFormatter } from '../i18n/useFormatter.js';
import { learnerName } from './GradeRow.js';
import { LearnerSelect } from './LearnerSelect.js';
import { scoreServerErrors, toScoreBody, validateScore, type ScoreErrors } from './score-draft.js';

interface Props {
  resourceId: string;
  learners: GradebookLearner[];
  scoreMaximum: number;
  /** The learner is chosen here or with a row's "Grade" button. */
  userId: string;
  onUserChange: (userId: string) => void;
  scoreRef: RefObject<HTMLElement | null>;
  onRecorded: (message: string) => void;
}

/** Gives or overrides one learner's score, with a comment (POST …/scores; delivered by the outbox). */
export function ScoreForm({ resourceId, learners, scoreMaximum, userId, onUserChange, scoreRef, onRecorded }: Props) {
  const { t } = useI18n();
  const format = useFormatter();
  const client = useApi();
  const [scoreGiven, setScoreGiven] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<ScoreErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const draft = { userId, scoreGiven, comment };
    const local = validateScore(draft, scoreMaximum, t);
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await recordScore(client, resourceId, toScoreBody(draft));
      const learner = learners.find((l) => l.userId === userId);
      setScoreGiven('');
      setComment('');
      onRecorded(t('grades.form.recorded', { name: learner ? learnerName(learner, t('grades.unnamed')) : '' }));
    } catch (err) {
      const error = toApiError(err);
      if (error.issues.length) setErrors(scoreServerErrors(error));
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="amphi-form amphi-card" noValidate aria-labelledby="amphi-score-heading" data-testid="score-form" onSubmit={(e) => void submit(e)}>
      <h3 id="amphi-score-heading">{t('grades.form.heading')}</h3>
      <LearnerSelect learners={learners} value={userId} onChange={onUserChange} error={errors.userId} />
      <TextField
        label={t('grades.form.score', { max: format.number(scoreMaximum, 2) })}
        type="number"
        min={0}
        max={scoreMaximum}
        step="any"
        required
        value={scoreGiven}
        onInput={setScoreGiven}
        error={errors.scoreGiven}
        testId="score-given"
        inputRef={scoreRef}
      />
      <TextField label={t('grades.form.comment')} multiline value={comment} onInput={setComment} error={errors.comment} testId="score-comment" />
      {failure && <ApiErrorAlert error={failure} />}
      <div class="amphi-actions">
        <button type="submit" class="amphi-button" data-testid="score-submit" aria-disabled={busy}>
          {busy ? t('grades.form.saving') : t('grades.form.save')}
        </button>
      </div>
    </form>
  );
}
