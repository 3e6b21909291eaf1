import { useEffect, useState } from 'preact/hooks';
import { ApiError, fetchSession } from './session-api.js';
import type { Bootstrap, SessionResponse } from './session-types.js';
import { keepTokenFresh } from './token-keeper.js';

export type SessionState =
  | { status: 'loading' }
  | { status: 'ready'; session: SessionResponse; expired: boolean }
  | { status: 'error'; error: ApiError };

/**
 * Confirms the launch with GET /api/session (the bootstrap proves the page was rendered, the
 * API call proves the token works) and keeps the token fresh while the page is open.
 */
export function useSession(bootstrap: Bootstrap): SessionState {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    let active = true;
    const keeper = keepTokenFresh(bootstrap, {
      onExpired: () => setState((s) => (s.status === 'ready' ? { ...s, expired: true } : s)),
    });
    fetchSession(keeper.current(), bootstrap.session.locale)
      .then((session) => active && setState({ status: 'ready', session, expired: false }))
      .catch((err: unknown) => {
        if (!active) return;
        keeper.stop();
        setState({ status: 'error', error: err instanceof ApiError ? err : new ApiError(0, 'unexpected', String(err)) });
      });
    return () => {
      active = false;
      keeper.stop();
    };
  }, [bootstrap]);

  return state;
}
