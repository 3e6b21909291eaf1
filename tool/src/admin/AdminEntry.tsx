import { useI18n } from '../i18n/I18nContext.js';
import { setAdminPageOpen, useAdminPageOpen } from './admin-view.js';

/** The header's way to the administration page, for a platform administrator's launch. */
export function AdminEntry() {
  const { t } = useI18n();
  const open = useAdminPageOpen();
  return (
    <button
      type="button"
      class="amphi-button amphi-button-small amphi-button-secondary"
      aria-pressed={open}
      data-testid="admin-header-entry"
      onClick={() => setAdminPageOpen(!open)}
    >
      {t('admin.headerEntry')}
    </button>
  );
}
