import crypto from 'node:crypto';
import { decodeJwt } from 'jose';
import type { AppContext } from '../../app-context.js';
import { LaunchError } from '../../http/errors.js';
import { toLocale, type Locale } from '../../http/messages.js';
import { openLoginState } from '../login/login-state.js';
import { upsertDeployment } from '../platforms/platform.repository.js';
import type { LaunchSession } from '../session/session.service.js';
import type { DeploymentRow, PlatformRow } from '../platforms/platform.table.js';
import type { Db } from '../../db/database.js';
import { CLAIM, LaunchClaims, SUPPORTED_MESSAGE_TYPES, isResourceLinkLaunch } from './claims.schema.js';
import { verifyIdToken } from './id-token.js';
import { launchServicesFrom, type LaunchServices } from './launch-context.js';
import { deleteSession, insertLaunch } from './launch.repository.js';
import { isNonceUsed } from './nonce.repository.js';
import { outboundTrustOf } from '../services/platform-trust.js';
import { toAppRole, type AppRole } from './roles.js';
import { describeIssues } from '../../http/validation-messages.js';

export type LaunchOutcome =
  | { kind: 'session'; session: LaunchSession; nonce: string }
  /** The state is genuine but this browser did not keep our cookie: offer a first-party window. */
  | { kind: 'cookies-blocked'; state: string; locale: Locale };

export interface LaunchInput {
  idToken: string;
  state: string;
  /** Whether the browser sent back the state cookie holding this nonce. */
  stateCookieHolds: (nonce: string) => boolean;
  /**
   * Called once the sealed state names the launching platform: from then on the answer (the app,
   * the cookie help, a refusal) is shown in that platform's iframe, and only there.
   */
  platformKnown: (platform: PlatformRow) => void;
  acceptLocale: Locale | undefined;
}

/**
 * The launch (LTI 1.3 §5.1 / Security Framework §5.1.3): sealed state → browser binding →
 * signature and standard claims → LTI claims → deployment → single use of the nonce, records
 * and session in one statement, all or nothing.
 */
export async function handleLaunch(ctx: AppContext, input: LaunchInput): Promise<LaunchOutcome> {
  const now = new Date();
  const login = openLoginState(ctx.secrets.loginStateKeyBytes, input.state, now.getTime());
  if (!login) throw new LaunchError('unknown-state', 400, {}, { logReason: 'state forged, damaged or expired' });
  // The state is ours (sealed at the login that named this platform): its pages may be framed by it.
  const platform = await ctx.platforms.findById(login.p);
  if (!platform) throw new LaunchError('unknown-state', 400, {}, { logReason: 'platform removed during login' });
  input.platformKnown(platform);
  if (!input.stateCookieHolds(login.n)) {
    // A replayed form has no cookie either (the first launch cleared it): refuse, do not offer a window.
    if (await isNonceUsed(ctx.db, login.n)) throw new LaunchError('unknown-state', 400, {}, { logReason: 'nonce replayed' });
    return { kind: 'cookies-blocked', state: input.state, locale: unverifiedLocaleOf(input.idToken) ?? input.acceptLocale ?? 'en' };
  }

  const payload = await verifyIdToken(input.idToken, ctx.platformJwks.get(platform.jwks_url, outboundTrustOf(platform)), {
    issuer: platform.issuer,
    clientId: platform.client_id,
    nonce: login.n,
    clockSkewSeconds: ctx.config.lti.clockSkewSeconds,
  });
  const returnUrl = returnUrlOf(payload);
  const verifiedLocale = localeOf(payload) ?? input.acceptLocale;
  const claims = parseClaims(payload, returnUrl, verifiedLocale);
  if (claims[CLAIM.targetLinkUri] !== login.t) {
    throw launchError('invalid-target-link-uri', 400, { uri: claims[CLAIM.targetLinkUri], publicUrl: login.t }, returnUrl, verifiedLocale);
  }
  const deploymentId = claims[CLAIM.deploymentId];
  let deployment = await ctx.platforms.findDeployment(platform.id, deploymentId);
  if (!deployment) {
    if (!platform.allow_new_deployments) throw launchError('unknown-deployment', 403, { deploymentId }, returnUrl, verifiedLocale);
    deployment = await upsertDeployment(ctx.db, platform.id, deploymentId);
    ctx.logger.info({ platformId: platform.id, deploymentId }, 'new deployment registered on first launch');
  }
  const role = toAppRole(claims[CLAIM.roles]);
  const locale = toLocale(claims[CLAIM.launchPresentation]?.locale) ?? toLocale(claims.locale) ?? input.acceptLocale ?? 'en';
  const launch = launchServicesFrom(claims);
  const expiresAt = new Date(now.getTime() + ctx.config.lti.sessionMaxAgeSeconds * 1000);
  const session = await recordLaunch(ctx.db, { platform, deployment, claims, nonce: login.n, nonceExpiresAt: new Date(login.exp * 1000), role, locale, launch, now, expiresAt });
  return { kind: 'session', session, nonce: login.n };
}

