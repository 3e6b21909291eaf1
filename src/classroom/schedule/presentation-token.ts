import crypto from 'node:crypto';

/**
 * Signed, expiring presentation URLs: /classroom/presentations/<token>/<fileName>. BigBlueButton
 * downloads the file named in create's <modules> body without any session, so the token is the
 * grant: it names the platform and the classroom and expires. token = base64url(JSON) "." HMAC.
 */
export interface PresentationGrant {
  platformId: string;
  resourceId: string;
  /** Unix seconds. */
  exp: number;
}

/** Long enough for BBB to fetch the file after create (it does so at once, then converts). */
export const PRESENTATION_URL_TTL_SECONDS = 3600;

const keys = new WeakMap<Buffer, Buffer>();

/** A key of its own, derived from the session key (as media URLs do): one key, one purpose. */
function presentationKey(sessionKey: Buffer): Buffer {
  let key = keys.get(sessionKey);
  if (!key) keys.set(sessionKey, (key = Buffer.from(crypto.hkdfSync('sha256', sessionKey, Buffer.alloc(0), 'amphi classroom presentation url v1', 32))));
  return key;
}

export function signPresentationToken(sessionKey: Buffer, grant: PresentationGrant): string {
  const body = Buffer.from(JSON.stringify({ p: grant.platformId, r: grant.resourceId, e: grant.exp })).toString('base64url');
  return `${body}.${crypto.createHmac('sha256', presentationKey(sessionKey)).update(body).digest('base64url')}`;
}

export type PresentationTokenCheck = { ok: true; grant: PresentationGrant } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

export function verifyPresentationToken(sessionKey: Buffer, token: string, nowSeconds = Date.now() / 1000): PresentationTokenCheck {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = crypto.createHmac('sha256', presentationKey(sessionKey)).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  let payload: { p?: unknown; r?: unknown; e?: unknown };
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof payload;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof payload.p !== 'string' || typeof payload.r !== 'string' || typeof payload.e !== 'number') return { ok: false, reason: 'malformed' };
  if (payload.e < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true, grant: { platformId: payload.p, resourceId: payload.r, exp: payload.e } };
}
