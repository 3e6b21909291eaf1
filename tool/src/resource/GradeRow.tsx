import type { GradebookLearner } from '../api/api-types.js';
import { useI18n } from '../i18n/I18nContext.js';
import { useFormatter } from '../i18n/useFormatter.js';
import { DeliveryStateBadge } from './DeliveryStateBadge.js';

interface Props {
  learner: GradebookLearner;
  onGrade: (userId: string) => void;
  onRetry: (userId: string) => void;
  retrying: boolean;
}

export function learnerName(learner: Pick<GradebookLearner, 'name' | 'email'>, fallback: string): string {
  return learner.name || learner.email || fallback;
}

/** One learner: last score, its delivery to the platform, and what the teacher can do. */
export function GradeRow({ learner, onGrade, onRetry, retrying }: Props) {
  const { t } = useI18n();
  const format = useFormatter();
  const score = learner.lastScore;
  const name = learnerName(learner, t('grades.unnamed'));
  return (
    <tr data-testid="grade-row" data-user-id={learner.userId}>
      <th scope="row">
        <span class="amphi-block">{name}</span>
        {learner.name && learner.email && <span class="amphi-muted amphi-small">{learner.email}</span>}
      </th>
      <td data-testid="grade-score">
        {score ? (
          <>
            <span class="amphi-block">{t('grades.score', { given: format.number(score.scoreGiven, 2), max: format.number(score.scoreMaximum, 2) })}</span>
            <time class="amphi-muted amphi-small" dateTime={score.timestamp}>
              {format.dateTime(score.timestamp)}
            </time>
            {score.comment && <span class="amphi-block amphi-muted amphi-small">{score.comment}</span>}
          </>
        ) : (
          <span class="amphi-muted">{t('grades.noScore')}</span>
        )}
      </td>
      <td>
        {score ? (
          <>
            <DeliveryStateBadge state={score.state} />
            {score.error && (
              <span class="amphi-block amphi-small amphi-delivery-error" lang="en" data-testid="grade-error">
                {score.error}
              </span>
            )}
          </>
        ) : (
          <span class="amphi-muted">—</span>
        )}
      </td>
      <td class="amphi-numeric">{score ? format.number(score.attempts) : '—'}</td>
      <td>
        <div class="amphi-row-actions">
          <button type="button" class="amphi-button amphi-button-secondary amphi-button-small" aria-label={t('grades.grade.for', { name })} onClick={() => onGrade(learner.userId)}>
            {t('grades.grade')}
          </button>
          {score?.state === 'failed' && (
            <button
              type="button"
              class="amphi-button amphi-button-quiet amphi-button-small"
              aria-label={t('grades.retry.for', { name })}
              aria-disabled={retrying}
              onClick={() => !retrying && onRetry(learner.userId)}
            >
              {t('grades.retry.one')}
            </button>
          )}
        </div>
      </td>
    </tr>
  );
}
