import crypto from 'node:crypto';
import { SignJWT } from 'jose';
import type { OutboundHttp } from '../../http/outbound.js';
import type { ToolKeyCache } from '../keys/tool-key.service.js';
import type { PlatformRow } from '../platforms/platform.table.js';
import { outboundTrustOf } from './platform-trust.js';
import { PlatformServiceError, describeFailure, describeNoAnswer, isRetryableStatus, mayAnswerLater, retryAfterMs } from './service-error.js';

/** Refresh a little before the platform's expiry so a token never dies in flight. */
const EXPIRY_MARGIN_MS = 30_000;
const REQUEST_TIMEOUT_MS = 10_000;
/** A token response is a few hundred bytes. */
const MAX_RESPONSE_BYTES = 64 * 1024;

type TokenPlatform = Pick<PlatformRow, 'id' | 'client_id' | 'auth_token_url' | 'registered_via'>;

/**
 * OAuth 2.0 client credentials with a signed JWT assertion (1EdTech Security Framework §4.1,
 * https://www.imsglobal.org/spec/security/v1p0/#using-json-web-tokens-with-oauth-2-0-client-credentials-grant),
 * cached per platform and scope set until shortly before it expires. Concurrent callers share one request.
 */
export class AccessTokenCache {
  private tokens = new Map<string, { value: Promise<string>; expiresAt: number }>();

  constructor(
    private readonly toolKeys: ToolKeyCache,
    private readonly outbound: OutboundHttp,
  ) {}

  get(platform: TokenPlatform, scopes: readonly string[]): Promise<string> {
    const key = cacheKey(platform, scopes);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.value;
    const entry = { value: this.request(platform, scopes, key), expiresAt: Number.POSITIVE_INFINITY };
    entry.value.catch(() => this.tokens.get(key) === entry && this.tokens.delete(key));
    this.tokens.set(key, entry);
    return entry.value;
  }

  /** Forget a token the platform refused (401): the next call asks for a new one. */
  invalidate(platform: TokenPlatform, scopes: readonly string[]): void {
    this.tokens.delete(cacheKey(platform, scopes));
  }

  clear(): void {
    this.tokens.clear();
  }

  private async request(platform: TokenPlatform, scopes: readonly string[], key: string): Promise<string> {
    const signing = await this.toolKeys.get();
    const now = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: signing.kid })
      .setIssuer(platform.client_id)
      .setSubject(platform.client_id)
      .setAudience(platform.auth_token_url)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .setJti(crypto.randomUUID())
      .sign(signing.key);
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      scope: [...scopes].sort().join(' '),
    });
    let response: Response;
    try {
      response = await this.outbound.fetch(platform.auth_token_url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: body.toString(),
        trust: outboundTrustOf(platform),
        timeoutMs: REQUEST_TIMEOUT_MS,
        maxBytes: MAX_RESPONSE_BYTES,
      });
    } catch (err) {
      throw new PlatformServiceError('lti-token', `token endpoint unreachable: ${describeNoAnswer(err)}`, undefined, mayAnswerLater(err), undefined, { cause: err });
    }
    if (!response.ok) {
      const { reason, detail } = await describeFailure(response);
      const retryAfter = retryAfterMs(response.headers.get('retry-after'));
      throw new PlatformServiceError('lti-token', `token endpoint refused: ${reason}`, response.status, isRetryableStatus(response.status), retryAfter, { detail });
    }
    const json = (await response.json().catch(() => undefined)) as { access_token?: unknown; expires_in?: unknown } | undefined;
    if (!json || typeof json.access_token !== 'string') {
      throw new PlatformServiceError('lti-token', 'token endpoint answered without access_token', response.status, true);
    }
    const lifetimeMs = (typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : 3600) * 1000;
    const entry = this.tokens.get(key);
    if (entry) entry.expiresAt = Date.now() + Math.max(0, lifetimeMs - EXPIRY_MARGIN_MS);
    return json.access_token;
  }
}

function cacheKey(platform: TokenPlatform, scopes: readonly string[]): string {
  return `${platform.id} ${[...scopes].sort().join(' ')}`;
}
