import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nContext.js';

/**
 * What a learner sees on a teachers-only dashboard: what it is and why it shows them nothing.
 * No figures are asked for (the server would refuse them anyway: dashboard-for-instructors).
 */
export function TeachersOnlyNotice() {
  const { t } = useI18n();
  return (
    <div class="amphi-notice" data-testid="dashboard-for-instructors">
      <Icon name="lock" size={20} />
      <div>
        <p class="amphi-notice-heading">{t('dashboardPage.forTeachers.heading')}</p>
        <p>{t('dashboardPage.forTeachers.body')}</p>
      </div>
    </div>
  );
}
