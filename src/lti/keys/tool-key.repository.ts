import type { Db } from '../../db/database.js';
import type { ToolKeyRow } from './tool-key.table.js';

export function insertToolKey(db: Db, key: { kid: string; publicJwk: object; privateJwkEncrypted: string }) {
  return db
    .insertInto('tool_keys')
    .values({ kid: key.kid, public_jwk: JSON.stringify(key.publicJwk), private_jwk_encrypted: key.privateJwkEncrypted })
    .execute();
}

/** The signing key: the newest one not retired. */
export function findActiveToolKey(db: Db): Promise<ToolKeyRow | undefined> {
  return db.selectFrom('tool_keys').selectAll().where('retired_at', 'is', null).orderBy('created_at', 'desc').orderBy('kid').executeTakeFirst();
}

/** Keys still published: the active one and retired ones whose expiry has not passed. */
export function listPublishedToolKeys(db: Db, now: Date): Promise<ToolKeyRow[]> {
  return db
    .selectFrom('tool_keys')
    .selectAll()
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('created_at', 'desc')
    .execute();
}

export function listToolKeys(db: Db): Promise<ToolKeyRow[]> {
  return db.selectFrom('tool_keys').selectAll().orderBy('created_at', 'desc').execute();
}

export function retireActiveToolKeys(db: Db, now: Date, expiresAt: Date) {
  return db.updateTable('tool_keys').set({ retired_at: now, expires_at: expiresAt }).where('retired_at', 'is', null).execute();
}

export function deleteExpiredToolKeys(db: Db, now: Date) {
  return db.deleteFrom('tool_keys').where('expires_at', '<=', now).execute();
}
