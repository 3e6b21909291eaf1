import { Icon } from '../components/Icon.js';
import { useI18n } from '../i18n/I18nContext.js';

/** A copied course whose teacher has not opened the activity yet: this is the original, read-only. */
export function ReadOnlyNotice() {
  const { t } = useI18n();
  return (
    <div class="amphi-notice" data-testid="resource-readonly">
      <Icon name="lock" size={20} />
      <div>
        <p class="amphi-notice-heading">{t('resource.readOnly.heading')}</p>
        <p>{t('resource.readOnly.body')}</p>
      </div>
    </div>
  );
}
