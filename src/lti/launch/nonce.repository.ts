import type { Db } from '../../db/database.js';

/** A nonce only needs remembering while its login state could still be presented. */
export function deleteExpiredNonces(db: Db, now: Date) {
  return db.deleteFrom('lti_nonces').where('expires_at', '<', now).execute();
}

export async function isNonceUsed(db: Db, nonce: string): Promise<boolean> {
  return (await db.selectFrom('lti_nonces').select('nonce').where('nonce', '=', nonce).executeTakeFirst()) !== undefined;
}
