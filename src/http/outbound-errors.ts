/**
 * Why an outbound request failed, in a few words that are safe to show to whoever gave Amphi the
 * URL: a classification, never what the remote answered (which may be an internal service's page).
 */
export type OutboundFailureReason =
  | 'address-refused'
  | 'bad-url'
  | 'dns-failed'
  | 'unreachable'
  | 'timeout'
  | 'tls'
  | 'redirect-refused'
  | 'too-large'
  | 'aborted';

const MESSAGES: Record<OutboundFailureReason, string> = {
  'address-refused': 'the address is loopback, private, link-local or reserved and not in OUTBOUND_ALLOW',
  'bad-url': 'not an http or https URL',
  'dns-failed': 'the host name did not resolve',
  unreachable: 'the connection failed (refused, reset or no route)',
  timeout: 'no answer in time',
  tls: 'the TLS connection failed (certificate or handshake)',
  'redirect-refused': 'answered with a redirect, which is not followed',
  'too-large': 'the answer is larger than allowed',
  aborted: 'the request was cancelled',
};

export class OutboundError extends Error {
  constructor(
    readonly reason: OutboundFailureReason,
    message: string = MESSAGES[reason],
    options?: { cause?: unknown; concealed?: boolean },
  ) {
    super(message, options);
    this.name = 'OutboundError';
    this.concealed = options?.concealed ?? false;
  }

  /** True when `message` is the one text shown for both 'address-refused' and 'dns-failed' (see concealInternalNames). */
  readonly concealed: boolean;
}

/** What a web URL's chooser learns when the host is not one Amphi may reach, whatever the reason. */
export const NOT_REACHABLE_MESSAGE =
  'not reachable from Amphi: the host name does not resolve, or the address is loopback, private, link-local or reserved and not in OUTBOUND_ALLOW';

/**
 * For a URL that came through the web, a name that does not resolve and a name (or an IP) inside
 * the network get the same message: otherwise whoever typed the URL learns which internal names
 * exist. `reason` keeps the difference, for the logs and for the callers' retry decisions.
 */
export function concealInternalNames(err: OutboundError, trust: 'web' | 'operator'): OutboundError {
  if (trust !== 'web' || (err.reason !== 'address-refused' && err.reason !== 'dns-failed')) return err;
  return new OutboundError(err.reason, NOT_REACHABLE_MESSAGE, { cause: err.cause ?? err, concealed: true });
}

/** A short, classified text for any error an outbound request threw; safe to show and to store. */
export function describeOutboundFailure(err: unknown): { reason: OutboundFailureReason | 'other'; message: string } {
  if (err instanceof OutboundError) return { reason: err.reason, message: err.message };
  return { reason: 'other', message: 'the request failed' };
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EPIPE',
  'EADDRNOTAVAIL',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Turns what undici/net/tls threw into an OutboundError (the original stays as `cause`, for logs). */
export function classifyNetworkError(err: unknown, signals: { timeout: AbortSignal; caller?: AbortSignal }): OutboundError {
  if (err instanceof OutboundError) return err;
  if (signals.caller?.aborted) return new OutboundError('aborted', undefined, { cause: err });
  if (signals.timeout.aborted) return new OutboundError('timeout', undefined, { cause: err });
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof OutboundError) return e;
    const code = (e as { code?: unknown }).code;
    if (typeof code !== 'string') continue;
    if (DNS_CODES.has(code)) return new OutboundError('dns-failed', undefined, { cause: err });
    if (TIMEOUT_CODES.has(code)) return new OutboundError('timeout', undefined, { cause: err });
    if (code.startsWith('HPE_')) return new OutboundError('unreachable', 'the answer was not valid HTTP', { cause: err });
    if (NETWORK_CODES.has(code)) return new OutboundError('unreachable', undefined, { cause: err });
    if (/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|HOSTNAME_MISMATCH)/.test(code) || code.startsWith('ERR_OSSL')) {
      return new OutboundError('tls', undefined, { cause: err });
    }
  }
  const name = (err as { name?: unknown })?.name;
  if (name === 'TimeoutError') return new OutboundError('timeout', undefined, { cause: err });
  if (name === 'AbortError') return new OutboundError('aborted', undefined, { cause: err });
  return new OutboundError('unreachable', undefined, { cause: err });
}
