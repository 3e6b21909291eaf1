import crypto from 'node:crypto';
import type { AppContext } from '../../app-context.js';
import type { Db } from '../../db/database.js';
import { XapiError } from '../xapi/xapi-error.js';
import type { Agent } from '../xapi/xapi.types.js';
import { hashSecret, newCredentialKey, newCredentialSecret, verifySecret } from './credential-secret.js';
import { findCredentialByKey, insertCredential, listCredentialRows, revokeCredentialRow, touchCredential } from './credential.repository.js';
import type { LrsCredentialRow } from './credential.table.js';
import { LRS_SCOPES, type LrsPrincipal, type LrsScope } from './lrs-principal.js';
import { CredentialCache } from './credential-cache.js';

export interface CredentialView {
  id: string;
  platformId: string;
  name: string;
  key: string;
  scopes: LrsScope[];
  authority: Agent;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedCredential extends CredentialView {
  /** Shown once; only its SHA-256 hash is kept (credential-secret.ts). */
  secret: string;
}

/**
 * Creates an HTTP Basic credential for one platform. Its authority (Data 2.4.9) is an account
 * on this Amphi named after the credential, so statements say which client stored them.
 */
export async function createCredential(
  db: Db,
  input: { platformId: string; name: string; scopes: LrsScope[]; publicUrl: string },
): Promise<CreatedCredential> {
  const key = newCredentialKey();
  const secret = newCredentialSecret();
  const authority: Agent = { objectType: 'Agent', name: input.name, account: { homePage: `${input.publicUrl}/xapi`, name: key } };
  const row = await insertCredential(db, {
    id: crypto.randomUUID(),
    platformId: input.platformId,
    name: input.name,
    key,
    secretHash: hashSecret(secret),
    scopes: [...new Set(input.scopes)],
    authority,
  });
  return { ...toView(row), secret };
}

export async function listCredentials(db: Db, platformId?: string): Promise<CredentialView[]> {
  return (await listCredentialRows(db, platformId)).map(toView);
}

export async function revokeCredential(ctx: AppContext, idOrKey: string): Promise<CredentialView | undefined> {
  const row = await revokeCredentialRow(ctx.db, idOrKey);
  if (row) credentialCache(ctx).forget(row.key);
  return row ? toView(row) : undefined;
}

const caches = new WeakMap<AppContext['db'], CredentialCache>();
function credentialCache(ctx: AppContext): CredentialCache {
  let cache = caches.get(ctx.db);
  if (!cache) caches.set(ctx.db, (cache = new CredentialCache()));
  return cache;
}

/**
 * HTTP Basic (Communication 4.0). A verified credential is remembered for a short while so a
 * busy client costs no database read per request; a revocation by another process takes effect
 * within the cache's lifetime (30 s), at once in this one.
 */
export async function authenticateLrs(ctx: AppContext, authorization: string | undefined): Promise<LrsPrincipal> {
  const match = /^Basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new XapiError(401, 'Authentication required: send HTTP Basic credentials created with `amphi lrs credentials create`.');
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const key = colon < 0 ? decoded : decoded.slice(0, colon);
  const secret = colon < 0 ? '' : decoded.slice(colon + 1);
  // Keys and secrets are base64url/hex: anything else (a NUL the database would refuse) is simply wrong.
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(key) || !/^[A-Za-z0-9_-]{0,200}$/.test(secret)) {
    throw new XapiError(401, 'These LRS credentials are unknown, revoked, or the secret is wrong.');
  }
  const cache = credentialCache(ctx);
  const cached = cache.get(key, secret);
  if (cached) return cached;
  const row = await findCredentialByKey(ctx.db, key);
  if (!row || row.revoked_at || !verifySecret(secret, row.secret_hash)) {
    throw new XapiError(401, 'These LRS credentials are unknown, revoked, or the secret is wrong.');
  }
  const principal: LrsPrincipal = {
    platformId: row.platform_id,
    credentialId: row.id,
    scopes: new Set(row.scopes.filter((s): s is LrsScope => (LRS_SCOPES as readonly string[]).includes(s))),
    authority: row.authority as Agent,
  };
  cache.set(key, secret, principal);
  void touchCredential(ctx.db, row.id).catch((err) => ctx.logger.warn({ err }, 'could not record credential use'));
  return principal;
}

function toView(row: LrsCredentialRow): CredentialView {
  return {
    id: row.id,
    platformId: row.platform_id,
    name: row.name,
    key: row.key,
    scopes: row.scopes as LrsScope[],
    authority: row.authority as Agent,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/**
 * A credential whose secret nobody knows (a seeded course's statements name its authority, but
 * it authenticates nobody): `amphi lrs credentials create` makes usable ones.
 */
export function addUnusableCredential(db: Db, row: { id: string; platformId: string; name: string; key: string; scopes: string[]; authority: unknown }): Promise<LrsCredentialRow> {
  return insertCredential(db, { ...row, secretHash: hashSecret(newCredentialSecret()) });
}
