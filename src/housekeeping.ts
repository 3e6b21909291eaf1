import type { AppContext } from './app-context.js';
import { deleteStaleOidcStates } from './lti/login/oidc-state.repository.js';
import { deleteExpiredSessions } from './lti/session/session.repository.js';

/** Drops finished logins and expired sessions every few minutes. Returns the stop function. */
export function startHousekeeping(ctx: AppContext, everyMs = 5 * 60_000): () => void {
  const run = async () => {
    const now = new Date();
    try {
      await deleteStaleOidcStates(ctx.db, new Date(now.getTime() - 86_400_000));
      await deleteExpiredSessions(ctx.db, now);
    } catch (err) {
      ctx.logger.warn({ err }, 'housekeeping failed');
    }
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
