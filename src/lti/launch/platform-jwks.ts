import { createRemoteJWKSet, customFetch, type FetchImplementation, type JWTVerifyGetKey } from 'jose';
import type { OutboundHttp, OutboundTrust } from '../../http/outbound.js';

/** A key set is a few kilobytes; Moodle's holds one or two keys. */
const MAX_JWKS_BYTES = 256 * 1024;

/**
 * One remote key set per platform JWKS URL. jose caches the keys, refetches when a token names
 * an unknown `kid` (a platform rotated its keys), and rate-limits refetches (cooldown). The keys
 * are fetched through the outbound client with the platform's trust (lti/services/platform-trust):
 * a self-registered platform's JWKS URL gets the address rules, an operator's may be private.
 */
export class PlatformJwksCache {
  private readonly sets = new Map<string, JWTVerifyGetKey>();

  constructor(private readonly options: { outbound: OutboundHttp; cacheSeconds: number; cooldownSeconds?: number; timeoutMs?: number }) {}

  /** `trust`: 'operator' for a platform the operator added, 'web' (the default) for any other URL. */
  get(jwksUrl: string, trust: OutboundTrust = 'web'): JWTVerifyGetKey {
    const key = `${trust} ${jwksUrl}`;
    let set = this.sets.get(key);
    if (!set) {
      const timeoutMs = this.options.timeoutMs ?? 5000;
      const fetchKeys: FetchImplementation = (url, init) => {
        const headers: Record<string, string> = {};
        init.headers.forEach((value, name) => (headers[name] = value));
        return this.options.outbound.fetch(url, { method: 'GET', headers, trust, timeoutMs, maxBytes: MAX_JWKS_BYTES, signal: init.signal });
      };
      set = createRemoteJWKSet(new URL(jwksUrl), {
        cacheMaxAge: this.options.cacheSeconds * 1000,
        cooldownDuration: (this.options.cooldownSeconds ?? 10) * 1000,
        timeoutDuration: timeoutMs,
        headers: { 'User-Agent': 'Amphi LTI tool' },
        [customFetch]: fetchKeys,
      });
      this.sets.set(key, set);
    }
    return set;
  }

  /** Drop a platform's keys (platform removed or its JWKS URL changed). */
  forget(jwksUrl: string): void {
    this.sets.delete(`operator ${jwksUrl}`);
    this.sets.delete(`web ${jwksUrl}`);
  }
}
