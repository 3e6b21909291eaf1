import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { toApiError, type ApiClient, type ApiError } from '../api/api-client.js';
import { useI18n } from '../i18n/I18nContext.js';
import { fetchSession } from './session-api.js';
import type { Bootstrap, SessionResponse } from './session-types.js';
import { keepTokenFresh, type TokenKeeper } from './token-keeper.js';

export type SessionState =
  | { status: 'loading' }
  | { status: 'ready'; session: SessionResponse; expired: boolean }
  | { status: 'error'; error: ApiError };

export interface SessionControls {
  state: SessionState;
  /** Calls the API with the freshest token. */
  client: ApiClient;
  /** A call answered the session anew (the link now shows another resource): show that one. */
  replaceSession(session: SessionResponse): void;
}

/**
 * Confirms the launch with GET /api/session (the bootstrap proves the page was rendered, the
 * API call proves the token works) and keeps the token fresh while the page is open.
 */
export function useSession(bootstrap: Bootstrap): SessionControls {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const keeper = useRef<TokenKeeper | null>(null);

  useEffect(() => {
    let active = true;
    const tokens = keepTokenFresh(bootstrap, {
      onExpired: () => setState((s) => (s.status === 'ready' ? { ...s, expired: true } : s)),
    });
    keeper.current = tokens;
    fetchSession(tokens.current(), bootstrap.session.locale)
      .then((session) => active && setState({ status: 'ready', session, expired: false }))
      .catch((err: unknown) => {
        if (!active) return;
        tokens.stop();
        setState({ status: 'error', error: toApiError(err) });
      });
    return () => {
      active = false;
      tokens.stop();
    };
  }, [bootstrap]);

  // The page's language can change (the header's switch): calls read it when they are made,
  // and the client stays the same object, so nothing that depends on it loads again.
  const { locale } = useI18n();
  const pageLocale = useRef(locale);
  pageLocale.current = locale;
  const client = useMemo<ApiClient>(
    () => ({
      token: () => keeper.current?.current() ?? bootstrap.token,
      get locale() {
        return pageLocale.current;
      },
    }),
    [bootstrap],
  );
  const replaceSession = useCallback(
    (session: SessionResponse) => setState((s) => (s.status === 'ready' ? { ...s, session } : s)),
    [],
  );
  return { state, client, replaceSession };
}
