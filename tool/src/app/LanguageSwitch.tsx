import { useI18n } from '../i18n/I18nContext.js';
import type { Locale } from '../i18n/i18n.js';

const LOCALES: Locale[] = ['fr', 'en'];

interface Props {
  onChoose: (locale: Locale) => void;
  /** Why the choice will not be remembered, when saving it failed. */
  problem?: string | null;
}

/**
 * French or English for the whole page, at once. Each button names its language in that language
 * (with `lang`, so screen readers pronounce it right): a reader looks for their own.
 */
export function LanguageSwitch({ onChoose, problem }: Props) {
  const { t, locale } = useI18n();
  return (
    <div class="amphi-language">
      <div class="amphi-toggle-group" role="group" aria-label={t('shell.language')} data-testid="language-switch">
        {LOCALES.map((option) => (
          <button
            key={option}
            type="button"
            class="amphi-toggle"
            lang={option}
            aria-pressed={locale === option}
            data-locale={option}
            onClick={() => locale !== option && onChoose(option)}
          >
            {t(`shell.language.option.${option}`)}
          </button>
        ))}
      </div>
      <p class="amphi-language-status" role="status" data-testid="language-status">
        {problem}
      </p>
    </div>
  );
}
