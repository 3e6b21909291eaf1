import { decodeJwt } from 'jose';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../http/errors.js';
import { findPlatformsByIssuer, insertPlatform, updatePlatform, upsertDeployment } from '../platforms/platform.repository.js';
import type { PlatformRow } from '../platforms/platform.table.js';
import { platformsChanged } from '../platforms/platform-cache.js';
import { PlatformOpenIdConfiguration, RegistrationResponse } from './openid-configuration.schema.js';
import { buildRegistrationRequest } from './tool-configuration.js';

export interface RegistrationResult {
  platform: PlatformRow;
  deploymentId: string | undefined;
  updated: boolean;
}

const TIMEOUT_MS = 10_000;

/**
 * LTI Dynamic Registration 1.0 (https://www.imsglobal.org/spec/lti-dr/v1p0): read the platform's
 * configuration, check it, send our registration, store the client_id and deployment it returns.
 * A `reg-update` token (Moodle's "update registration") updates the existing platform in place.
 */
export async function registerDynamically(
  ctx: AppContext,
  input: { openidConfiguration: string; registrationToken: string | undefined },
): Promise<RegistrationResult> {
  if (ctx.config.lti.dynamicRegistration === 'closed') throw new AppError('registration-closed', 403);
  const configuration = await fetchPlatformConfiguration(input.openidConfiguration, input.registrationToken);
  // §3.5.1: the configuration URL must belong to the issuer it describes.
  if (!input.openidConfiguration.startsWith(configuration.issuer)) {
    throw failed(`the issuer ${configuration.issuer} does not match the configuration URL ${input.openidConfiguration}`);
  }
  const messages = configuration['https://purl.imsglobal.org/spec/lti-platform-configuration'].messages_supported;
  if (messages?.length && !messages.some((m) => m === 'LtiResourceLinkRequest' || m === 'LtiDeepLinkingRequest')) {
    throw failed('the platform supports neither LtiResourceLinkRequest nor LtiDeepLinkingRequest');
  }
  const request = buildRegistrationRequest(ctx.config.http.publicUrl, configuration.scopes_supported);
  const response = await postRegistration(configuration.registration_endpoint, request, input.registrationToken);
  const deploymentId = response['https://purl.imsglobal.org/spec/lti-tool-configuration']?.deployment_id;

  const values = {
    name: configuration.issuer.replace(/^https?:\/\//, ''),
    issuer: configuration.issuer,
    client_id: response.client_id,
    auth_login_url: configuration.authorization_endpoint,
    auth_token_url: configuration.token_endpoint,
    jwks_url: configuration.jwks_uri,
    product_family_code: configuration['https://purl.imsglobal.org/spec/lti-platform-configuration'].product_family_code,
  };
  const result = await ctx.db.transaction().execute(async (trx) => {
    const [existing] = await findPlatformsByIssuer(trx, values.issuer, values.client_id);
    const platform = existing
      ? (await updatePlatform(trx, existing.id, values))!
      : await insertPlatform(trx, {
          ...values,
          allow_new_deployments: ctx.config.lti.newPlatformAllowsNewDeployments,
          registered_via: 'dynamic',
        });
    if (deploymentId) await upsertDeployment(trx, platform.id, deploymentId);
    return { platform, deploymentId, updated: existing !== undefined };
  });
  if (result.updated) ctx.platformJwks.forget(result.platform.jwks_url);
  platformsChanged(ctx);
  ctx.logger.info(
    { platformId: result.platform.id, issuer: values.issuer, clientId: values.client_id, deploymentId, update: isUpdateToken(input.registrationToken) },
    'platform registered by dynamic registration',
  );
  return result;
}

async function fetchPlatformConfiguration(url: string, token: string | undefined): Promise<PlatformOpenIdConfiguration> {
  const body = await callPlatform(url, { headers: { Accept: 'application/json', ...bearer(token) } }, 'configuration');
  const parsed = PlatformOpenIdConfiguration.safeParse(body);
  if (!parsed.success) {
    throw failed(`the platform configuration is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

async function postRegistration(endpoint: string, request: object, token: string | undefined) {
  const body = await callPlatform(
    endpoint,
    { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...bearer(token) }, body: JSON.stringify(request) },
    'registration',
  );
  const parsed = RegistrationResponse.safeParse(body);
  if (!parsed.success) throw failed(`the platform's registration response has no valid client_id`);
  return parsed.data;
}

async function callPlatform(url: string, init: RequestInit, what: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (err) {
    throw failed(`the platform ${what} endpoint ${url} could not be reached (${err instanceof Error ? err.message : String(err)})`, err);
  }
  const text = await response.text();
  if (!response.ok) throw failed(`the platform ${what} endpoint answered ${response.status}: ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw failed(`the platform ${what} endpoint did not answer JSON`, err);
  }
}

function bearer(token: string | undefined): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Moodle signs registration tokens with scope `reg` (new) or `reg-update`; only informative here. */
function isUpdateToken(token: string | undefined): boolean {
  if (!token) return false;
  try {
    return decodeJwt(token).scope === 'reg-update';
  } catch {
    return false;
  }
}

function failed(reason: string, cause?: unknown): AppError {
  return new AppError('registration-failed', 502, { reason }, { cause, logReason: reason });
}
