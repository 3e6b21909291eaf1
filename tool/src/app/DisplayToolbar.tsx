import { Icon } from '../components/Icon.js';
import { ToggleButton } from '../components/ToggleButton.js';
import { useDisplayPreferences } from '../display/useDisplayPreferences.js';
import { useI18n } from '../i18n/I18nContext.js';

/**
 * Display settings: a light/dark toggle group, high contrast and the dyslexia-friendly font,
 * each a real <button> with aria-pressed, reached with Tab (no roving focus to learn).
 */
export function DisplayToolbar() {
  const { t } = useI18n();
  const { theme, dyslexia, highContrast, setTheme, setDyslexia, setHighContrast } = useDisplayPreferences();
  return (
    <div class="amphi-toolbar" role="group" aria-label={t('display.toolbar')}>
      <div class="amphi-toggle-group" role="group" aria-label={t('display.theme')}>
        <ToggleButton pressed={theme === 'light'} onToggle={() => setTheme('light')} icon={<Icon name="sun" />}>
          {t('display.theme.light')}
        </ToggleButton>
        <ToggleButton pressed={theme === 'dark'} onToggle={() => setTheme('dark')} icon={<Icon name="moon" />}>
          {t('display.theme.dark')}
        </ToggleButton>
      </div>
      <div class="amphi-toggle-group">
        <ToggleButton pressed={highContrast} onToggle={() => setHighContrast(!highContrast)} icon={<Icon name="contrast" />}>
          {t('display.contrast')}
        </ToggleButton>
        <ToggleButton pressed={dyslexia} onToggle={() => setDyslexia(!dyslexia)} icon={<Icon name="text" />}>
          {t('display.dyslexia')}
        </ToggleButton>
      </div>
    </div>
  );
}
