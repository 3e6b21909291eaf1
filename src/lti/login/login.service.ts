import crypto from 'node:crypto';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../http/errors.js';
import { findPlatformForLogin } from '../platforms/platform.service.js';
import { findPlatformById } from '../platforms/platform.repository.js';
import type { LoginParams } from './login.schemas.js';
import { consumeOidcState, findPendingOidcState, insertOidcState } from './oidc-state.repository.js';

export interface LoginRedirect {
  state: string;
  /** The platform's OIDC authorization endpoint with the authentication request. */
  redirectUrl: string;
}

/**
 * Answers a third-party initiated login with an OIDC authentication request
 * (IMS Security Framework §5.1.1.2), after recording the state and nonce that the launch must echo.
 * https://www.imsglobal.org/spec/security/v1p0/#step-2-authentication-request
 */
export async function startLogin(ctx: AppContext, params: LoginParams): Promise<LoginRedirect> {
  assertTargetIsThisTool(ctx, params.target_link_uri);
  const platform = await findPlatformForLogin(ctx.db, params.iss, params.client_id);
  const state = randomToken();
  const nonce = randomToken();
  await insertOidcState(ctx.db, {
    state,
    nonce,
    platform_id: platform.id,
    target_link_uri: params.target_link_uri,
    login_hint: params.login_hint,
    lti_message_hint: params.lti_message_hint ?? null,
    lti_deployment_id: params.lti_deployment_id ?? null,
    client_id: params.client_id ?? null,
    expires_at: new Date(Date.now() + ctx.config.lti.stateTtlSeconds * 1000),
    used_at: null,
  });
  const url = new URL(platform.auth_login_url);
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
  return { state, redirectUrl: url.toString() };
}

/**
 * "Open in a new window" after cookies were blocked: the pending login is replaced by a fresh one
 * started in a first-party window, where the state cookie can be kept.
 */
export async function restartLogin(ctx: AppContext, oldState: string): Promise<LoginRedirect> {
  const now = new Date();
  const pending = await findPendingOidcState(ctx.db, oldState, now);
  if (!pending || !(await consumeOidcState(ctx.db, oldState, now))) throw new AppError('unknown-state', 400);
  const platform = await findPlatformById(ctx.db, pending.platform_id);
  if (!platform) throw new AppError('unknown-state', 400);
  return startLogin(ctx, {
    iss: platform.issuer,
    client_id: platform.client_id,
    login_hint: pending.login_hint,
    target_link_uri: pending.target_link_uri,
    lti_message_hint: pending.lti_message_hint ?? undefined,
    lti_deployment_id: pending.lti_deployment_id ?? undefined,
  });
}

/** A platform must not be able to bounce users to another site through us. */
function assertTargetIsThisTool(ctx: AppContext, targetLinkUri: string): void {
  if (new URL(targetLinkUri).origin !== new URL(ctx.config.http.publicUrl).origin) {
    throw new AppError('invalid-target-link-uri', 400, { uri: targetLinkUri, publicUrl: ctx.config.http.publicUrl });
  }
}

function randomToken(): string {
  return crypto.randomBytes(24).toString('base64url');
}
