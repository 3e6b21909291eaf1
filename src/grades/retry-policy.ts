import { PlatformServiceError } from '../lti/services/service-error.js';

/**
 * When to try a score's delivery again. Exponential backoff with "equal jitter" (half fixed, half
 * random, so a platform that comes back is not hit by every waiting score at the same instant),
 * capped at `maxDelayMs`; a Retry-After the platform sent (429, 503) is a floor.
 *
 * With the defaults (2 s, doubling, capped at 1 h, 20 attempts) a score keeps being retried for
 * 5 to 9 hours, 7 on average (2 s, 4 s, … 34 min, then hourly) before it is marked failed: a
 * platform down for an evening still gets it, and the teacher can retry a failed one from the
 * gradebook.
 */
export interface RetryPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Deliveries tried in all, the first included, before the score is marked failed. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 2_000, maxDelayMs: 3_600_000, maxAttempts: 20 };

/** The wait after the `attempts`-th failed try (1 = the first), `random` in [0, 1). */
export function backoffDelayMs(policy: RetryPolicy, attempts: number, retryAfterMs?: number, random: number = Math.random()): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, Math.min(attempts - 1, 30)));
  const jittered = exponential / 2 + (exponential / 2) * random;
  return Math.round(Math.max(jittered, Math.min(retryAfterMs ?? 0, policy.maxDelayMs)));
}

export type DeliveryOutcome =
  | { kind: 'retry'; reason: string; httpStatus: number | null; retryAfterMs?: number }
  | { kind: 'fail'; reason: string; httpStatus: number | null };

/**
 * What a failed delivery means. Network errors, 5xx, 408, 429 and a 401 that survived the fresh
 * token may succeed later; so may a failure at the token endpoint (the platform's configuration,
 * which an administrator can fix). Any other answer of the platform (400, 403, 404, 409, 422…) will
 * not change by sending the same score again: the score fails with the platform's reason.
 */
export function classifyFailure(err: unknown): DeliveryOutcome {
  if (!(err instanceof PlatformServiceError)) {
    return { kind: 'retry', reason: err instanceof Error ? err.message : String(err), httpStatus: null };
  }
  const reason = `${err.serviceName}: ${String(err.params.reason)}`;
  const httpStatus = err.httpStatus ?? null;
  const retryable = err.retryable || httpStatus === 401 || (err.serviceName === 'lti-token' && httpStatus !== null);
  return retryable ? { kind: 'retry', reason, httpStatus, retryAfterMs: err.retryAfterMs } : { kind: 'fail', reason, httpStatus };
}

/** When to try again after the `attempts`-th failed try; null: give up (a final answer, or no attempts left). */
export function nextAttemptAt(policy: RetryPolicy, attempts: number, outcome: DeliveryOutcome, now: number, random?: number): Date | null {
  if (outcome.kind === 'fail' || attempts >= policy.maxAttempts) return null;
  return new Date(now + backoffDelayMs(policy, attempts, outcome.retryAfterMs, random));
}
