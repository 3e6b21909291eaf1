import { ApiContext } from '../api/ApiContext.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { LoadingState } from '../components/LoadingState.js';
import { useI18n } from '../i18n/I18nContext.js';
import type { Bootstrap } from '../session/session-types.js';
import { useSession } from '../session/useSession.js';
import { describeApiError } from './error-message.js';
import { LaunchPage } from './LaunchPage.js';

/** Confirms the launch with the API, then shows it; or says, in the user's language, why not. */
export function SessionPage({ bootstrap }: { bootstrap: Bootstrap }) {
  const { t } = useI18n();
  const { state, client, replaceSession } = useSession(bootstrap);

  if (state.status === 'loading') return <LoadingState label={t('app.loading')} />;
  if (state.status === 'error') {
    const { message, detail, reference } = describeApiError(state.error, t);
    const notes = [
      ...(detail ? [{ label: t('error.details'), text: detail, lang: 'en' }] : []),
      ...(reference ? [{ label: t('error.reference'), text: reference, code: true }] : []),
    ];
    return <ErrorAlert heading={t('error.heading')} message={message} notes={notes} />;
  }
  return (
    <ApiContext.Provider value={client}>
      <LaunchPage session={state.session} expired={state.expired} onSessionChange={replaceSession} />
    </ApiContext.Provider>
  );
}