interface LaunchRecord {
  platform: PlatformRow;
  deployment: DeploymentRow;
  claims: LaunchClaims;
  nonce: string;
  nonceExpiresAt: Date;
  role: AppRole;
  locale: Locale;
  launch: LaunchServices;
  now: Date;
  expiresAt: Date;
}

/** Single use of the nonce, the launch's user, course and link, and the session: one statement. */
async function recordLaunch(db: Db, record: LaunchRecord): Promise<LaunchSession> {
  const { platform, deployment, claims, role, locale, launch, now, expiresAt } = record;
  const user = claims.sub
    ? {
        sub: claims.sub,
        name: claims.name ?? null,
        given_name: claims.given_name ?? null,
        family_name: claims.family_name ?? null,
        email: claims.email ?? null,
        locale: claims.locale ?? null,
      }
    : undefined;
  const contextClaim = claims[CLAIM.context];
  const context = contextClaim
    ? {
        context_id: contextClaim.id,
        title: contextClaim.title ?? null,
        label: contextClaim.label ?? null,
        types: contextClaim.type ?? [],
        memberships_url: launch.nrps?.contextMembershipsUrl ?? null,
        lineitems_url: launch.ags?.lineitems ?? null,
        ags_scopes: launch.ags?.scope ?? null,
      }
    : undefined;
  const linkClaim = isResourceLinkLaunch(claims) ? claims[CLAIM.resourceLink] : undefined;
  const link = linkClaim
    ? {
        resource_link_id: linkClaim.id,
        title: linkClaim.title ?? null,
        description: linkClaim.description ?? null,
        custom: claims[CLAIM.custom] ?? {},
        lineitem_url: launch.ags?.lineitem ?? null,
      }
    : undefined;
  const row = {
    nonce: record.nonce,
    nonceExpiresAt: record.nonceExpiresAt,
    platformId: platform.id,
    deploymentId: deployment.id,
    user,
    context,
    link,
    session: {
      id: crypto.randomUUID(),
      message_type: claims[CLAIM.messageType],
      role,
      roles: JSON.stringify(claims[CLAIM.roles]),
      locale,
      launch: JSON.stringify(launch),
      expires_at: expiresAt,
    },
  };
  // Single use, checked after the signature so a forged post cannot burn a genuine login.
  let ids = await insertLaunch(db, row);
  if (!ids) throw new LaunchError('unknown-state', 400, {}, { logReason: 'nonce replayed' });
  // A row created by a concurrent first launch is invisible to this statement's snapshot: once more.
  if ((user && !ids.user_id) || (context && !ids.context_id) || (link && !ids.resource_link_id)) {
    await deleteSession(db, row.session.id);
    ids = (await insertLaunch(db, row, true))!;
  }
  // The session as loadSession would read it back, without reading it back.
  return {
    id: row.session.id,
    platform: { id: platform.id, name: platform.name, issuer: platform.issuer },
    deployment: { id: deployment.id, deploymentId: deployment.deployment_id },
    user: user && ids.user_id ? { id: ids.user_id, sub: user.sub, name: user.name, givenName: user.given_name, familyName: user.family_name, email: user.email } : null,
    context: context && ids.context_id ? { id: ids.context_id, contextId: context.context_id, title: context.title, label: context.label } : null,
    resourceLink: link && ids.resource_link_id ? { id: ids.resource_link_id, resourceLinkId: link.resource_link_id, title: link.title } : null,
    messageType: claims[CLAIM.messageType],
    role,
    roles: claims[CLAIM.roles],
    // The language the person chose in the page wins over the one their LMS sent (as in loadSession).
    locale: ids.preferred_locale ?? locale,
    launch,
    createdAt: now,
    expiresAt,
  };
}

function parseClaims(payload: Record<string, unknown>, returnUrl: string | undefined, locale: Locale | undefined): LaunchClaims {
  const messageType = payload[CLAIM.messageType];
  if (typeof messageType === 'string' && !(SUPPORTED_MESSAGE_TYPES as readonly string[]).includes(messageType)) {
    throw launchError('unsupported-message-type', 400, { messageType }, returnUrl, locale);
  }
  const parsed = LaunchClaims.safeParse(payload, { reportInput: true });
  if (!parsed.success) {
    const { details, detailsFr } = describeIssues(parsed.error.issues, { en: 'message_type', fr: 'message_type' });
    throw launchError('invalid-claims', 400, { details, detailsFr }, returnUrl, locale);
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
