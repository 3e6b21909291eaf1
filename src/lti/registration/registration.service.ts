import type { AppContext } from '../../app-context.js';
import { AppError } from '../../http/errors.js';
import type { OutboundTrust } from '../../http/outbound.js';
import { findDeployment, findPlatformsByIssuer, insertPlatform, listPlatforms, updatePlatform, upsertDeployment } from '../platforms/platform.repository.js';
import type { PlatformRow } from '../platforms/platform.table.js';
import { platformsChanged } from '../platforms/platform-cache.js';
import { outboundTrustOf } from '../services/platform-trust.js';
import type { PlatformOpenIdConfiguration } from './openid-configuration.schema.js';
import { holdRegistrationCode, releaseRegistrationCode, spendRegistrationCode, type CodeHold } from './registration-code.service.js';
import { checkConfigurationOrigins } from './registration-origin.js';
import { fetchPlatformConfiguration, postRegistration } from './registration-remote.js';
import { checkRegistrationToken, refused, type TokenProblem, type VerifiedRegistration } from './registration-token.js';
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
 * Who asks decides what may be done and how much a refusal says. The holder of an operator's code
 * may create a platform and is told why a token was refused. Anyone may create one in `open` mode
 * (a lab), but is not told whether a platform's key set can be read. Without a usable code, every
 * refusal is the one an origin without any platform gets: nobody learns which universities are
 * registered, nor whether their keys answer (the logs keep the reason).
 */
interface Caller {
  mode: 'code' | 'open';
  /** In code mode, what became of the code the URL carries (none: no code). */
  hold: CodeHold | undefined;
}

/**
 * LTI Dynamic Registration 1.0 (https://www.imsglobal.org/spec/lti-dr/v1p0): read the platform's
 * configuration, check it, send our registration, store the client_id and deployment it returns.
 *
 * Who may do what (DESIGN.md, "Trust boundaries"): a new platform needs the operator's one-time
 * code (LTI_DYNAMIC_REGISTRATION=code; anyone in `open`; nobody in `closed`). The code is held for
 * this registration before the platform is asked for anything — of two racing with one code, only
 * one ever reaches the platform — let go if the registration fails, and spent by the first that
 * succeeds, whether it created the platform or updated a known one. A registration naming a
 * platform Amphi already knows — however it was added — changes it only with a registration token
 * signed by that platform's own key (Moodle's Update), and needs no code. Every check that can be
 * made is made before the platform's registration endpoint is called; without a code, nothing is
 * fetched from an origin that is not a registered platform's.
 */
export async function registerDynamically(ctx: AppContext, input: RegistrationInput): Promise<RegistrationResult> {
  const mode = ctx.config.lti.dynamicRegistration;
  if (mode === 'closed') throw new AppError('registration-closed', 403);
  const caller: Caller = { mode, hold: mode === 'code' && input.code ? await holdRegistrationCode(ctx.db, input.code) : undefined };
  try {
    return await register(ctx, input, caller);
  } catch (err) {
    const held = heldCode(caller);
    if (held) await releaseRegistrationCode(ctx.db, held).catch((e: unknown) => ctx.logger.warn({ err: e, registrationCodeId: held.id }, 'registration code not let go: its hold lapses'));
    throw err;
  }
}

async function register(ctx: AppContext, input: RegistrationInput, caller: Caller): Promise<RegistrationResult> {
  const configurationUrl = new URL(input.openidConfiguration);
  const held = heldCode(caller);
  const mayCreate = caller.mode === 'open' || held !== undefined;
  const sameOrigin = (await listPlatforms(ctx.db)).filter((p) => new URL(p.issuer).origin === configurationUrl.origin);
  let proved: VerifiedRegistration | undefined;
  if (!mayCreate) {
    if (sameOrigin.length === 0) throw codeRefusal(caller, 'no platform on that origin');
    proved = await verifyToken(ctx, input, caller, sameOrigin, configurationUrl.origin);
    await requireSelfUpdate(ctx, caller, proved);
  }

  const trust = await remoteTrust(ctx, input, sameOrigin, held !== undefined || proved !== undefined);
  const configuration = await fetchPlatformConfiguration(ctx, configurationUrl, input.registrationToken, trust);
  checkConfigurationOrigins(configurationUrl, configuration);
  checkMessages(configuration);
  const known = await findPlatformsByIssuer(ctx.db, configuration.issuer);
  const verified = known.length ? await verifyToken(ctx, input, caller, known, configuration.issuer) : undefined;
  if (!mayCreate) {
    if (!verified) throw codeRefusal(caller, 'no platform of that issuer');
    await requireSelfUpdate(ctx, caller, verified);
  }

  const request = buildRegistrationRequest(ctx.config.http.publicUrl, configuration.scopes_supported);
  const response = await postRegistration(ctx, configuration.registration_endpoint, request, input.registrationToken, trust);
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
    // Registered meanwhile, or named by a token another platform of this issuer signed.
    if (existing && !verified?.platforms.some((p) => p.id === existing.id)) throw tokenRefusal(caller, values.issuer, 'signature');
    if (!existing && !mayCreate) throw codeRefusal(caller, 'the platform answered a client_id Amphi does not know');
    const platform = existing
      ? (await updatePlatform(trx, existing.id, values))!
      : await insertPlatform(trx, {
          ...values,
          name: values.issuer.replace(/^https?:\/\//, ''),
          allow_new_deployments: ctx.config.lti.newPlatformAllowsNewDeployments,
          registered_via: 'dynamic',
        });
    if (deploymentId) await upsertDeployment(trx, platform.id, deploymentId);
    if (held && !(await spendRegistrationCode(trx, held, platform.id))) throw codeRefusal(caller, 'the code was closed during the registration');
    return { platform, deploymentId, updated: existing !== undefined, previousJwksUrl: existing?.jwks_url };
  });
  if (result.previousJwksUrl) ctx.platformJwks.forget(result.previousJwksUrl);
  ctx.platformJwks.forget(result.platform.jwks_url);
  platformsChanged(ctx);
  ctx.logger.info(
    { platformId: result.platform.id, issuer: values.issuer, clientId: values.client_id, deploymentId, update: result.updated, registrationCodeId: held?.id },
    result.updated ? 'platform registration updated by the platform' : 'platform registered by dynamic registration',
  );
  return { platform: result.platform, deploymentId: result.deploymentId, updated: result.updated };
}

