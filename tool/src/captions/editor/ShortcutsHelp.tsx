import { useI18n } from '../../i18n/I18nContext.js';
import { SHORTCUT_LIST } from './caption-keys.js';

/** The editor's shortcuts, in a disclosure that is always there to open. */
export function ShortcutsHelp() {
  const { t } = useI18n();
  return (
    <details class="amphi-captions-shortcuts" data-testid="captions-shortcuts">
      <summary>{t('captions.shortcuts.heading')}</summary>
      <p class="amphi-hint">{t('captions.shortcuts.intro')}</p>
      <dl>
        {SHORTCUT_LIST.map(({ action, keys }) => (
          <div key={action}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{t(`captions.shortcut.${action}`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
