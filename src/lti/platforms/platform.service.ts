import type { Db } from '../../db/database.js';
import { AppError, ConflictError, NotFoundError } from '../../http/errors.js';
import type { LrsIdentity, PlatformRow } from './platform.table.js';
import type { PlatformCache } from './platform-cache.js';
import { PlatformInput } from './platform.schemas.js';
import {
  deletePlatform,
  findPlatformById,
  findPlatformsByIssuer,
  insertPlatform,
  listDeployments,
  listPlatforms,
  updatePlatform,
  upsertDeployment,
} from './platform.repository.js';
import type { NewPlatform } from './platform.repository.js';

// Other features tell the cache a platform changed through this service.
export { platformsChanged } from './platform-cache.js';

export interface PlatformView {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  authLoginUrl: string;
  authTokenUrl: string;
  jwksUrl: string;
  allowNewDeployments: boolean;
  registeredVia: string;
  deploymentIds: string[];
  /** How its users appear as xAPI actors (lrs/xapi/lti-actor.ts). */
  lrsIdentity: LrsIdentity;
  /** Amphi's own demo platform (`amphi demo`), never a real LMS. */
  demo: boolean;
  createdAt: string;
}

export async function addPlatform(db: Db, raw: PlatformInput, defaults: { allowNewDeployments: boolean }): Promise<PlatformView> {
  const input = PlatformInput.parse(raw);
  return db.transaction().execute(async (trx) => {
    if ((await findPlatformsByIssuer(trx, input.issuer, input.clientId)).length > 0) {
      throw new ConflictError('platform-exists', 409, { issuer: input.issuer, clientId: input.clientId });
    }
    const row = await insertPlatform(trx, {
      name: input.name ?? new URL(input.issuer).host,
      issuer: input.issuer,
      client_id: input.clientId,
      auth_login_url: input.authLoginUrl,
      auth_token_url: input.authTokenUrl,
      jwks_url: input.jwksUrl,
      allow_new_deployments: input.allowNewDeployments ?? defaults.allowNewDeployments,
      registered_via: 'manual',
      product_family_code: null,
    });
    for (const deploymentId of input.deploymentIds) await upsertDeployment(trx, row.id, deploymentId);
    return toView(row, input.deploymentIds);
  });
}

export async function listPlatformViews(db: Db): Promise<PlatformView[]> {
  const rows = await listPlatforms(db);
  return Promise.all(rows.map(async (r) => toView(r, (await listDeployments(db, r.id)).map((d) => d.deployment_id))));
}

/** Removes a platform and, by cascade, everything launched from it. */
export async function removePlatform(db: Db, id: string): Promise<PlatformView> {
  const row = await findPlatformById(db, id);
  if (!row) throw new NotFoundError({ what: 'platform', id });
  const deployments = await listDeployments(db, id);
  await deletePlatform(db, id);
  return toView(row, deployments.map((d) => d.deployment_id));
}

export async function setAllowNewDeployments(db: Db, id: string, allow: boolean): Promise<PlatformView> {
  const row = await updatePlatform(db, id, { allow_new_deployments: allow });
  if (!row) throw new NotFoundError({ what: 'platform', id });
  return toView(row, (await listDeployments(db, id)).map((d) => d.deployment_id));
}

/** The platform with this id, or `unknown-platform-id` (for commands that name a platform). */
export async function getPlatformView(db: Db, id: string): Promise<PlatformView> {
  const row = await findPlatformById(db, id);
  if (!row) throw new AppError('unknown-platform-id', 404, { id });
  return toView(row, (await listDeployments(db, id)).map((d) => d.deployment_id));
}

/** Whether statements Amphi writes for this platform's users name them by account (issuer, sub) or by email. */
export async function setLrsIdentity(db: Db, id: string, lrsIdentity: LrsIdentity): Promise<PlatformView> {
  const row = await updatePlatform(db, id, { lrs_identity: lrsIdentity });
  if (!row) throw new AppError('unknown-platform-id', 404, { id });
  return toView(row, (await listDeployments(db, id)).map((d) => d.deployment_id));
}

/**
 * The platform a login names. `client_id` is optional in the login request (LTI 1.3 §4.1);
 * without it the issuer must be unambiguous.
 */
export async function findPlatformForLogin(platforms: PlatformCache, issuer: string, clientId: string | undefined): Promise<PlatformRow> {
  const rows = await platforms.findByIssuer(issuer, clientId);
  if (rows.length === 0) {
    throw new AppError('unknown-platform', 400, { issuer, clientIdPart: clientId ? ` (client_id ${clientId})` : '' });
  }
  if (rows.length > 1) throw new AppError('ambiguous-platform', 400, { issuer });
  return rows[0]!;
}

export function toView(row: PlatformRow, deploymentIds: string[]): PlatformView {
  return {
    id: row.id,
    name: row.name,
    issuer: row.issuer,
    clientId: row.client_id,
    authLoginUrl: row.auth_login_url,
    authTokenUrl: row.auth_token_url,
    jwksUrl: row.jwks_url,
    allowNewDeployments: row.allow_new_deployments,
    registeredVia: row.registered_via,
    deploymentIds,
    lrsIdentity: row.lrs_identity,
    demo: row.demo,
    createdAt: row.created_at.toISOString(),
  };
}

/*
 * Rows for features that set a platform up without an administrator's input (the demo): no
 * input validation here, the caller builds the row itself.
 */

export function getPlatformRow(db: Db, id: string): Promise<PlatformRow | undefined> {
  return findPlatformById(db, id);
}

export function findPlatformRowsByIssuer(db: Db, issuer: string, clientId?: string): Promise<PlatformRow[]> {
  return findPlatformsByIssuer(db, issuer, clientId);
}

/** `db` may be a transaction. */
export function addPlatformRow(db: Db, platform: NewPlatform): Promise<PlatformRow> {
  return insertPlatform(db, platform);
}

/** The deployment, created if the platform does not have it yet. */
export function ensureDeployment(db: Db, platformId: string, deploymentId: string) {
  return upsertDeployment(db, platformId, deploymentId);
}

/** Every platform's id, in order (commands that run per platform). */
export async function listPlatformIds(db: Db): Promise<string[]> {
  return (await listPlatforms(db)).map((p) => p.id).sort();
}
