import type { Db } from '../../db/database.js';
import { findDeployment, findPlatformById, findPlatformsByIssuer } from './platform.repository.js';
import type { DeploymentRow, PlatformRow } from './platform.table.js';

/** Far more than the platforms, deployments and client ids of any site: a bound, not a working size. */
const MAX_ENTRIES = 10_000;

/**
 * Platforms and deployments as logins and launches read them, cached briefly: they change a few
 * times a year. What was not found is not cached. Changes made in this process clear the cache
 * at once; other processes sharing a PostgreSQL database see them within the TTL.
 */
export class PlatformCache {
  private entries = new Map<string, { value: Promise<unknown>; at: number }>();

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 30_000,
  ) {}

  findByIssuer(issuer: string, clientId: string | undefined): Promise<PlatformRow[]> {
    return this.get(`i ${issuer} ${clientId ?? ''}`, () => findPlatformsByIssuer(this.db, issuer, clientId));
  }

  findById(id: string): Promise<PlatformRow | undefined> {
    return this.get(`p ${id}`, () => findPlatformById(this.db, id));
  }

  /** Deployments are cached once found; an unknown one is looked up again each time. */
  findDeployment(platformId: string, deploymentId: string): Promise<DeploymentRow | undefined> {
    return this.get(`d ${platformId} ${deploymentId}`, () => findDeployment(this.db, platformId, deploymentId));
  }

  invalidate(): void {
    this.entries.clear();
  }

  private get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at <= this.ttlMs) return hit.value as Promise<T>;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const value = load();
    // Only what exists is kept: anonymous logins naming random issuers must not grow the cache.
    value.then(
      (found) => {
        if (found === undefined || (Array.isArray(found) && found.length === 0)) this.entries.delete(key);
      },
      () => this.entries.delete(key),
    );
    this.entries.set(key, { value, at: Date.now() });
    return value;
  }
}

/** After any change to platforms or deployments in this process: forget what was cached. */
export function platformsChanged(ctx: { platforms: PlatformCache }): void {
  ctx.platforms.invalidate();
}
