import crypto from 'node:crypto';

/**
 * Signed, expiring media URLs: /media/<token>/<path>. The signature sits in the PATH, so the
 * relative URLs of an HLS playlist (segments, sub-playlists) inherit it and hls.js needs neither
 * cookies nor headers inside the LMS iframe. token = base64url(JSON payload) "." base64url(HMAC).
 */
export interface MediaGrant {
  mediaId: string;
  platformId: string;
  /** Unix seconds. */
  exp: number;
  /** Set only in a download URL: the file name offered to the browser. */
  download?: string;
  /** In a download URL: who it was signed for and for which resource, to record the download. */
  viewer?: { userId: string; resourceId: string };
}

interface Payload {
  m: string;
  p: string;
  e: number;
  d?: string;
  u?: string;
  r?: string;
}

const keys = new WeakMap<Buffer, Buffer>();

/** A key of its own, derived from the session key: one key never serves two purposes. */
function mediaKey(sessionKey: Buffer): Buffer {
  let key = keys.get(sessionKey);
  if (!key) keys.set(sessionKey, (key = Buffer.from(crypto.hkdfSync('sha256', sessionKey, Buffer.alloc(0), 'amphi media url v1', 32))));
  return key;
}

export function signMediaToken(sessionKey: Buffer, grant: MediaGrant): string {
  const payload: Payload = {
    m: grant.mediaId,
    p: grant.platformId,
    e: grant.exp,
    ...(grant.download ? { d: grant.download } : {}),
    ...(grant.viewer ? { u: grant.viewer.userId, r: grant.viewer.resourceId } : {}),
  };
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${crypto.createHmac('sha256', mediaKey(sessionKey)).update(body).digest('base64url')}`;
}

export type TokenCheck = { ok: true; grant: MediaGrant } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

export function verifyMediaToken(sessionKey: Buffer, token: string, nowSeconds = Date.now() / 1000): TokenCheck {
  const [body, mac, extra] = token.split('.');
  if (!body || !mac || extra !== undefined) return { ok: false, reason: 'malformed' };
  const expected = crypto.createHmac('sha256', mediaKey(sessionKey)).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Payload;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof payload.m !== 'string' || typeof payload.p !== 'string' || typeof payload.e !== 'number') return { ok: false, reason: 'malformed' };
  if (payload.e < nowSeconds) return { ok: false, reason: 'expired' };
  const viewer = typeof payload.u === 'string' && typeof payload.r === 'string' ? { viewer: { userId: payload.u, resourceId: payload.r } } : {};
  return { ok: true, grant: { mediaId: payload.m, platformId: payload.p, exp: payload.e, ...(payload.d ? { download: payload.d } : {}), ...viewer } };
}

/**
 * The expiry of URLs signed now: rounded up to the next quarter hour so that pages opened within
 * the same quarter get the same URLs (the browser's cache keeps working across reloads).
 */
export function mediaExpiry(ttlSeconds: number, nowMs = Date.now()): number {
  const exp = Math.floor(nowMs / 1000) + ttlSeconds;
  return Math.ceil(exp / 900) * 900;
}
