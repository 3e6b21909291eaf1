import { STATUS_CODES } from 'node:http';
import { ExternalServiceError } from '../../http/errors.js';
import { OutboundError, describeOutboundFailure } from '../../http/outbound.js';

/**
 * A call to one of the platform's LTI Advantage services failed. `retryable` says whether the
 * same call may succeed later (network, 5xx, 429, expired token) or never will (other 4xx).
 */
export class PlatformServiceError extends ExternalServiceError {
  constructor(
    readonly serviceName: string,
    reason: string,
    readonly httpStatus: number | undefined,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown; detail?: string },
  ) {
    super(serviceName, reason, options);
    this.detail = options?.detail;
  }

  /** The start of what the platform answered, for Amphi's logs only: never shown, never stored. */
  readonly detail: string | undefined;
}

/** A 5xx, 429 or 408 may succeed later; any other 4xx will not. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/** Retry-After in seconds or as an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * A platform's refusal: `reason`, what teachers see and the database keeps, is the status and its
 * standard name. Never the body: a URL that came through the web may point at a service that is
 * not the platform, and what it answered must not come back to whoever chose the URL. `detail`,
 * the body's start, goes to Amphi's logs only, for the operator.
 */
export async function describeFailure(response: Response): Promise<{ reason: string; detail: string }> {
  const detail = (await response.text().catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 300);
  const name = STATUS_CODES[response.status];
  return { reason: `HTTP ${response.status}${name ? ` ${name}` : ''}`, detail };
}

/** A request that got no answer (refused address, DNS, network, timeout), in a few classified words. */
export function describeNoAnswer(err: unknown): string {
  return describeOutboundFailure(err).message;
}

/**
 * A bad URL stays bad: not worth retrying. A refused address is retried like a name that did not
 * resolve: an operator may list it in OUTBOUND_ALLOW meanwhile, a retry sends nothing, and were
 * it final, a score's "failed" against "pending" would tell a platform's administrator which
 * internal host names exist, which the shared message hides.
 */
export function mayAnswerLater(err: unknown): boolean {
  return !(err instanceof OutboundError && err.reason === 'bad-url');
}
