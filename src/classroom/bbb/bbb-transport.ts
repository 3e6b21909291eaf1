import { OutboundError } from '../../http/outbound.js';

/**
 * Why a request to BBB got no usable answer, in words an administrator can act on: a
 * classification, never the request URL (it carries the checksum) nor what the server answered.
 */
export function describeFetchFailure(err: unknown, timeoutMs: number): string {
  // A web URL's refused address and unknown name read alike (outbound-errors.ts); the code in the cause would tell them apart.
  if (err instanceof OutboundError && err.concealed) return err.message;
  const error = err as { name?: string };
  if (error?.name === 'TimeoutError' || error?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  if (err instanceof OutboundError) {
    if (err.reason === 'timeout') return `no answer within ${timeoutMs} ms`;
    if (err.reason !== 'unreachable' && err.reason !== 'dns-failed' && err.reason !== 'tls') return err.message;
  }
  const code = errorCode(err);
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'connection closed before an answer';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return `no answer within ${timeoutMs} ms`;
    default:
      if (code && /CERT|SSL|TLS|SELF_SIGNED|SIGNATURE/i.test(code)) return `TLS certificate refused (${code})`;
      if (err instanceof OutboundError) return err.message;
      return code ? `unreachable (${code})` : 'unreachable';
  }
}

/** The first system error code in the cause chain (undici wraps it in "fetch failed", the client in OutboundError). */
function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return code;
  }
  return undefined;
}

/**
 * Why an answer that is not BBB's XML was refused: an HTML page (a proxy's error page, a web
 * server's welcome page: the URL points at the wrong place), an HTTP error, or other content.
 * The media type is named only when it looks like one; the body never.
 */
export function describeNonXmlAnswer(status: number, contentType: string): string {
  const declared = contentType.split(';')[0]!.trim().toLowerCase();
  const type = /^[a-z0-9.+-]{1,40}\/[a-z0-9.+-]{1,60}$/.test(declared) ? declared : '';
  if (/html/.test(type)) return `answered ${type}, not BBB's XML (HTTP ${status})`;
  if (status < 200 || status >= 300) return `HTTP ${status}`;
  return `answered something that is not BBB's XML (HTTP ${status}${type ? `, ${type}` : ''})`;
}
