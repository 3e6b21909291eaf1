import type { Db } from '../../db/database.js';
import type { LrsCredentialRow } from './credential.table.js';

export async function insertCredential(
  db: Db,
  row: { id: string; platformId: string; name: string; key: string; secretHash: string; scopes: string[]; authority: unknown },
): Promise<LrsCredentialRow> {
  return db
    .insertInto('lrs_credentials')
    .values({
      id: row.id,
      platform_id: row.platformId,
      name: row.name,
      key: row.key,
      secret_hash: row.secretHash,
      scopes: row.scopes,
      authority: JSON.stringify(row.authority),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findCredentialByKey(db: Db, key: string): Promise<LrsCredentialRow | undefined> {
  return db.selectFrom('lrs_credentials').selectAll().where('key', '=', key).executeTakeFirst();
}

export function listCredentialRows(db: Db, platformId: string | undefined): Promise<LrsCredentialRow[]> {
  let q = db.selectFrom('lrs_credentials').selectAll().orderBy('created_at');
  if (platformId) q = q.where('platform_id', '=', platformId);
  return q.execute();
}

/** Marks the credential revoked (kept: stored statements name it as their authority). */
export function revokeCredentialRow(db: Db, idOrKey: string): Promise<LrsCredentialRow | undefined> {
  return db
    .updateTable('lrs_credentials')
    .set({ revoked_at: new Date() })
    .where((eb) => eb.or([eb('id', '=', idOrKey), eb('key', '=', idOrKey)]))
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function touchCredential(db: Db, id: string): Promise<void> {
  await db.updateTable('lrs_credentials').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}
