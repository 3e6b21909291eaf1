import { AppError } from '../../http/errors.js';

/** Why an administrator's URL was refused: the `reason` param of 'bbb-server-url-invalid' (one message per reason). */
export type BbbUrlProblem = 'not-a-url' | 'scheme' | 'credentials' | 'query' | 'fragment' | 'too-long';

/**
 * The API base Amphi stores for what an administrator typed: `https://bbb.example.org`,
 * `…/bigbluebutton`, `…/bigbluebutton/` or `…/bigbluebutton/api` all become
 * `https://bbb.example.org/bigbluebutton/api/` (the path BBB and Scalelite serve the API under;
 * a server behind a path prefix, `https://host/bbb`, keeps its prefix).
 *
 * Plain http is accepted, because a Scalelite on a campus network is sometimes reached without
 * TLS from the application servers; but join URLs go to the browsers, so isSecureBbbUrl lets the
 * CLI and the admin page recommend https. Refused: other schemes, credentials in the URL (the
 * secret has its own field and is sealed; a URL is shown and logged), query strings and
 * fragments (the client builds the query and signs it exactly).
 */
export function normaliseBbbUrl(raw: string): string {
  const text = raw.trim();
  if (text.length > 2000) throw invalid('too-long', text.slice(0, 80) + '…');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  } catch {
    throw invalid('not-a-url', text);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('scheme', text);
  if (!url.hostname) throw invalid('not-a-url', text);
  if (url.username || url.password) throw invalid('credentials', `${url.protocol}//${url.host}`);
  if (url.search || text.includes('?')) throw invalid('query', withoutQuery(text));
  if (url.hash || text.includes('#')) throw invalid('fragment', text.split('#')[0]!);
  let path = url.pathname.replace(/\/+$/, '');
  if (/\/bigbluebutton\/api$/i.test(path)) path = path.slice(0, -'/bigbluebutton/api'.length);
  else if (/\/bigbluebutton$/i.test(path)) path = path.slice(0, -'/bigbluebutton'.length);
  return `${url.protocol}//${url.host}${path}/bigbluebutton/api/`;
}

/** https, or http to this machine (a BBB on loopback in development and tests). */
export function isSecureBbbUrl(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

function invalid(reason: BbbUrlProblem, url: string): AppError {
  return new AppError(`bbb-server-url-${reason}`, 400, { url });
}

function withoutQuery(text: string): string {
  return text.split('?')[0]!;
}
