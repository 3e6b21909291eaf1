import type { Logger } from '../http/logger.js';
import type { AppContext } from '../app-context.js';
import { PlatformServiceError } from '../lti/services/service-error.js';
import { AgsClient, AGS_SCOPE, type ActivityProgress, type GradingProgress, type Score } from './ags.client.js';
import { classifyFailure, nextAttemptAt, type RetryPolicy } from './retry-policy.js';
import type { ClaimedScore, DeliveryResult } from './score-outbox.repository.js';

/**
 * One delivery of a claimed score (AGS §3.4 score publish service) and what it means for the row:
 * sent, pending again at a later time, or failed with the platform's reason.
 */
export async function deliverScore(ctx: Pick<AppContext, 'accessTokens' | 'outbound'>, row: ClaimedScore, policy: RetryPolicy, log: Logger): Promise<DeliveryResult> {
  const platform = { id: row.platform_id, client_id: row.client_id, auth_token_url: row.auth_token_url, registered_via: row.registered_via };
  const ags = new AgsClient(ctx, platform, row.ags_scopes ?? []);
  try {
    await ags.postScore(row.line_item_url, toScore(row));
    return { id: row.id, status: 'sent' };
  } catch (err) {
    if (isNotLaterRefusal(err) && (await platformHolds(ags, row))) return { id: row.id, status: 'sent' };
    const outcome = classifyFailure(err);
    const retryAt = nextAttemptAt(policy, row.attempts, outcome, Date.now());
    const detail = err instanceof PlatformServiceError ? err.detail : undefined;
    log.warn({ scoreId: row.id, attempts: row.attempts, httpStatus: outcome.httpStatus, reason: outcome.reason, detail, retryAt }, 'score not delivered');
    if (retryAt) return { id: row.id, status: 'pending', retryAt, error: outcome.reason, httpStatus: outcome.httpStatus };
    const error = outcome.kind === 'retry' ? `${outcome.reason} (gave up after ${row.attempts} attempts)` : outcome.reason;
    return { id: row.id, status: 'failed', error, httpStatus: outcome.httpStatus };
  }
}

/** Moodle answers 409 to a score whose timestamp is not later than the grade it holds. */
function isNotLaterRefusal(err: unknown): boolean {
  return err instanceof PlatformServiceError && err.httpStatus === 409;
}

/**
 * After a 409: does the gradebook hold this very score? It does when an earlier attempt reached
 * the platform but its answer was lost (a timeout, a dropped connection). Read with the result
 * service (§3.3) when the course grants it; otherwise the 409 stands.
 */
async function platformHolds(ags: AgsClient, row: ClaimedScore): Promise<boolean> {
  if (!(row.ags_scopes ?? []).includes(AGS_SCOPE.resultReadonly)) return false;
  try {
    const results = await ags.getResults(row.line_item_url, { userId: row.user_sub });
    return results.some(
      (r) => r.userId === row.user_sub && r.resultScore != null && r.resultMaximum && Math.abs(r.resultScore / r.resultMaximum - row.score_given / row.score_maximum) < 1e-9,
    );
  } catch {
    return false;
  }
}

/** The AGS score (§3.4) of an outbox row: every field Moodle requires, the comment as "" when none. */
export function toScore(row: Pick<ClaimedScore, 'user_sub' | 'score_given' | 'score_maximum' | 'comment' | 'score_timestamp' | 'activity_progress' | 'grading_progress'>): Score {
  return {
    userId: row.user_sub,
    scoreGiven: row.score_given,
    scoreMaximum: row.score_maximum,
    comment: row.comment ?? '',
    timestamp: new Date(row.score_timestamp).toISOString(),
    activityProgress: row.activity_progress as ActivityProgress,
    gradingProgress: row.grading_progress as GradingProgress,
  };
}
