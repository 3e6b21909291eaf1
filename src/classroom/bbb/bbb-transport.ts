/**
 * Why a fetch to BBB threw, in words an administrator can act on. The request URL (which carries
 * the checksum) is never part of the reason.
 */
export function describeFetchFailure(err: unknown, timeoutMs: number): string {
  const error = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (error?.name === 'TimeoutError' || error?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = error?.cause?.code;
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
      return `unreachable (${code ?? error?.cause?.message ?? error?.message ?? 'unknown error'})`;
  }
}

/**
 * Why an answer that is not BBB's XML was refused: an HTML page (a proxy's error page, a web
 * server's welcome page: the URL points at the wrong place), an HTTP error, or other content.
 */
export function describeNonXmlAnswer(status: number, contentType: string): string {
  const type = contentType.split(';')[0]!.trim();
  if (/html/i.test(type)) return `answered ${type}, not BBB's XML (HTTP ${status})`;
  if (status < 200 || status >= 300) return `HTTP ${status}`;
  return `answered something that is not BBB's XML (HTTP ${status}${type ? `, ${type}` : ''})`;
}
