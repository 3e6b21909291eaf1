import type { AppContext } from '../../app-context.js';
import { AppError } from '../../http/errors.js';
import { describeOutboundFailure, type OutboundTrust } from '../../http/outbound.js';
import { PlatformOpenIdConfiguration, RegistrationResponse } from './openid-configuration.schema.js';

const TIMEOUT_MS = 10_000;
/** Moodle's configuration is a few kB and its registration answer less: far below this. */
const MAX_BYTES = 256 * 1024;

/**
 * The two calls of LTI Dynamic Registration to the platform (§3.4 configuration, §3.5 registration).
 * The URLs came through the web, so they go through the outbound client (no redirects, bounded; no
 * private addresses unless `trust` is the operator's: the registration service grants it for an
 * origin the operator added a platform on); a failure is reported by its status or a short
 * classification only, never with what the remote answered.
 */
export async function fetchPlatformConfiguration(ctx: AppContext, url: URL, token: string | undefined, trust: OutboundTrust): Promise<PlatformOpenIdConfiguration> {
  const body = await callPlatform(ctx, url.toString(), { method: 'GET', headers: { Accept: 'application/json', ...bearer(token) } }, 'configuration', trust);
  const parsed = PlatformOpenIdConfiguration.safeParse(body);
  if (!parsed.success) {
    // Field names and our own rules only: no value from the answer is repeated.
    throw failed(`the platform configuration is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export async function postRegistration(ctx: AppContext, endpoint: string, request: object, token: string | undefined, trust: OutboundTrust): Promise<RegistrationResponse> {
  const body = await callPlatform(
    ctx,
    endpoint,
    { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...bearer(token) }, body: JSON.stringify(request) },
    'registration',
    trust,
  );
  const parsed = RegistrationResponse.safeParse(body);
  if (!parsed.success) throw failed('the platform’s registration answer has no valid client_id');
  return parsed.data;
}

async function callPlatform(
  ctx: AppContext,
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  what: 'configuration' | 'registration',
  trust: OutboundTrust,
): Promise<unknown> {
  let text: string;
  try {
    const response = await ctx.outbound.fetch(url, { ...init, trust, timeoutMs: TIMEOUT_MS, maxBytes: MAX_BYTES, redirects: 'refuse' });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      throw failed(`the platform’s ${what} endpoint answered HTTP ${response.status}`);
    }
    text = await response.text();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw failed(`the request to the platform’s ${what} endpoint failed: ${describeOutboundFailure(err).message}`, err);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw failed(`the platform’s ${what} endpoint did not answer JSON`, err);
  }
}

function bearer(token: string | undefined): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function failed(reason: string, cause?: unknown): AppError {
  return new AppError('registration-failed', 502, { reason }, { cause, logReason: reason });
}
