import crypto from 'node:crypto';
import { z } from 'zod';

/**
 * The OIDC `state`: the login's parameters and nonce, sealed with an HMAC so the launch can trust
 * them without a database round trip. Single use is enforced on the nonce when the launch is
 * accepted (lti_nonces). The browser binding is the state cookie, which carries the nonce.
 */
const LoginState = z.object({
  v: z.literal(1),
  /** platform id */
  p: z.string(),
  n: z.string(),
  /** target_link_uri, login_hint, lti_message_hint, lti_deployment_id */
  t: z.string(),
  lh: z.string(),
  mh: z.string().optional(),
  d: z.string().optional(),
  /** amphi_auth */
  a: z.literal('local').optional(),
  exp: z.number(),
});
export type LoginState = z.infer<typeof LoginState>;

export function sealLoginState(key: Buffer, state: Omit<LoginState, 'v'>): string {
  const body = Buffer.from(JSON.stringify({ v: 1, ...state })).toString('base64url');
  return `${body}.${mac(key, body)}`;
}

/** The login a state names, or undefined when it is forged, damaged or expired. */
export function openLoginState(key: Buffer, sealed: string, now = Date.now()): LoginState | undefined {
  const [body, tag, extra] = sealed.split('.');
  if (!body || !tag || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(key, body));
  const given = Buffer.from(tag);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return undefined;
  try {
    const parsed = LoginState.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    return parsed.success && parsed.data.exp * 1000 > now ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function mac(key: Buffer, body: string): string {
  return crypto.createHmac('sha256', key).update(body).digest('base64url');
}
