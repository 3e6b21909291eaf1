import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';

/**
 * One remote key set per platform JWKS URL. jose caches the keys, refetches when a token names
 * an unknown `kid` (a platform rotated its keys), and rate-limits refetches (cooldown).
 */
export class PlatformJwksCache {
  private readonly sets = new Map<string, JWTVerifyGetKey>();

  constructor(private readonly options: { cacheSeconds: number; cooldownSeconds?: number; timeoutMs?: number }) {}

  get(jwksUrl: string): JWTVerifyGetKey {
    let set = this.sets.get(jwksUrl);
    if (!set) {
      set = createRemoteJWKSet(new URL(jwksUrl), {
        cacheMaxAge: this.options.cacheSeconds * 1000,
        cooldownDuration: (this.options.cooldownSeconds ?? 10) * 1000,
        timeoutDuration: this.options.timeoutMs ?? 5000,
        headers: { 'User-Agent': 'Amphi LTI tool' },
      });
      this.sets.set(jwksUrl, set);
    }
    return set;
  }

  /** Drop a platform's keys (platform removed or its JWKS URL changed). */
  forget(jwksUrl: string): void {
    this.sets.delete(jwksUrl);
  }
}
