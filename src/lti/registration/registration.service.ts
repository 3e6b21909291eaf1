import type { AppContext } from '../../app-context.js';
import { AppError } from '../../http/errors.js';
import { findDeployment, findPlatformsByIssuer, insertPlatform, listPlatforms, updatePlatform, upsertDeployment } from '../platforms/platform.repository.js';
import type { PlatformRow } from '../platforms/platform.table.js';
import { platformsChanged } from '../platforms/platform-cache.js';
import type { PlatformOpenIdConfiguration } from './openid-configuration.schema.js';
import { findUsableCode } from './registration-code.service.js';
import { setRegistrationCodePlatform, spendRegistrationCode } from './registration-code.repository.js';
import { checkConfigurationOrigins } from './registration-origin.js';
import { fetchPlatformConfiguration, postRegistration } from './registration-remote.js';
import { refused, verifyRegistrationToken, type VerifiedRegistration } from './registration-token.js';
import { buildRegistrationRequest } from './tool-configuration.js';

export interface RegistrationResult {
  platform: PlatformRow;
  deploymentId: string | undefined;
  updated: boolean;
}

export interface RegistrationInput {
  openidConfiguration: string;
  registrationToken: string | undefined;
  /** The operator's one-time code (`amphi registration open`), in code mode. */
  code: string | undefined;
}

/**
 * LTI Dynamic Registration 1.0 (https://www.imsglobal.org/spec/lti-dr/v1p0): read the platform's
 * configuration, check it, send our registration, store the client_id and deployment it returns.
 *
 * Who may do what (DESIGN.md, "Trust boundaries"): a new platform needs the operator's one-time
 * code (LTI_DYNAMIC_REGISTRATION=code; anyone in `open`; nobody in `closed`), which the
 * registration spends. A registration naming a platform Amphi already knows — however it was
 * added — changes it only with a registration token signed by that platform's own key (Moodle's
 * Update), and needs no code. Every check that can be made is made before the platform's
 * registration endpoint is called; without a code, nothing is fetched from an origin that is
 * not a registered platform's.
 */
export async function registerDynamically(ctx: AppContext, input: RegistrationInput): Promise<RegistrationResult> {
  const mode = ctx.config.lti.dynamicRegistration;
  if (mode === 'closed') throw new AppError('registration-closed', 403);
  const configurationUrl = new URL(input.openidConfiguration);
  const code = mode === 'code' && input.code ? await findUsableCode(ctx.db, input.code) : undefined;
  const mayCreate = mode === 'open' || code !== undefined;
  if (!mayCreate) {
    const sameOrigin = (await listPlatforms(ctx.db)).filter((p) => new URL(p.issuer).origin === configurationUrl.origin);
    if (!input.registrationToken || sameOrigin.length === 0) throw codeRefusal(input.code);
    await requireSelfUpdate(ctx, input, await verifyRegistrationToken(ctx, input.registrationToken, sameOrigin, configurationUrl.origin));
  }

  const configuration = await fetchPlatformConfiguration(ctx, configurationUrl, input.registrationToken);
  checkConfigurationOrigins(configurationUrl, configuration);
  checkMessages(configuration);
  const known = await findPlatformsByIssuer(ctx.db, configuration.issuer);
  const verified = known.length ? await verifyRegistrationToken(ctx, input.registrationToken, known, configuration.issuer) : undefined;
  if (!mayCreate) {
    if (!verified) throw codeRefusal(input.code);
    await requireSelfUpdate(ctx, input, verified);
  }

  const request = buildRegistrationRequest(ctx.config.http.publicUrl, configuration.scopes_supported);
  const response = await postRegistration(ctx, configuration.registration_endpoint, request, input.registrationToken);
  const deploymentId = response['https://purl.imsglobal.org/spec/lti-tool-configuration']?.deployment_id;
  const values = {
    issuer: configuration.issuer,
    client_id: response.client_id,
    auth_login_url: configuration.authorization_endpoint,
    auth_token_url: configuration.token_endpoint,
    jwks_url: configuration.jwks_uri,
    product_family_code: configuration['https://purl.imsglobal.org/spec/lti-platform-configuration'].product_family_code,
  };
  const result = await ctx.db.transaction().execute(async (trx) => {
    const [existing] = await findPlatformsByIssuer(trx, values.issuer, values.client_id);
    if (existing) {
      // Registered meanwhile, or named by a token another platform of this issuer signed.
      if (!verified?.platforms.some((p) => p.id === existing.id)) throw refused(values.issuer, 'signature');
      const platform = (await updatePlatform(trx, existing.id, values))!;
      if (deploymentId) await upsertDeployment(trx, platform.id, deploymentId);
      return { platform, deploymentId, updated: true, previousJwksUrl: existing.jwks_url };
    }
    if (mode === 'code' && !(code && (await spendRegistrationCode(trx, code.id)))) throw codeRefusal(input.code);
    const platform = await insertPlatform(trx, {
      ...values,
      name: values.issuer.replace(/^https?:\/\//, ''),
      allow_new_deployments: ctx.config.lti.newPlatformAllowsNewDeployments,
      registered_via: 'dynamic',
    });
    if (code) await setRegistrationCodePlatform(trx, code.id, platform.id);
    if (deploymentId) await upsertDeployment(trx, platform.id, deploymentId);
    return { platform, deploymentId, updated: false, previousJwksUrl: undefined };
  });
  if (result.previousJwksUrl) ctx.platformJwks.forget(result.previousJwksUrl);
  ctx.platformJwks.forget(result.platform.jwks_url);
  platformsChanged(ctx);
  ctx.logger.info(
    { platformId: result.platform.id, issuer: values.issuer, clientId: values.client_id, deploymentId, update: result.updated, registrationCodeId: code?.id },
    result.updated ? 'platform registration updated by the platform' : 'platform registered by dynamic registration',
  );
  return { platform: result.platform, deploymentId: result.deploymentId, updated: result.updated };
}

/**
 * Without a code, a verified token is not enough: it must name a registration of that platform —
 * Moodle's `reg-update` names the tool type, whose id is the deployment id Amphi stored; a `reg`
 * names the client id the platform will use. A new client id would create a platform: that needs
 * a code, and is refused before the platform is asked to register anything.
 */
async function requireSelfUpdate(ctx: AppContext, input: RegistrationInput, verified: VerifiedRegistration): Promise<void> {
  const { sub, scope } = verified.claims;
  if (sub !== undefined) {
    for (const platform of verified.platforms) {
      if (scope === 'reg' ? platform.client_id === sub : await findDeployment(ctx.db, platform.id, sub)) return;
    }
  }
  throw codeRefusal(input.code);
}

function codeRefusal(code: string | undefined): AppError {
  return code ? new AppError('registration-code-invalid', 403) : new AppError('registration-code-required', 403);
}

function checkMessages(configuration: PlatformOpenIdConfiguration): void {
  const messages = configuration['https://purl.imsglobal.org/spec/lti-platform-configuration'].messages_supported;
  if (messages?.length && !messages.some((m) => m === 'LtiResourceLinkRequest' || m === 'LtiDeepLinkingRequest')) {
    const reason = 'the platform supports neither LtiResourceLinkRequest nor LtiDeepLinkingRequest';
    throw new AppError('registration-failed', 502, { reason }, { logReason: reason });
  }
}
