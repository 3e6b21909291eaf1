import type { Db } from '../db/database.js';
import { listPlatformOrigins } from '../lti/platforms/platform.repository.js';

/**
 * The origins allowed to frame Amphi (CSP frame-ancestors): the registered platforms'.
 * Cached briefly; platform changes in this process clear it at once, other processes
 * (PostgreSQL deployments) see them within the TTL.
 */
export class FrameAncestors {
  private cached: { value: Promise<string[]>; at: number } | undefined;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 5_000,
  ) {}

  origins(): Promise<string[]> {
    if (!this.cached || Date.now() - this.cached.at > this.ttlMs) {
      const value = listPlatformOrigins(this.db).then((urls) => [...new Set(urls.map(originOf).filter((o): o is string => !!o))].sort());
      value.catch(() => (this.cached = undefined));
      this.cached = { value, at: Date.now() };
    }
    return this.cached.value;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
