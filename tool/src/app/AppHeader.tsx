import { useI18n } from '../i18n/I18nContext.js';
import { BrandMark } from './BrandMark.js';
import { DisplayToolbar } from './DisplayToolbar.js';

export function AppHeader() {
  const { t } = useI18n();
  return (
    <header class="amphi-header">
      <div class="amphi-header-inner">
        <span class="amphi-brand">
          <BrandMark />
          <span class="amphi-brand-name">{t('app.name')}</span>
        </span>
        <DisplayToolbar />
      </div>
    </header>
  );
}
