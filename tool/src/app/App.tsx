import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { I18nContext } from '../i18n/I18nContext.js';
import { loadCatalog, translatorFor, type Locale } from '../i18n/i18n.js';
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
  const [locale, setShownLocale] = useState(initialLocale);
  const wanted = useRef(initialLocale);
  // The other language's catalogue is fetched before switching, so no text is ever shown as its key;
  // the last click wins even if an earlier language arrives later. Offline, the page stays as it is.
  const setLocale = useCallback((next: Locale) => {
    wanted.current = next;
    void loadCatalog(next).then(
      () => wanted.current === next && setShownLocale(next),
      () => undefined,
    );
  }, []);
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
