import { ExternalServiceError } from '../../http/errors.js';
import type { SinkName } from './sink-config.js';
import type { OutboxItem } from './sink-outbox.repository.js';

/** What became of one statement of a batch. */
export type ItemOutcome =
  | { kind: 'delivered'; warning?: string }
  /** Refused this time (overloaded shard, …): tried again later, alone or in another batch. */
  | { kind: 'retry'; reason: string }
  /** Refused for good (a mapping error, a statement the other LRS finds invalid): kept as failed with the reason. */
  | { kind: 'fail'; reason: string };

/**
 * A place accepted statements are forwarded to. `deliver` answers one outcome per item, in order,
 * and throws SinkUnavailableError when the sink took none of them (down, overloaded, refusing our
 * credentials): the whole batch waits and the sink is left alone for a while.
 */
export interface ForwardingSink {
  readonly name: SinkName;
  deliver(items: readonly OutboxItem[]): Promise<ItemOutcome[]>;
  close(): Promise<void>;
}

/** The sink took nothing; logged as an ExternalServiceError, with the wait the sink asked for (Retry-After), if any. */
export class SinkUnavailableError extends ExternalServiceError {
  constructor(
    service: string,
    reason: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(service, reason, options);
  }

  get reason(): string {
    return String(this.params.reason);
  }
}

/** A Retry-After header in milliseconds (seconds or an HTTP date, RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | string[] | null | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A reason short enough for a log line and a column. */
export function shortReason(text: string, max = 500): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export interface ForwardingRetry {
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * The wait after the `failures`-th failure in a row: doubling from `baseDelayMs`, capped at
 * `maxDelayMs`, with "equal jitter" (half fixed, half random: statements of a target that comes back
 * are not all sent at the same instant by every process); a Retry-After is a floor, within the cap.
 * There is no last attempt: a statement waits as long as its sink is down.
 */
export function retryDelayMs(policy: ForwardingRetry, failures: number, retryAfter?: number, random: number = Math.random()): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, Math.min(failures - 1, 30)));
  const jittered = exponential / 2 + (exponential / 2) * random;
  return Math.round(Math.max(jittered, Math.min(retryAfter ?? 0, policy.maxDelayMs)));
}
