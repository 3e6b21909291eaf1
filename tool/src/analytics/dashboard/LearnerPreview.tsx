import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { LearnerDashboard } from '../learner/LearnerDashboard.js';

/** The teacher's look at what students see on this dashboard (with the teacher's own figures). */
export function LearnerPreview({ dashboardId }: { dashboardId: string }) {
  const { t } = useI18n();
  return (
    <div class="amphi-stack" data-testid="learner-preview">
      <p class="amphi-pending">
        <Icon name="info" />
        <span>{t('learnerDashboard.preview')}</span>
      </p>
      <LearnerDashboard dashboardId={dashboardId} />
    </div>
  );
}
