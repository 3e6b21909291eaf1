import { useEffect, useMemo } from 'preact/hooks';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { I18nContext } from '../i18n/I18nContext.js';
import { translatorFor, type Locale } from '../i18n/i18n.js';
import { SessionPage } from '../launch/SessionPage.js';
import type { Bootstrap } from '../session/session-types.js';
import { AppHeader } from './AppHeader.js';
import { SkipLink } from './SkipLink.js';

interface Props {
  bootstrap: Bootstrap | null;
  locale: Locale;
}

export function App({ bootstrap, locale }: Props) {
  const i18n = useMemo(() => ({ locale, t: translatorFor(locale) }), [locale]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <I18nContext.Provider value={i18n}>
      <SkipLink targetId="main" />
      <AppHeader />
      <main id="main" class="amphi-main" tabIndex={-1}>
        {bootstrap ? (
          <SessionPage bootstrap={bootstrap} />
        ) : (
          <ErrorAlert heading={i18n.t('error.heading')} message={i18n.t('error.noBootstrap')} />
        )}
      </main>
    </I18nContext.Provider>
  );
}