/**
 * Without a code, a verified token is not enough: it must name a registration of that platform —
 * Moodle's `reg-update` names the tool type, whose id is the deployment id Amphi stored; a `reg`
 * names the client id the platform will use. A new client id would create a platform: that needs
 * a code, and is refused before the platform is asked to register anything. So does the Update of
 * a platform added by hand without its deployment id, until a launch stores it.
 */
async function requireSelfUpdate(ctx: AppContext, caller: Caller, verified: VerifiedRegistration): Promise<void> {
  const { sub, scope } = verified.claims;
  if (sub !== undefined) {
    for (const platform of verified.platforms) {
      if (scope === 'reg' ? platform.client_id === sub : await findDeployment(ctx.db, platform.id, sub)) return;
    }
  }
  throw codeRefusal(caller, `the ${scope} token names no client id or deployment Amphi knows for that platform`);
}

/**
 * The configuration and registration calls stay on the configuration URL's origin (the
 * registration endpoint must share it). When the operator added a platform on that origin
 * (`amphi platform add`), they vetted it — a Moodle on the campus network — and the calls get the
 * operator's trust, as that platform's keys and services do (services/platform-trust.ts); but only
 * for a caller the operator or the platform vouches for: a code, or a token that origin's
 * platforms signed. Anyone else gets the web's address rules.
 */
async function remoteTrust(ctx: AppContext, input: RegistrationInput, sameOrigin: PlatformRow[], vouched: boolean): Promise<OutboundTrust> {
  if (!sameOrigin.some((p) => outboundTrustOf(p) === 'operator')) return 'web';
  if (vouched) return 'operator';
  return 'problem' in (await checkRegistrationToken(ctx, input.registrationToken, sameOrigin)) ? 'web' : 'operator';
}

async function verifyToken(ctx: AppContext, input: RegistrationInput, caller: Caller, known: PlatformRow[], issuer: string): Promise<VerifiedRegistration> {
  const checked = await checkRegistrationToken(ctx, input.registrationToken, known);
  if ('problem' in checked) throw tokenRefusal(caller, issuer, checked.problem);
  return checked;
}

function tokenRefusal(caller: Caller, issuer: string, problem: TokenProblem): AppError {
  if (heldCode(caller)) return refused(issuer, problem);
  if (caller.mode === 'open') return refused(issuer, problem, problem === 'keys' || problem === 'signature' ? 'unverified' : problem);
  return codeRefusal(caller, `registration token: ${problem}`);
}

/** What anyone without a usable code is told, whatever the origin: it depends on the code only. */
function codeRefusal(caller: Caller, logReason: string): AppError {
  const state = caller.hold?.state;
  if (state === 'busy') return new AppError('registration-code-in-use', 409, {}, { logReason });
  return new AppError(state === undefined ? 'registration-code-required' : 'registration-code-invalid', 403, {}, { logReason });
}

function heldCode(caller: Caller): Extract<CodeHold, { state: 'held' }> | undefined {
  return caller.hold?.state === 'held' ? caller.hold : undefined;
}

function checkMessages(configuration: PlatformOpenIdConfiguration): void {
  const messages = configuration['https://purl.imsglobal.org/spec/lti-platform-configuration'].messages_supported;
  if (messages?.length && !messages.some((m) => m === 'LtiResourceLinkRequest' || m === 'LtiDeepLinkingRequest')) {
    const reason = 'the platform supports neither LtiResourceLinkRequest nor LtiDeepLinkingRequest';
    throw new AppError('registration-failed', 502, { reason }, { logReason: reason });
  }
}
