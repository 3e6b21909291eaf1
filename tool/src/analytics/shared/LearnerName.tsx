import type { LearnerRef } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/I18nContext.js';

/** A learner's name; someone seen only in traces (never in the course list) says so. */
export function LearnerName({ learner }: { learner: LearnerRef }) {
  const { t } = useI18n();
  return (
    <>
      <span class="amphi-block">{learner.name?.trim() || t('analytics.unnamed')}</span>
      {!learner.inRoster && <span class="amphi-block amphi-muted amphi-small">{t('analytics.notInRoster')}</span>}
    </>
  );
}
