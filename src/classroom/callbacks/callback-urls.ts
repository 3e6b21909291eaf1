import crypto from 'node:crypto';
import type { AppContext } from '../../app-context.js';

/**
 * The URLs BigBlueButton calls back (given at create as meta_ parameters). Each names the meeting
 * row and carries an HMAC of (kind, meeting row, platform) under a key of Amphi's own: a forged
 * or altered URL is refused before BBB's own JWT is looked at, and a URL made for one meeting (or
 * one platform) can never act on another. No expiry: BBB may call days later (recordings are
 * processed long after the meeting); the row must exist.
 */
export const CALLBACK_KINDS = ['end', 'recording-ready', 'analytics'] as const;
export type CallbackKind = (typeof CALLBACK_KINDS)[number];

const KEY_INFO = 'amphi classroom callback v1';
const keys = new WeakMap<Buffer, Buffer>();

function callbackKey(ctx: AppContext): Buffer {
  const base = ctx.secrets.sessionKeyBytes;
  let key = keys.get(base);
  if (!key) {
    key = Buffer.from(crypto.hkdfSync('sha256', base, Buffer.alloc(0), KEY_INFO, 32));
    keys.set(base, key);
  }
  return key;
}

function mac(ctx: AppContext, kind: CallbackKind, meetingRowId: string, platformId: string): string {
  return crypto.createHmac('sha256', callbackKey(ctx)).update(`${kind}\n${meetingRowId}\n${platformId}`).digest('base64url');
}

/** `<meeting row id>.<hmac>`: what the callback route receives as :token. */
export function callbackToken(ctx: AppContext, kind: CallbackKind, meeting: { id: string; platform_id: string }): string {
  return `${meeting.id}.${mac(ctx, kind, meeting.id, meeting.platform_id)}`;
}

export function callbackUrl(ctx: AppContext, kind: CallbackKind, meeting: { id: string; platform_id: string }): string {
  return `${ctx.config.http.publicUrl}/classroom/callbacks/${kind}/${callbackToken(ctx, kind, meeting)}`;
}

/** The meeting row a token names (not yet verified: the MAC needs the row's platform), or undefined when it is not a token at all. */
export function meetingRowIdOf(token: string): string | undefined {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/i.exec(token);
  return match?.[1]?.toLowerCase();
}

/** Whether the token was made by this Amphi for this kind, meeting row and platform (constant time). */
export function isCallbackTokenValid(ctx: AppContext, kind: CallbackKind, token: string, meeting: { id: string; platform_id: string }): boolean {
  const expected = Buffer.from(callbackToken(ctx, kind, meeting));
  const given = Buffer.from(token);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

/**
 * The meta keys (without the meta_ prefix) the join passes to create. BBB ≥ 2.x reads
 * bbb-recording-ready-url; older servers and Scalelite setups the legacy bn-recording-ready-url:
 * both point at the same route.
 */
export function callbackMeta(ctx: AppContext, meeting: { id: string; platform_id: string }): Record<string, string> {
  const recordingReady = callbackUrl(ctx, 'recording-ready', meeting);
  return {
    endCallbackUrl: callbackUrl(ctx, 'end', meeting),
    'bbb-recording-ready-url': recordingReady,
    'bn-recording-ready-url': recordingReady,
    'analytics-callback-url': callbackUrl(ctx, 'analytics', meeting),
  };
}
