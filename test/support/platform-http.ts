import type http from 'node:http';

/** Small HTTP helpers shared by the test platform's LTI Advantage endpoints. */

export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(JSON.stringify(body));
}

/** Moodle's services answer `Content-Type: <format>; charset=utf-8` (mod/lti/classes/local/ltiservice/response.php). */
export function sendFormat(res: http.ServerResponse, status: number, format: string, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': `${format}; charset=utf-8`, ...headers }).end(body === undefined ? '' : JSON.stringify(body));
}

/** The error body of Moodle's response::send(): status, reason and what the request looked like. */
export function sendMoodleError(req: http.IncomingMessage, res: http.ServerResponse, status: number, reason: string, headers: Record<string, string> = {}): void {
  const request: Record<string, string> = { method: req.method ?? '', url: req.url ?? '' };
  if (req.headers.accept) request.accept = req.headers.accept;
  if (req.headers['content-type']) request.contentType = mediaType(req.headers['content-type']);
  sendJson(res, status, { status, reason, request }, headers);
}

export function sendHtml(res: http.ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
}

/** The media type without parameters, as Moodle's services.php compares it. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/** A server that went away: the socket closes without any answer. */
export function dropConnection(req: http.IncomingMessage): void {
  req.socket.destroy();
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * `limit`/`from` paging as Moodle does it for line items, results and memberships. `limit` ≤ 0
 * means everything unless the platform imposes a page size.
 */
export function pageOf<T>(items: T[], url: URL, imposedLimit = 0): { page: T[]; limit: number; nextFrom: number | undefined } {
  const asked = Number.parseInt(url.searchParams.get('limit') ?? '0', 10) || 0;
  const limit = asked > 0 ? asked : imposedLimit;
  if (limit <= 0) return { page: items, limit: 0, nextFrom: undefined };
  const from = Math.max(0, Number.parseInt(url.searchParams.get('from') ?? '0', 10) || 0);
  const page = items.slice(from, from + limit);
  return { page, limit, nextFrom: from + limit < items.length ? from + limit : undefined };
}

/** A copy of `url` with `limit` and `from` set: the next page of a paged answer. */
export function nextPageUrl(url: URL, limit: number, from: number): string {
  const next = new URL(url);
  next.searchParams.set('limit', String(limit));
  next.searchParams.set('from', String(from));
  return next.toString();
}
