import type { Db } from '../../db/database.js';
import type { BbbXapiCredentialRow } from './bbb-xapi.table.js';

/** SQL for bbb_xapi_credentials: one row per platform, the secret already sealed by the service. */
export function findBbbXapiCredential(db: Db, platformId: string): Promise<BbbXapiCredentialRow | undefined> {
  return db.selectFrom('bbb_xapi_credentials').selectAll().where('platform_id', '=', platformId).executeTakeFirst();
}

export interface BbbXapiCredentialWrite {
  platformId: string;
  credentialId: string;
  credentialKey: string;
  secretEncrypted: string;
  createdBy: string | null;
}

/** Inserts or replaces the platform's row; answers the row it replaced (its credential is to revoke). */
export async function replaceBbbXapiCredential(db: Db, w: BbbXapiCredentialWrite): Promise<{ row: BbbXapiCredentialRow; previous: BbbXapiCredentialRow | undefined }> {
  return db.transaction().execute(async (trx) => {
    const previous = await trx.selectFrom('bbb_xapi_credentials').selectAll().where('platform_id', '=', w.platformId).forUpdate().executeTakeFirst();
    const values = { credential_id: w.credentialId, credential_key: w.credentialKey, secret_encrypted: w.secretEncrypted, created_by: w.createdBy, created_at: new Date() };
    const row = await trx
      .insertInto('bbb_xapi_credentials')
      .values({ platform_id: w.platformId, ...values })
      .onConflict((oc) => oc.column('platform_id').doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    return { row, previous };
  });
}

export function deleteBbbXapiCredential(db: Db, platformId: string): Promise<BbbXapiCredentialRow | undefined> {
  return db.deleteFrom('bbb_xapi_credentials').where('platform_id', '=', platformId).returningAll().executeTakeFirst();
}
