import crypto from 'node:crypto';
import type { AppContext } from '../../app-context.js';
import type { Locale } from '../../http/messages.js';
import type { AppRole } from '../launch/roles.js';
import type { LaunchServices } from '../launch/launch-context.js';
import { findLiveSession, saveLocale } from './session.repository.js';

/** Who is acting, from which platform and course: what every feature route receives. */
export interface LaunchSession {
  id: string;
  platform: { id: string; name: string; issuer: string };
  deployment: { id: string; deploymentId: string };
  user: { id: string; sub: string; name: string | null; givenName: string | null; familyName: string | null; email: string | null } | null;
  context: { id: string; contextId: string; title: string | null; label: string | null } | null;
  resourceLink: { id: string; resourceLinkId: string; title: string | null } | null;
  messageType: string;
  role: AppRole;
  roles: string[];
  locale: Locale;
  launch: LaunchServices;
  createdAt: Date;
  expiresAt: Date;
}

const AUDIENCE = 'amphi-session';

/**
 * The session token the page carries (Authorization: Bearer): it works inside the LMS iframe
 * even when the browser refuses third-party cookies. Short-lived; renewed while the page is open.
 */
export async function signSessionToken(ctx: AppContext, sessionId: string): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + ctx.config.lti.sessionTtlSeconds * 1000);
  // HS256 with node:crypto: ~15 µs instead of ~200 µs through jose and WebCrypto's async jobs.
  const claims = { sub: sessionId, aud: AUDIENCE, iat: Math.floor(Date.now() / 1000), exp: Math.floor(expiresAt.getTime() / 1000) };
  const body = `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`; // {"alg":"HS256"}
  const token = `${body}.${crypto.createHmac('sha256', ctx.secrets.sessionKeyBytes).update(body).digest('base64url')}`;
  return { token, expiresAt };
}

/** The session a token names, or undefined when the token is bad or either has expired. */
export async function sessionFromToken(ctx: AppContext, token: string): Promise<LaunchSession | undefined> {
  const sessionId = verifySessionToken(ctx.secrets.sessionKeyBytes, token, Date.now());
  return sessionId ? loadSession(ctx, sessionId) : undefined;
}

const TOKEN_HEADER = 'eyJhbGciOiJIUzI1NiJ9'; // {"alg":"HS256"}, the only header signSessionToken writes

/**
 * The session id a token names, when Amphi signed it (HS256 over exactly the header it writes),
 * for this audience, and it has not expired. node:crypto, synchronously: jose's WebCrypto path
 * costs ~0.3 ms of the event loop per request, which a lecture hall joining at once feels.
 */
export function verifySessionToken(key: Buffer, token: string, now: number): string | undefined {
  const [header, body, signature, extra] = token.split('.');
  if (header !== TOKEN_HEADER || !body || !signature || extra !== undefined) return undefined;
  // Compared as text: Buffer.from(…, 'base64url') would skip stray characters and accept altered tokens.
  const expected = Buffer.from(crypto.createHmac('sha256', key).update(`${header}.${body}`).digest('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return undefined;
  let claims: { sub?: unknown; aud?: unknown; exp?: unknown };
  try {
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (claims.aud !== AUDIENCE || typeof claims.exp !== 'number' || claims.exp * 1000 <= now) return undefined;
  return typeof claims.sub === 'string' && claims.sub ? claims.sub : undefined;
}

export async function loadSession(ctx: AppContext, id: string): Promise<LaunchSession | undefined> {
  const row = await findLiveSession(ctx.db, id, new Date());
  if (!row) return undefined;
  return {
    id: row.id,
    platform: { id: row.platform_id, name: row.platform_name, issuer: row.platform_issuer },
    deployment: { id: row.deployment_id, deploymentId: row.lti_deployment_id },
    user:
      row.user_id && row.user_sub
        ? {
            id: row.user_id,
            sub: row.user_sub,
            name: row.user_name,
            givenName: row.user_given_name,
            familyName: row.user_family_name,
            email: row.user_email,
          }
        : null,
    context: row.context_id && row.lti_context_id ? { id: row.context_id, contextId: row.lti_context_id, title: row.context_title, label: row.context_label } : null,
    resourceLink:
      row.resource_link_id && row.lti_resource_link_id
        ? { id: row.resource_link_id, resourceLinkId: row.lti_resource_link_id, title: row.resource_link_title }
        : null,
    messageType: row.message_type,
    role: row.role,
    roles: row.roles,
    // The language the person chose in the page wins over the one their LMS sent.
    locale: row.user_preferred_locale ?? row.locale,
    launch: row.launch,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/**
 * The language chosen in the page: for this session at once, and for the person's later launches
 * (their LMS's locale no longer decides). `remembered` is false for a launch that named nobody.
 */
export async function chooseLocale(ctx: AppContext, session: LaunchSession, locale: Locale): Promise<{ locale: Locale; remembered: boolean }> {
  await saveLocale(ctx.db, { id: session.id, userId: session.user?.id ?? null }, locale);
  return { locale, remembered: session.user !== null };
}
