import { useEffect } from 'preact/hooks';
import { ApiContext } from '../api/ApiContext.js';
import { AdminEntry } from '../admin/AdminEntry.js';
import { AppShell } from '../app/AppShell.js';
import { LanguageSwitch } from '../app/LanguageSwitch.js';
import { UserBadge } from '../app/UserBadge.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { LoadingState } from '../components/LoadingState.js';
import { useI18n } from '../i18n/I18nContext.js';
import type { Locale } from '../i18n/i18n.js';
import type { Bootstrap } from '../session/session-types.js';
import { useLocaleChoice } from '../session/useLocaleChoice.js';
import { useSession } from '../session/useSession.js';
import { describeApiError } from './error-message.js';
import { LaunchPage } from './LaunchPage.js';

interface Props {
  bootstrap: Bootstrap;
  /** Switches the whole page's language (App holds it). */
  onLocaleChange: (locale: Locale) => void;
}

/** Confirms the launch with the API, then shows it; or says, in the user's language, why not. */
export function SessionPage({ bootstrap, onLocaleChange }: Props) {
  const { t } = useI18n();
  const { state, client, replaceSession } = useSession(bootstrap);
  const session = state.status === 'ready' ? state.session : null;
  const choice = useLocaleChoice(client, (locale) => {
    onLocaleChange(locale);
    if (session) replaceSession({ ...session, locale });
  });

  // The server's word once the session is confirmed (a choice made in another window meanwhile).
  const confirmedLocale = session?.locale;
  useEffect(() => {
    if (confirmedLocale) onLocaleChange(confirmedLocale);
  }, [confirmedLocale, onLocaleChange]);

  const language = <LanguageSwitch onChoose={choice.choose} problem={choice.failed ? t('shell.language.notSaved') : null} />;
  if (state.status === 'loading') {
    return (
      <AppShell language={language}>
        <LoadingState label={t('app.loading')} />
      </AppShell>
    );
  }
  if (state.status === 'error') {
    const { message, detail, detailLang, reference } = describeApiError(state.error, t);
    const notes = [
      ...(detail ? [{ label: t('error.details'), text: detail, lang: detailLang ?? 'en' }] : []),
      ...(reference ? [{ label: t('error.reference'), text: reference, code: true }] : []),
    ];
    return (
      <AppShell language={language}>
        <ErrorAlert heading={t('error.heading')} message={message} notes={notes} />
      </AppShell>
    );
  }
  return (
    <ApiContext.Provider value={client}>
      <AppShell user={<UserBadge session={state.session} />} admin={state.session.role === 'admin' ? <AdminEntry /> : undefined} language={language}>
        <LaunchPage session={state.session} expired={state.expired} onSessionChange={replaceSession} />
      </AppShell>
    </ApiContext.Provider>
  );
}
