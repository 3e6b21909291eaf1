import { ExternalServiceError } from '../../http/errors.js';

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
    options?: { cause?: unknown },
  ) {
    super(serviceName, reason, options);
  }
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

/** The start of a platform's error body, for the teacher and the logs. */
export async function describeFailure(response: Response): Promise<string> {
  const text = (await response.text().catch(() => '')).replace(/\s+/g, ' ').trim().slice(0, 300);
  return `HTTP ${response.status}${text ? `: ${text}` : ''}`;
}
