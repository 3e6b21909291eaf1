import { useEffect, useMemo, useState } from 'preact/hooks';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { I18nContext } from '../i18n/I18nContext.js';
import { translatorFor, type Locale } from '../i18n/i18n.js';
import { SessionPage } from '../launch/SessionPage.js';
import type { Bootstrap } from '../session/session-types.js';
import { AppShell } from './AppShell.js';
import { LanguageSwitch } from './LanguageSwitch.js';

interface Props {
  bootstrap: Bootstrap | null;
  /** The launch's language (the person's own choice when they made one), or the browser's. */
  locale: Locale;
}

export function App({ bootstrap, locale: initialLocale }: Props) {
  const [locale, setLocale] = useState(initialLocale);
  const i18n = useMemo(() => ({ locale, t: translatorFor(locale) }), [locale]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <I18nContext.Provider value={i18n}>
      {bootstrap ? (
        <SessionPage bootstrap={bootstrap} onLocaleChange={setLocale} />
      ) : (
        // No session to keep the choice in: it holds for this page.
        <AppShell language={<LanguageSwitch onChoose={setLocale} />}>
          <ErrorAlert heading={i18n.t('error.heading')} message={i18n.t('error.noBootstrap')} />
        </AppShell>
      )}
    </I18nContext.Provider>
  );
}
