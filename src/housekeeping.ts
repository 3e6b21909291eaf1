import type { AppContext } from './app-context.js';
import { deleteExpiredNonces } from './lti/launch/nonce.repository.js';
import { deleteExpiredSessions } from './lti/session/session.repository.js';

/** Drops nonces past their login's expiry and expired sessions every few minutes. Returns the stop function. */
export function startHousekeeping(ctx: AppContext, everyMs = 5 * 60_000): () => void {
  const run = async () => {
    const now = new Date();
    try {
      await deleteExpiredNonces(ctx.db, now);
      await deleteExpiredSessions(ctx.db, now);
    } catch (err) {
      ctx.logger.warn({ err }, 'housekeeping failed');
    }
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
