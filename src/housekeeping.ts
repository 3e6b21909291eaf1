import { sql } from 'kysely';
import type { AppContext } from './app-context.js';
import { deleteExpiredNonces } from './lti/launch/nonce.repository.js';
import { deleteExpiredSessions } from './lti/session/session.repository.js';
import { pruneFinishedJobs } from './jobs/job.service.js';
import { cleanUpVideoFiles } from './video/video-housekeeping.js';
import { deleteExpiredCallbackTokens } from './classroom/callbacks/callback.repository.js';
import { applyRetention } from './privacy/retention.service.js';

/**
 * Drops nonces past their login's expiry, expired sessions and jobs finished 30 days ago, and
 * refreshes PGlite's planner statistics, shortly after start then every few minutes. Returns the
 * stop function.
 */
export function startHousekeeping(ctx: AppContext, everyMs = 5 * 60_000): () => void {
  const run = async () => {
    const now = new Date();
    try {
      await deleteExpiredNonces(ctx.db, now);
      await deleteExpiredSessions(ctx.db, now);
      await pruneFinishedJobs(ctx.db, now);
      await cleanUpVideoFiles(ctx, now);
      await deleteExpiredCallbackTokens(ctx.db, now);
      await applyRetention(ctx, now);
      // PGlite runs no autovacuum: without fresh statistics the planner picks slow plans as tables grow.
      if (ctx.engine === 'pglite') await sql`analyze`.execute(ctx.db);
    } catch (err) {
      ctx.logger.warn({ err }, 'housekeeping failed');
    }
  };
  const first = setTimeout(run, Math.min(everyMs, 30_000));
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
