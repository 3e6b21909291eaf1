import crypto from 'node:crypto';
import { decodeJwt } from 'jose';
import type { AppContext } from '../../app-context.js';
import { LaunchError } from '../../http/errors.js';
import { toLocale, type Locale } from '../../http/messages.js';
import { consumeOidcState, findPendingOidcState } from '../login/oidc-state.repository.js';
import { findDeployment, findPlatformById, upsertDeployment } from '../platforms/platform.repository.js';
import { insertSession } from '../session/session.repository.js';
import { CLAIM, LaunchClaims, SUPPORTED_MESSAGE_TYPES, isResourceLinkLaunch } from './claims.schema.js';
import { verifyIdToken } from './id-token.js';
import { launchServicesFrom } from './launch-context.js';
import { upsertContext, upsertResourceLink, upsertUser } from './launch.repository.js';
import { toAppRole } from './roles.js';

export type LaunchOutcome =
  | { kind: 'session'; sessionId: string }
  /** The state is genuine but this browser did not keep our cookie: offer a first-party window. */
  | { kind: 'cookies-blocked'; state: string; locale: Locale };

export interface LaunchInput {
  idToken: string;
  state: string;
  stateCookiePresent: boolean;
  acceptLocale: Locale | undefined;
}

/**
 * The launch (LTI 1.3 §5.1 / Security Framework §5.1.3): state → signature and standard claims →
 * single use → LTI claims → deployment → records and session, all or nothing.
 */
export async function handleLaunch(ctx: AppContext, input: LaunchInput): Promise<LaunchOutcome> {
  const now = new Date();
  const pending = await findPendingOidcState(ctx.db, input.state, now);
  if (!pending) throw new LaunchError('unknown-state', 400, {}, { logReason: 'state unknown, expired or used' });
  if (!input.stateCookiePresent) {
    return { kind: 'cookies-blocked', state: input.state, locale: unverifiedLocaleOf(input.idToken) ?? input.acceptLocale ?? 'en' };
  }
  const platform = await findPlatformById(ctx.db, pending.platform_id);
  if (!platform) throw new LaunchError('unknown-state', 400, {}, { logReason: 'platform removed during login' });

  const payload = await verifyIdToken(input.idToken, ctx.platformJwks.get(platform.jwks_url), {
    issuer: platform.issuer,
    clientId: platform.client_id,
    nonce: pending.nonce,
    clockSkewSeconds: ctx.config.lti.clockSkewSeconds,
  });
  // Single use, checked after the signature so a forged post cannot burn a genuine login.
  if (!(await consumeOidcState(ctx.db, input.state, now))) {
    throw new LaunchError('unknown-state', 400, {}, { logReason: 'state replayed' });
  }
  const returnUrl = returnUrlOf(payload);
  const verifiedLocale = localeOf(payload) ?? input.acceptLocale;
  const claims = parseClaims(payload, returnUrl, verifiedLocale);
  if (claims[CLAIM.targetLinkUri] !== pending.target_link_uri) {
    throw launchError('invalid-target-link-uri', 400, { uri: claims[CLAIM.targetLinkUri], publicUrl: pending.target_link_uri }, returnUrl, verifiedLocale);
  }
  const deploymentId = claims[CLAIM.deploymentId];
  let deployment = await findDeployment(ctx.db, platform.id, deploymentId);
  if (!deployment) {
    if (!platform.allow_new_deployments) throw launchError('unknown-deployment', 403, { deploymentId }, returnUrl, verifiedLocale);
    deployment = await upsertDeployment(ctx.db, platform.id, deploymentId);
    ctx.logger.info({ platformId: platform.id, deploymentId }, 'new deployment registered on first launch');
  }
  const sessionId = crypto.randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    const user = claims.sub
      ? await upsertUser(trx, platform.id, {
          sub: claims.sub,
          name: claims.name ?? null,
          given_name: claims.given_name ?? null,
          family_name: claims.family_name ?? null,
          email: claims.email ?? null,
          locale: claims.locale ?? null,
        })
      : undefined;
    const contextClaim = claims[CLAIM.context];
    const context = contextClaim
      ? await upsertContext(trx, deployment.id, {
          context_id: contextClaim.id,
          title: contextClaim.title ?? null,
          label: contextClaim.label ?? null,
          types: contextClaim.type ?? [],
        })
      : undefined;
    const link = isResourceLinkLaunch(claims)
        ? await upsertResourceLink(trx, deployment.id, {
            resource_link_id: claims[CLAIM.resourceLink].id,
            context_id: context?.id ?? null,
            title: claims[CLAIM.resourceLink].title ?? null,
            description: claims[CLAIM.resourceLink].description ?? null,
            custom: claims[CLAIM.custom] ?? {},
          })
        : undefined;
    await insertSession(trx, {
      id: sessionId,
      platform_id: platform.id,
      deployment_id: deployment.id,
      user_id: user?.id ?? null,
      context_id: context?.id ?? null,
      resource_link_id: link?.id ?? null,
      message_type: claims[CLAIM.messageType],
      role: toAppRole(claims[CLAIM.roles]),
      roles: JSON.stringify(claims[CLAIM.roles]),
      locale: toLocale(claims[CLAIM.launchPresentation]?.locale) ?? toLocale(claims.locale) ?? input.acceptLocale ?? 'en',
      launch: JSON.stringify(launchServicesFrom(claims)),
      expires_at: new Date(now.getTime() + ctx.config.lti.sessionMaxAgeSeconds * 1000),
    });
  });
  return { kind: 'session', sessionId };
}

function parseClaims(payload: Record<string, unknown>, returnUrl: string | undefined, locale: Locale | undefined): LaunchClaims {
  const messageType = payload[CLAIM.messageType];
  if (typeof messageType === 'string' && !(SUPPORTED_MESSAGE_TYPES as readonly string[]).includes(messageType)) {
    throw launchError('unsupported-message-type', 400, { messageType }, returnUrl, locale);
  }
  const parsed = LaunchClaims.safeParse(payload);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.map(String).join(' › ') || 'message_type'}: ${i.message}`).join('; ');
    throw launchError('invalid-claims', 400, { details }, returnUrl, locale);
  }
  return parsed.data;
}

function launchError(
  code: ConstructorParameters<typeof LaunchError>[0],
  status: number,
  params: Record<string, unknown>,
  returnUrl: string | undefined,
  locale: Locale | undefined,
) {
  const error = new LaunchError(code, status, params);
  error.returnUrl = returnUrl;
  error.locale = locale;
  return error;
}

/** Only read from a verified token: an unverified return URL would make us an open redirect. */
function returnUrlOf(payload: Record<string, unknown>): string | undefined {
  const presentation = payload[CLAIM.launchPresentation] as { return_url?: unknown } | undefined;
  const url = presentation?.return_url;
  return typeof url === 'string' && /^https?:\/\//.test(url) ? url : undefined;
}

function localeOf(payload: Record<string, unknown>): Locale | undefined {
  const presentation = payload[CLAIM.launchPresentation] as { locale?: unknown } | undefined;
  const pick = (v: unknown) => (typeof v === 'string' ? toLocale(v) : undefined);
  return pick(presentation?.locale) ?? pick(payload.locale);
}

/** Best effort, unverified: only to pick the language of the cookie help page. */
function unverifiedLocaleOf(idToken: string): Locale | undefined {
  try {
    return localeOf(decodeJwt(idToken));
  } catch {
    return undefined;
  }
}
