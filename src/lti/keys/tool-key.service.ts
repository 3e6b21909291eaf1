import crypto from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';
import type { Db } from '../../db/database.js';
import type { SecretBox } from '../../crypto/secret-box.js';
import {
  deleteExpiredToolKeys,
  findActiveToolKey,
  insertToolKey,
  listPublishedToolKeys,
  listToolKeys,
  retireActiveToolKeys,
} from './tool-key.repository.js';

export interface SigningKey {
  kid: string;
  key: CryptoKey;
}

export interface ToolKeyDeps {
  db: Db;
  secrets: SecretBox;
  /** How long a retired key stays in the JWKS. */
  retentionDays: number;
}

/** Creates the first key pair when there is none (first start). */
export async function ensureToolKey(deps: ToolKeyDeps): Promise<void> {
  if (!(await findActiveToolKey(deps.db))) await addToolKey(deps);
}

/**
 * Rotation: the new key signs from now on; the previous one stays published for the retention
 * period so platforms that cached our JWKS, and tokens signed just before, still verify.
 */
export async function rotateToolKeys(deps: ToolKeyDeps, now = new Date()): Promise<{ kid: string; retiredUntil: Date }> {
  const retiredUntil = new Date(now.getTime() + deps.retentionDays * 86_400_000);
  return deps.db.transaction().execute(async (trx) => {
    await retireActiveToolKeys(trx, now, retiredUntil);
    await deleteExpiredToolKeys(trx, now);
    const kid = await addToolKey({ ...deps, db: trx });
    return { kid, retiredUntil };
  });
}

async function addToolKey(deps: ToolKeyDeps): Promise<string> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = crypto.randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
  await insertToolKey(deps.db, { kid, publicJwk, privateJwkEncrypted: deps.secrets.encrypt(JSON.stringify(privateJwk)) });
  return kid;
}

/** Loads the active private key. Callers cache it (see ToolKeyCache). */
export async function loadSigningKey(deps: ToolKeyDeps): Promise<SigningKey> {
  const row = await findActiveToolKey(deps.db);
  if (!row) throw new Error('No tool key: the server must call ensureToolKey at start');
  const jwk = JSON.parse(deps.secrets.decrypt(row.private_jwk_encrypted)) as JWK;
  return { kid: row.kid, key: (await importJWK(jwk, 'RS256')) as CryptoKey };
}

export async function publicJwks(db: Db, now = new Date()): Promise<{ keys: JWK[] }> {
  const rows = await listPublishedToolKeys(db, now);
  return { keys: rows.map((r) => r.public_jwk) };
}

export async function describeToolKeys(db: Db) {
  const rows = await listToolKeys(db);
  return rows.map((r) => ({ kid: r.kid, createdAt: r.created_at, retiredAt: r.retired_at, expiresAt: r.expires_at, active: r.retired_at === null }));
}

/**
 * Per-process cache of the signing key. Another process may rotate (PostgreSQL deployments), so
 * the cache is short-lived; the old key stays valid for days, so a minute of lag is harmless.
 */
export class ToolKeyCache {
  private cached: { value: Promise<SigningKey>; at: number } | undefined;
  constructor(
    private readonly deps: ToolKeyDeps,
    private readonly ttlMs = 60_000,
  ) {}

  get(): Promise<SigningKey> {
    if (!this.cached || Date.now() - this.cached.at > this.ttlMs) {
      const value = loadSigningKey(this.deps);
      value.catch(() => (this.cached = undefined));
      this.cached = { value, at: Date.now() };
    }
    return this.cached.value;
  }

  clear(): void {
    this.cached = undefined;
  }
}
