import crypto from 'node:crypto';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../http/errors.js';
import { findPlatformForLogin } from '../platforms/platform.service.js';
import type { PlatformRow } from '../platforms/platform.table.js';
import type { LoginParams } from './login.schemas.js';
import { openLoginState, sealLoginState } from './login-state.js';

export interface LoginRedirect {
  state: string;
  nonce: string;
  /** The platform's OIDC authorization endpoint with the authentication request. */
  redirectUrl: string;
}

/**
 * Called once the login names a registered platform: from then on a refusal is shown in that
 * platform's iframe (its administrator reads it there), and only there.
 */
export type PlatformKnown = (platform: PlatformRow) => void;

/**
 * Answers a third-party initiated login with an OIDC authentication request
 * (IMS Security Framework §5.1.1.2) carrying the sealed state and a fresh nonce.
 * https://www.imsglobal.org/spec/security/v1p0/#step-2-authentication-request
 */
export async function startLogin(ctx: AppContext, params: LoginParams, platformKnown: PlatformKnown = () => {}): Promise<LoginRedirect> {
  const platform = await findPlatformForLogin(ctx.platforms, params.iss, params.client_id);
  platformKnown(platform);
  assertTargetIsThisTool(ctx, params.target_link_uri);
  const nonce = crypto.randomBytes(24).toString('base64url');
  const state = sealLoginState(ctx.secrets.loginStateKeyBytes, {
    p: platform.id,
    n: nonce,
    t: params.target_link_uri,
    lh: params.login_hint,
    mh: params.lti_message_hint,
    d: params.lti_deployment_id,
    a: params.amphi_auth,
    exp: Math.floor(Date.now() / 1000) + ctx.config.lti.stateTtlSeconds,
  });
  const url = new URL(params.amphi_auth === 'local' ? localAuthUrl(platform) : platform.auth_login_url);
  const query: Record<string, string | undefined> = {
    scope: 'openid',
    response_type: 'id_token',
    response_mode: 'form_post',
    prompt: 'none',
    client_id: platform.client_id,
    redirect_uri: `${ctx.config.http.publicUrl}/lti/launch`,
    login_hint: params.login_hint,
    lti_message_hint: params.lti_message_hint,
    state,
    nonce,
  };
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
  return { state, nonce, redirectUrl: url.toString() };
}

/**
 * "Open in a new window" after cookies were blocked: the same login, started again in a
 * first-party window where the state cookie can be kept.
 */
export async function restartLogin(ctx: AppContext, sealedState: string, platformKnown: PlatformKnown = () => {}): Promise<LoginRedirect> {
  const login = openLoginState(ctx.secrets.loginStateKeyBytes, sealedState);
  const platform = login && (await ctx.platforms.findById(login.p));
  if (!login || !platform) throw new AppError('unknown-state', 400);
  const params = {
    iss: platform.issuer,
    client_id: platform.client_id,
    login_hint: login.lh,
    target_link_uri: login.t,
    lti_message_hint: login.mh,
    lti_deployment_id: login.d,
    amphi_auth: login.a,
  };
  return startLogin(ctx, params, platformKnown);
}

/**
 * The platform a login that failed validation still names by its `iss` (and `client_id`), if it
 * names exactly one, as a valid login would find it; none for anything else.
 */
export async function platformNamedByLogin(ctx: AppContext, iss: unknown, clientId: unknown): Promise<PlatformRow | undefined> {
  if (typeof iss !== 'string' || iss.length > 1000 || !(clientId === undefined || (typeof clientId === 'string' && clientId.length <= 255))) return undefined;
  const rows = await ctx.platforms.findByIssuer(iss, clientId);
  return rows.length === 1 ? rows[0] : undefined;
}

const MOODLE_AUTH_PATH = '/mod/lti/auth.php';
const LOCAL_AUTH_PATH = '/local/amphi/auth.php';

/**
 * Where Moodle's local_amphi signs launches of content embedded in a text: next to mod_lti's auth
 * endpoint on the registered origin and path prefix, never a URL the request names, so a login
 * cannot send anyone anywhere else. A platform whose auth endpoint is not Moodle's has none.
 */
function localAuthUrl(platform: PlatformRow): string {
  const registered = new URL(platform.auth_login_url);
  // An administrator may have made local_amphi's endpoint the tool's auth URL (it passes the rest on to mod_lti's).
  if (registered.pathname.endsWith(LOCAL_AUTH_PATH) && !registered.search) return registered.toString();
  if (!registered.pathname.endsWith(MOODLE_AUTH_PATH) || registered.search) throw new AppError('embed-auth-unavailable', 400, { authUrl: platform.auth_login_url });
  registered.pathname = `${registered.pathname.slice(0, -MOODLE_AUTH_PATH.length)}${LOCAL_AUTH_PATH}`;
  return registered.toString();
}

/** A platform must not be able to bounce users to another site through us. */
function assertTargetIsThisTool(ctx: AppContext, targetLinkUri: string): void {
  if (new URL(targetLinkUri).origin !== new URL(ctx.config.http.publicUrl).origin) {
    throw new AppError('invalid-target-link-uri', 400, { uri: targetLinkUri, publicUrl: ctx.config.http.publicUrl });
  }
}
