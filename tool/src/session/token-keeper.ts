import { ApiError, refreshSessionToken } from './session-api.js';
import type { SessionToken } from './session-types.js';

/** Refresh this long before the token expires (or a fifth of its lifetime, if shorter). */
const REFRESH_MARGIN_MS = 60_000;
/** After a network or server failure, try again this often until the token expires. */
const RETRY_DELAY_MS = 15_000;

export interface TokenKeeper {
  /** The freshest token: read it at each API call, never keep a copy. */
  current(): string;
  stop(): void;
}

export interface TokenKeeperOptions {
  /** The session cannot be extended any more (refused, or the token ran out). */
  onExpired: () => void;
  refresh?: (token: string) => Promise<SessionToken>;
  now?: () => number;
}

/**
 * Keeps the launch's Bearer token alive while the page stays open: refreshes it shortly before
 * `tokenExpiresAt`, retries on transient failures, and reports the end of the session when the
 * server refuses or stops extending it (sessions have a maximum age).
 */
export function keepTokenFresh(initial: SessionToken, options: TokenKeeperOptions): TokenKeeper {
  const refresh = options.refresh ?? refreshSessionToken;
  const now = options.now ?? Date.now;
  let token = initial.token;
  let expiresAt = Date.parse(initial.tokenExpiresAt);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let refreshing = false;

  const schedule = (delay: number, run: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(run, Math.max(0, delay));
  };
  const expire = () => {
    if (stopped) return;
    stop();
    options.onExpired();
  };
  const scheduleRefresh = (lifetime: number) => {
    const margin = Math.min(REFRESH_MARGIN_MS, lifetime / 5);
    schedule(expiresAt - margin - now(), () => void run());
  };

  async function run(): Promise<void> {
    if (stopped || refreshing) return;
    if (now() >= expiresAt) return expire();
    refreshing = true;
    try {
      const fresh = await refresh(token);
      const freshExpiry = Date.parse(fresh.tokenExpiresAt);
      const extended = freshExpiry > expiresAt;
      token = fresh.token;
      expiresAt = freshExpiry;
      // A token that does not last longer means the session reached its maximum age.
      if (extended) scheduleRefresh(freshExpiry - now());
      else schedule(expiresAt - now(), expire);
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) return expire();
      schedule(Math.min(RETRY_DELAY_MS, expiresAt - now()), () => void run());
    } finally {
      refreshing = false;
    }
  }

  // Timers are throttled in hidden tabs and frames: check again when the page is shown.
  const onVisible = () => {
    if (document.visibilityState === 'visible' && expiresAt - now() < REFRESH_MARGIN_MS) void run();
  };
  function stop() {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', onVisible);
  }

  document.addEventListener('visibilitychange', onVisible);
  scheduleRefresh(expiresAt - now());
  return { current: () => token, stop };
}
