import type { CohortResponse } from '../../api/analytics-types.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormats } from '../useFormats.js';

/** Why no position is computed: too few learners, or too few actions shared by enough of them. */
export function CohortStatusNote({ cohort }: { cohort: CohortResponse }) {
  const { t } = useI18n();
  const f = useFormats();
  const { thresholds } = cohort;
  const text =
    cohort.status === 'cohort-too-small'
      ? t('cohort.status.cohort-too-small', { size: f.number(cohort.cohortSize), days: f.number(cohort.window.days), min: f.number(thresholds.minCohort) })
      : t('cohort.status.too-few-actions', {
          count: f.number(cohort.activeActions.length),
          rate: f.percent(thresholds.minRate),
          learners: f.number(thresholds.minLearners),
          min: f.number(thresholds.minActions),
        });
  return (
    <p class="amphi-pending" data-testid="cohort-status" data-status={cohort.status}>
      <Icon name="info" />
      <span>{text}</span>
    </p>
  );
}
