import type { LearnerAnalyticsResponse } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormats } from '../useFormats.js';

/** The learner's quarter of the class in words; a neutral sentence when there is none to give. */
export function CohortPosition({ cohort }: { cohort: LearnerAnalyticsResponse['cohort'] }) {
  const { t } = useI18n();
  const f = useFormats();
  const days = f.number(cohort.windowDays);
  return (
    <section class="amphi-card amphi-stack" aria-labelledby="amphi-my-position" data-testid="learner-position" data-quartile={cohort.quartile ?? 'none'}>
      <h4 id="amphi-my-position">{t('learnerDashboard.position.heading')}</h4>
      <p>{cohort.quartile === null ? t('learnerDashboard.position.none', { days }) : t(`learnerDashboard.position.${cohort.quartile}`, { days })}</p>
    </section>
  );
}
