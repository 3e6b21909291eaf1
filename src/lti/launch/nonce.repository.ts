import type { Db } from '../../db/database.js';

export interface LtiNoncesTable {
  nonce: string;
  expires_at: Date;
}

/** Records a launch's nonce; false when it was already used (a replayed id_token). */
export async function insertNonceIfNew(db: Db, nonce: string, expiresAt: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('lti_nonces')
    .values({ nonce, expires_at: expiresAt })
    .onConflict((oc) => oc.column('nonce').doNothing())
    .returning('nonce')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** A nonce only needs remembering while its login state could still be presented. */
export function deleteExpiredNonces(db: Db, now: Date) {
  return db.deleteFrom('lti_nonces').where('expires_at', '<', now).execute();
}

export async function isNonceUsed(db: Db, nonce: string): Promise<boolean> {
  return (await db.selectFrom('lti_nonces').select('nonce').where('nonce', '=', nonce).executeTakeFirst()) !== undefined;
}
