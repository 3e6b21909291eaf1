import type { Db } from '../../db/database.js';
import type { ChecksumAlgorithm } from '../bbb/bbb.types.js';
import type { BbbServerConfiguredBy, BbbServerRow } from '../classroom.table.js';

/** SQL for bbb_servers: one row per platform, the secret already sealed by the service. */
export function findBbbServer(db: Db, platformId: string): Promise<BbbServerRow | undefined> {
  return db.selectFrom('bbb_servers').selectAll().where('platform_id', '=', platformId).executeTakeFirst();
}

export interface BbbServerWrite {
  platformId: string;
  url: string;
  /** Sealed; undefined keeps the stored one (the row must exist). */
  secretEncrypted: string | undefined;
  checksumAlgorithm: ChecksumAlgorithm;
  updatedBy: string | null;
  configuredBy: BbbServerConfiguredBy;
}

/** Inserts or replaces the platform's server; undefined when keeping a secret that is not there. */
export async function saveBbbServer(db: Db, w: BbbServerWrite): Promise<BbbServerRow | undefined> {
  const changes = { url: w.url, checksum_algorithm: w.checksumAlgorithm, updated_by: w.updatedBy, updated_at: new Date(), configured_by: w.configuredBy };
  if (w.secretEncrypted === undefined) {
    return db.updateTable('bbb_servers').set(changes).where('platform_id', '=', w.platformId).returningAll().executeTakeFirst();
  }
  const secret = { secret_encrypted: w.secretEncrypted };
  return db
    .insertInto('bbb_servers')
    .values({ platform_id: w.platformId, ...secret, ...changes })
    .onConflict((oc) => oc.column('platform_id').doUpdateSet({ ...secret, ...changes }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteBbbServer(db: Db, platformId: string): Promise<boolean> {
  const r = await db.deleteFrom('bbb_servers').where('platform_id', '=', platformId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
