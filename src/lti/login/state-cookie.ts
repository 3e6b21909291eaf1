import type { Response, Request } from 'express';

/**
 * The cookie that binds a login to the browser that started it (login CSRF protection): it holds
 * the login's nonce, which the sealed state also names.
 * SameSite=None because the platform's form_post is cross-site; Partitioned (CHIPS) so it
 * survives browsers that block third-party cookies but allow partitioned ones.
 */
const PREFIX = 'amphi-state-';

export function stateCookieName(nonce: string): string {
  return PREFIX + nonce.slice(0, 16);
}

export function setStateCookie(res: Response, nonce: string, ttlSeconds: number, secure: boolean): void {
  res.append(
    'Set-Cookie',
    `${stateCookieName(nonce)}=${nonce}; Path=/lti/; Max-Age=${ttlSeconds}; HttpOnly; ${
      secure ? 'SameSite=None; Secure; Partitioned' : 'SameSite=Lax'
    }`,
  );
}

export function clearStateCookie(res: Response, nonce: string, secure: boolean): void {
  res.append(
    'Set-Cookie',
    `${stateCookieName(nonce)}=; Path=/lti/; Max-Age=0; HttpOnly; ${secure ? 'SameSite=None; Secure; Partitioned' : 'SameSite=Lax'}`,
  );
}

export function hasStateCookie(req: Request, nonce: string): boolean {
  return readCookies(req)[stateCookieName(nonce)] === nonce;
}

export function readCookies(req: Request): Record<string, string> {
  const header = req.headers.cookie;
  if (!header) return {};
  const out: Record<string, string> = {};
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!(name in out)) out[name] = decodeURIComponent(part.slice(eq + 1).trim());
  }
  return out;
}

/** Browsers keep Secure cookies only over https, and on http://localhost. */
export function cookiesCanBeSecure(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  return url.protocol === 'https:' || url.hostname === 'localhost' || url.hostname === '127.0.0.1';
}
