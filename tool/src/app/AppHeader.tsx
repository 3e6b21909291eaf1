import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/I18nContext.js';
import { BrandMark } from './BrandMark.js';
import { DisplayToolbar } from './DisplayToolbar.js';

/** Amphi's name, who is signed in (once the session is confirmed), the language and display settings. */
export function AppHeader({ user, admin, language }: { user?: ComponentChildren; admin?: ComponentChildren; language: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <header class="amphi-header">
      <div class="amphi-header-inner">
        <span class="amphi-brand">
          <BrandMark />
          <span class="amphi-brand-name">{t('app.name')}</span>
        </span>
        <div class="amphi-header-tools">
          {admin}
          {user}
          {language}
          <DisplayToolbar />
        </div>
      </div>
    </header>
  );
}
