import crypto from 'node:crypto';
import type { LrsPrincipal } from './lrs-principal.js';

const TTL_MS = 30_000;
const MAX_ENTRIES = 1000;

/** Verified Basic credentials for 30 s, keyed by key, holding the SHA-256 of the secret that matched. */
export class CredentialCache {
  private readonly entries = new Map<string, { secretDigest: Buffer; principal: LrsPrincipal; expires: number }>();

  get(key: string, secret: string): LrsPrincipal | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return crypto.timingSafeEqual(entry.secretDigest, digest(secret)) ? entry.principal : undefined;
  }

  set(key: string, secret: string, principal: LrsPrincipal): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { secretDigest: digest(secret), principal, expires: Date.now() + TTL_MS });
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}

function digest(secret: string): Buffer {
  return crypto.createHash('sha256').update(secret).digest();
}
