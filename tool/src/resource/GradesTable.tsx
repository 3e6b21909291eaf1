import type { GradebookLearner } from '../api/api-types.js';
import { useI18n } from '../i18n/I18nContext.js';
import { GradeRow } from './GradeRow.js';

interface Props {
  learners: GradebookLearner[];
  onGrade: (userId: string) => void;
  onRetry: (userId: string) => void;
  retrying: boolean;
}

/** The class's scores; scrolls sideways on narrow screens (the scroll area is keyboard reachable). */
export function GradesTable({ learners, onGrade, onRetry, retrying }: Props) {
  const { t } = useI18n();
  if (!learners.length) return <p class="amphi-muted">{t('grades.noLearners')}</p>;
  return (
    <div class="amphi-table-scroll" role="region" aria-labelledby="amphi-grades-caption" tabIndex={0}>
      <table class="amphi-table" data-testid="grades-table">
        <caption id="amphi-grades-caption">{t('grades.table.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('grades.table.learner')}</th>
            <th scope="col">{t('grades.table.score')}</th>
            <th scope="col">{t('grades.table.delivery')}</th>
            <th scope="col">{t('grades.table.attempts')}</th>
            <th scope="col">{t('grades.table.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {learners.map((learner) => (
            <GradeRow key={learner.userId} learner={learner} onGrade={onGrade} onRetry={onRetry} retrying={retrying} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
